import type { Knex } from 'knex';

// Till sales (C-4.2.1.4): one row per sale, keyed by (device, the till's checkout id); the id
// is derived from that pair, so every retry of a sale finds the same transaction. A sale is
// linked to a member only as the member's pseudonym, and only under the transaction-linking
// consent (U-6.1.1); the payer's WeChat openid or Alipay user id is never stored here.
// locked_until/lock_owner let one request at a time work on a sale, and let a retry take
// over once the lease of a killed process has ended.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('checkout_transactions', (table) => {
    table.string('id', 26).primary();
    table.string('device_id', 40).notNullable();
    table.string('checkout_id', 24).notNullable();
    table.string('store_id', 40).nullable();
    table.string('tender', 16).notNullable();
    table.bigInteger('amount_fen').notNullable();
    table.text('items_json').notNullable();
    table.specificType('occurred_at', 'datetime(3)').notNullable();
    table.string('status', 12).notNullable();
    table.string('provider', 8).nullable();
    table.integer('paid_attempt').nullable();
    table.string('provider_transaction_id', 64).nullable();
    table.bigInteger('paid_fen').nullable();
    table.specificType('paid_at', 'datetime(3)').nullable();
    table.string('paid_by_key', 128).nullable();
    table.string('pseudonym', 40).nullable().index();
    table.string('link_via', 16).nullable();
    table.string('award_state', 8).notNullable();
    table.integer('points_awarded').nullable();
    table.bigInteger('refunded_fen').notNullable().defaultTo(0);
    table.specificType('locked_until', 'datetime(3)').nullable();
    table.string('lock_owner', 32).nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('updated_at', 'datetime(3)').notNullable();
    table.unique(['device_id', 'checkout_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('checkout_transactions');
}
