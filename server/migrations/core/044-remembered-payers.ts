import type { Knex } from 'knex';

// Alipay payers a member chose to remember (protocols/alipay-barcode.md "Linking an Alipay
// payer to a member"), under the transaction-linking consent: the keyed blind index of the
// buyer_user_id only, never the id itself. Withdrawing that consent deletes the member's rows.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('remembered_payers', (table) => {
    table.string('payer_index', 80).primary();
    table.string('pseudonym', 40).notNullable().index();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('remembered_payers');
}
