import type { Knex } from 'knex';

// The claim QR on a receipt with no member link (Alipay, cash, bank card): a random,
// unguessable short code, claimable once before it expires. For an Alipay sale the payer is
// kept only as a keyed blind index, so the claiming member may choose to remember the payer;
// it is cleared when the sale is claimed and once the claim has expired.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('receipt_claims', (table) => {
    table.string('code', 16).primary();
    table.string('transaction_id', 26).notNullable().unique();
    table.string('payer_index', 80).nullable();
    table.specificType('expires_at', 'datetime(3)').notNullable().index();
    table.specificType('claimed_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('receipt_claims');
}
