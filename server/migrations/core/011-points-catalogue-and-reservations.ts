import type { Knex } from 'knex';

// U-6.4.2 redemption: a catalogue of goods, coupons, gift cards and parking-fee offsets with
// stock, and reservations that hold points (and a unit of stock) until they are committed or
// released. Cash offsets at the till are reservations without an item. A catalogue price is
// one number per item: nothing here varies by member (U-6.7.2).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('points_catalogue_items', (table) => {
    table.string('id', 32).primary();
    table.string('kind', 16).notNullable();
    table.string('title', 100).notNullable();
    table.string('description', 500).nullable();
    table.integer('points_price').notNullable();
    table.integer('value_fen').nullable();
    // Null: no stock limit. Reserving takes stock; releasing gives it back.
    table.integer('stock').nullable();
    table.boolean('active').notNullable().defaultTo(true);
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('updated_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('points_reservations', (table) => {
    table.string('id', 32).primary();
    table.string('pseudonym', 40).notNullable().index();
    // Unique per member, so the key never has to carry the pseudonym (which anonymisation moves).
    table.string('request_key', 120).notNullable();
    table.string('kind', 16).notNullable();
    table.string('item_id', 32).nullable();
    table.integer('quantity').notNullable();
    table.integer('points').notNullable();
    table.bigInteger('value_fen').notNullable();
    table.string('status', 12).notNullable();
    table.text('fulfilment').nullable();
    table.string('device_id', 40).nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.specificType('settled_at', 'datetime(3)').nullable();
    table.index(['status', 'expires_at']);
    table.unique(['pseudonym', 'request_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('points_reservations');
  await knex.schema.dropTable('points_catalogue_items');
}
