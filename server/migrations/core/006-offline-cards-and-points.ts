import type { Knex } from 'knex';

// C-4.2.1.3a offline cards carry points that move to the member who binds the card. The
// points ledger is append-only; every entry has a unique source key so nothing is counted twice.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('offline_cards', (table) => {
    table.string('card_no', 20).primary();
    table.string('phone_index', 80).notNullable();
    table.integer('points').notNullable().defaultTo(0);
    table.string('bound_pseudonym', 40).nullable();
    table.specificType('bound_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('points_ledger', (table) => {
    table.bigIncrements('id').primary();
    table.string('pseudonym', 40).notNullable().index();
    table.string('entry_type', 16).notNullable();
    table.integer('points').notNullable();
    table.string('source_key', 120).notNullable().unique();
    table.text('explanation').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('points_ledger');
  await knex.schema.dropTable('offline_cards');
}
