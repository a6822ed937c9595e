import type { Knex } from 'knex';

// C-4.1.4b: every supplier that touches customer data, what it touches (fields from the
// consent catalogue, kept as a JSON list) and why. Ending a relationship keeps the row: the
// register must still say who held data and until when.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('suppliers', (table) => {
    table.string('code', 40).primary();
    table.string('name', 100).notNullable();
    table.string('purpose', 200).notNullable();
    table.text('fields').notNullable();
    table.string('status', 16).notNullable();
    table.string('created_by', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.string('ended_by', 40).nullable();
    table.specificType('ended_at', 'datetime(3)').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('suppliers');
}
