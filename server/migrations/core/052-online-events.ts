import type { Knex } from 'knex';

// C-4.2.1.5: shopping events from the retailer's own online channels, under the pseudonym
// only (S-5.1a). (device_id, event_key) is unique so a resent event is stored once, whatever
// the idempotency keys of the requests that carried it.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('online_events', (table) => {
    table.string('id', 32).primary();
    table.string('pseudonym', 40).notNullable().index();
    table.string('device_id', 40).notNullable();
    table.string('event_key', 64).notNullable();
    table.string('event_type', 16).notNullable();
    table.text('items').notNullable();
    table.bigInteger('amount_fen').nullable();
    table.specificType('occurred_at', 'datetime(3)').notNullable().index();
    table.specificType('recorded_at', 'datetime(3)').notNullable();
    table.unique(['device_id', 'event_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('online_events');
}
