import type { Knex } from 'knex';

// C-4.2.2.2: shopping guides at counters. A sign-up through a guide's QR code is recorded as
// members.joined_via = 'guide:<code>'; the report counts those, never who the shoppers are.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('shopping_guides', (table) => {
    table.string('id', 32).primary();
    table.string('code', 8).notNullable().unique();
    table.string('display_name', 40).notNullable();
    table.string('store_code', 16).notNullable();
    table.integer('joining_reward_points').notNullable();
    table.string('created_by', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('shopping_guides');
}
