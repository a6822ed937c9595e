import type { Knex } from 'knex';

// C-4.2.2.1: a sign-up started at the service desk. It holds no shopper data at all: the
// shopper finishes and consents on their own phone; this row only says the code was used.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('desk_signups', (table) => {
    table.string('id', 32).primary();
    table.string('code', 8).notNullable().unique();
    table.string('staff_id', 32).notNullable();
    table.string('store_code', 16).nullable();
    table.string('status', 16).notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.specificType('completed_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('desk_signups');
}
