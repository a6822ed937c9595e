import type { Knex } from 'knex';

// The published points programme (earning rules, calendar, tiers and their thresholds, cash
// offset rate, expiry) as versioned JSON, and the history of tier changes the daily job makes
// (U-6.6.1a). members.tier (001) holds each member's current tier.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('points_programmes', (table) => {
    table.integer('version').primary();
    table.text('programme', 'mediumtext').notNullable();
    table.string('published_by', 64).notNullable();
    table.specificType('published_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('points_tier_changes', (table) => {
    table.bigIncrements('id').primary();
    table.string('pseudonym', 40).notNullable().index();
    table.string('from_tier', 40).notNullable();
    table.string('to_tier', 40).notNullable();
    table.bigInteger('spend_fen').notNullable();
    table.specificType('changed_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('points_tier_changes');
  await knex.schema.dropTable('points_programmes');
}
