import type { Knex } from 'knex';

// C-4.1.4b: the confidentiality agreements on file for each supplier. Agreements are only
// added (a renewal is a new row), so the register shows every period a supplier was covered.
// Dates are plain 'YYYY-MM-DD' text in China time, as written on the agreement.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('supplier_agreements', (table) => {
    table.string('id', 32).primary();
    table.string('supplier_code', 40).notNullable().index();
    table.string('reference', 64).notNullable();
    table.string('signed_on', 10).notNullable();
    table.string('expires_on', 10).notNullable();
    table.string('document_sha256', 64).nullable();
    table.string('recorded_by', 40).notNullable();
    table.specificType('recorded_at', 'datetime(3)').notNullable();
    table.unique(['supplier_code', 'reference']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('supplier_agreements');
}
