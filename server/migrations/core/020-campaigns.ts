import type { Knex } from 'knex';

// C-4.2.2.3 / C-4.2.2.4: gift, coupon and sample campaigns. `code` is the random part of the
// QR token; `stock_left` only ever moves by a conditional UPDATE (stock_left > 0), so it can
// never go below zero however many claims arrive at once. `stores` and `collects` are JSON:
// the store codes taking part, and the fields the claim form asks for with their purposes.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('campaigns', (table) => {
    table.string('id', 32).primary();
    table.string('code', 8).notNullable().unique();
    table.string('kind', 8).notNullable();
    table.string('title', 100).notNullable();
    table.text('description').nullable();
    table.text('stores').notNullable();
    table.text('collects').notNullable();
    table.integer('stock_total').notNullable();
    table.integer('stock_left').notNullable();
    table.integer('per_member_limit').notNullable();
    table.specificType('starts_at', 'datetime(3)').notNullable();
    table.specificType('ends_at', 'datetime(3)').notNullable();
    table.string('created_by', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('campaigns');
}
