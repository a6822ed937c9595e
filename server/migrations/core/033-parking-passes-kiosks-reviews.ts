import type { Knex } from 'knex';

// - parking_passes: monthly passes of members (under the pseudonym) for one lot, with keyed
//   hashes of the member's plates for the adapters' offline rules (never the plates).
// - parking_kiosks: pay kiosks paired by staff; they hold a revocable token (stored hashed),
//   never a device secret (design.md "How the parts talk").
// - parking_reviews: exit reads that match no open stay exactly; staff decide, nothing is
//   merged by itself (field cases, "Plates"). The read plate is kept like a session's.
// - parking_gate_commands: "open once" and "read again" instructions for a gate, delivered by
//   its adapter in the reply to the camera's next poll; undelivered ones lapse (60 s).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('parking_passes', (table) => {
    table.string('id', 32).primary();
    table.string('lot_id', 32).notNullable();
    table.string('pseudonym', 40).notNullable().index();
    table.specificType('valid_from', 'datetime(3)').notNullable();
    table.specificType('valid_until', 'datetime(3)').notNullable();
    table.text('plate_hashes').notNullable();
    table.string('created_by', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('revoked_at', 'datetime(3)').nullable();
    table.index(['lot_id', 'valid_until']);
  });

  await knex.schema.createTable('parking_kiosks', (table) => {
    table.string('id', 32).primary();
    table.string('lot_id', 32).notNullable();
    table.string('name', 100).notNullable();
    table.string('pairing_hash', 64).nullable().unique();
    table.specificType('pairing_expires_at', 'datetime(3)').nullable();
    table.string('token_hash', 64).nullable().unique();
    table.string('created_by', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('paired_at', 'datetime(3)').nullable();
    table.specificType('revoked_at', 'datetime(3)').nullable();
  });

  await knex.schema.createTable('parking_reviews', (table) => {
    table.string('id', 32).primary();
    table.string('lot_id', 32).notNullable();
    table.string('gate_id', 32).notNullable();
    table.string('event_key', 120).notNullable().unique();
    table.string('reason', 16).notNullable();
    table.boolean('car_left').notNullable();
    table.string('plate_index', 80).nullable();
    table.text('plate_enc').nullable();
    table.text('candidates').notNullable();
    table.string('status', 12).notNullable();
    table.string('resolved_by', 40).nullable();
    table.string('resolved_session_id', 32).nullable();
    table.specificType('occurred_at', 'datetime(3)').notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('resolved_at', 'datetime(3)').nullable();
    table.index(['lot_id', 'status']);
  });

  await knex.schema.createTable('parking_gate_commands', (table) => {
    table.string('id', 32).primary();
    table.string('gate_id', 32).notNullable();
    table.string('device_id', 40).notNullable();
    table.string('kind', 8).notNullable();
    table.string('session_id', 32).nullable();
    table.string('reason', 24).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.specificType('delivered_at', 'datetime(3)').nullable();
    table.index(['device_id', 'expires_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('parking_gate_commands');
  await knex.schema.dropTable('parking_reviews');
  await knex.schema.dropTable('parking_kiosks');
  await knex.schema.dropTable('parking_passes');
}
