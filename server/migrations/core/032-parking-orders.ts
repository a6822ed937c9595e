import type { Knex } from 'knex';

// Parking payments (C-4.2.2.6, U-6.4.2): one row per merchant order (out_trade_no is the id,
// at most 32 characters). An order covers a stay up to covers_until; points used for the
// offset are held under points_key until the order is paid or given up. Whoever paid is
// recorded only as the member's pseudonym (members) or the kiosk; no payer account is kept.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('parking_orders', (table) => {
    table.string('id', 32).primary();
    table.string('session_id', 32).notNullable().index();
    table.string('channel', 12).notNullable();
    table.string('payer', 12).notNullable();
    table.string('kiosk_id', 32).nullable();
    table.string('pseudonym', 40).nullable().index();
    table.integer('amount_fen').notNullable();
    table.integer('due_fen').notNullable();
    table.integer('points_used').notNullable().defaultTo(0);
    table.integer('points_offset_fen').notNullable().defaultTo(0);
    table.string('points_key', 120).nullable();
    table.specificType('covers_until', 'datetime(3)').notNullable();
    table.string('status', 12).notNullable();
    table.string('transaction_id', 40).nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.specificType('paid_at', 'datetime(3)').nullable();
    table.index(['status', 'expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('parking_orders');
}
