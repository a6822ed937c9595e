import type { Knex } from 'knex';

// A stay from entry to exit. Where a car was and when is whereabouts (design.md "How data is
// kept"): the plate is kept only as a blind index and a ciphertext, a member's stay is kept
// under the pseudonym and only under the parking consent, and after the retention period the
// plate columns are emptied and the times coarsened (D-7.1). open_key is set only while a
// stay is open, so the unique index allows one open stay per plate and lot (NULLs repeat).
// Gate events are the camera reads as decided, one row per camera record (event_key), so a
// record replayed from an adapter's outbox or re-pushed by a camera is applied once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('parking_sessions', (table) => {
    table.string('id', 32).primary();
    table.string('lot_id', 32).notNullable();
    table.string('kind', 8).notNullable();
    table.string('plate_index', 80).nullable();
    table.text('plate_enc').nullable();
    table.string('plate_kind', 20).nullable();
    table.string('open_key', 120).nullable().unique();
    table.string('ticket_hash', 64).nullable().unique();
    table.string('pseudonym', 40).nullable().index();
    table.string('status', 12).notNullable();
    table.specificType('entry_at', 'datetime(3)').notNullable();
    table.string('entry_gate_id', 32).nullable();
    table.specificType('exit_at', 'datetime(3)').nullable();
    table.string('exit_gate_id', 32).nullable();
    table.string('exit_outcome', 24).nullable();
    table.integer('paid_fen').notNullable().defaultTo(0);
    table.integer('points_offset_fen').notNullable().defaultTo(0);
    table.integer('outstanding_fen').notNullable().defaultTo(0);
    table.specificType('paid_at', 'datetime(3)').nullable();
    table.specificType('grace_until', 'datetime(3)').nullable();
    table.string('exit_attempt_gate_id', 32).nullable();
    table.specificType('exit_attempt_at', 'datetime(3)').nullable();
    table.specificType('anonymised_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('updated_at', 'datetime(3)').notNullable();
    table.index(['lot_id', 'plate_index', 'status']);
    table.index(['lot_id', 'status', 'grace_until']);
    table.index(['status', 'exit_at']);
  });

  await knex.schema.createTable('parking_events', (table) => {
    table.bigIncrements('id').primary();
    table.string('event_key', 120).notNullable().unique();
    table.string('device_id', 40).notNullable();
    table.string('gate_id', 32).notNullable();
    table.string('direction', 8).notNullable();
    table.string('read_kind', 12).notNullable();
    table.string('reason', 24).notNullable();
    table.boolean('opened').notNullable();
    table.string('decided_by', 8).notNullable();
    table.integer('fee_fen').nullable();
    table.string('session_id', 32).nullable().index();
    table.string('review_id', 32).nullable();
    table.specificType('occurred_at', 'datetime(3)').notNullable();
    table.specificType('received_at', 'datetime(3)').notNullable().index();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('parking_events');
  await knex.schema.dropTable('parking_sessions');
}
