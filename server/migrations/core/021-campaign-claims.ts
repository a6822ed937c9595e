import type { Knex } from 'knex';

// One row per successful claim, under the member's pseudonym (S-5.1a). The two unique keys
// are the claim rules the database itself enforces under concurrency:
// - (campaign, pseudonym, token_body): the same QR code scanned twice by one member is one
//   claim; the second request gets the first answer;
// - (campaign, pseudonym, claim_no): claim numbers 1..limit, so no member exceeds the limit.
// Form values are ciphertext only (values_enc under the identity keyring, sensitive_enc under
// the sensitive one, C-4.1.2c), listed in encrypted-columns.ts so key rotation covers them.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaign_claims', (table) => {
    table.string('id', 32).primary();
    table.string('campaign_id', 32).notNullable().references('id').inTable('campaigns');
    table.string('pseudonym', 40).notNullable().index();
    table.string('token_body', 8).notNullable();
    table.string('store_code', 16).notNullable();
    table.integer('claim_no').notNullable();
    table.text('fields').notNullable();
    table.text('values_enc').nullable();
    table.text('sensitive_enc').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.unique(['campaign_id', 'pseudonym', 'token_body']);
    table.unique(['campaign_id', 'pseudonym', 'claim_no']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('campaign_claims');
}
