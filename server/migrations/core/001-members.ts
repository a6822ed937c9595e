import type { Knex } from 'knex';

// S-5.1a: the member core holds a random id and a pseudonym, never a direct identifier.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('members', (table) => {
    table.string('id', 32).primary();
    table.string('pseudonym', 32).nullable().unique();
    table.string('card_no', 10).nullable().unique();
    table.string('tier', 16).notNullable().defaultTo('regular');
    table.string('status', 16).notNullable().defaultTo('active');
    table.string('joined_via', 32).nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('deleted_at', 'datetime(3)').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('members');
}
