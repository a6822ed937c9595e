import type { Knex } from 'knex';

// One row per payment code tried for a sale (field case D): the channel order number is
// `<transaction id>-<attempt>` and is never sent twice. A row is written as pending and
// committed before the provider is called, so a process killed mid-payment leaves a record
// that the next try settles by querying the provider, never by charging again.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('checkout_attempts', (table) => {
    table.string('transaction_id', 26).notNullable();
    table.integer('attempt').notNullable();
    table.string('provider', 8).notNullable();
    table.string('channel_order_no', 32).notNullable().unique();
    table.bigInteger('amount_fen').notNullable();
    table.string('status', 12).notNullable();
    table.string('decline_code', 64).nullable();
    table.string('idempotency_key', 128).notNullable();
    table.string('provider_transaction_id', 64).nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('settled_at', 'datetime(3)').nullable();
    table.primary(['transaction_id', 'attempt']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('checkout_attempts');
}
