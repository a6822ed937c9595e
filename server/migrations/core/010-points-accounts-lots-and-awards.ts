import type { Knex } from 'knex';

// Points beside the append-only ledger of 006 (U-6.4.1):
// - points_accounts: one row per pseudonym, locked (SELECT ... FOR UPDATE) by every write to
//   that member's points, so concurrent awards and redemptions never lose an update; it also
//   remembers when the sign-up bonus was given;
// - points_lots: what each positive ledger entry still has left, and when it expires, so
//   points are spent and expired first in, first out;
// - points_awards: the money behind each award or refund (spend_fen drives tiers by rolling
//   12-month spend, U-6.6.1a; award_key ties a refund to its purchase).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('points_accounts', (table) => {
    table.string('pseudonym', 40).primary();
    table.specificType('sign_up_bonus_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('points_lots', (table) => {
    table.bigIncrements('id').primary();
    table.string('pseudonym', 40).notNullable();
    table.bigInteger('ledger_id').notNullable().unique();
    table.integer('points').notNullable();
    table.integer('remaining').notNullable();
    table.integer('expired_points').notNullable().defaultTo(0);
    table.specificType('earned_at', 'datetime(3)').notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.index(['pseudonym', 'expires_at']);
    table.index(['expires_at', 'remaining']);
  });

  await knex.schema.createTable('points_awards', (table) => {
    table.bigIncrements('id').primary();
    table.string('pseudonym', 40).notNullable();
    table.string('source_key', 120).notNullable().unique();
    table.string('award_key', 120).notNullable().index();
    table.string('kind', 16).notNullable();
    table.bigInteger('amount_fen').notNullable();
    table.bigInteger('spend_fen').notNullable();
    table.integer('points').notNullable();
    table.string('store_id', 40).nullable();
    table.string('device_id', 40).nullable();
    table.specificType('occurred_at', 'datetime(3)').notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.index(['pseudonym', 'occurred_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('points_awards');
  await knex.schema.dropTable('points_lots');
  await knex.schema.dropTable('points_accounts');
}
