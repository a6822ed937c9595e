import type { Knex } from 'knex';

// C-4.2.2.6 car parks. A lot carries its tariff and policy as JSON (validated by the parking
// module on every write), and a random key for the keyed plate hashes it hands its gate
// adapters for offline decisions, stored encrypted. A gate is one camera (serial number),
// entry or exit, served by one parking adapter (a device); its public code is what the QR
// sticker for cars without a plate carries.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('parking_lots', (table) => {
    table.string('id', 32).primary();
    table.string('name', 100).notNullable();
    table.text('tariff').notNullable();
    table.text('policy').notNullable();
    table.text('cache_key_enc').notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('updated_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('parking_gates', (table) => {
    table.string('id', 32).primary();
    table.string('lot_id', 32).notNullable().index();
    table.string('name', 100).notNullable();
    table.string('direction', 8).notNullable();
    table.string('camera_serial', 64).notNullable().unique();
    table.string('device_id', 40).notNullable().index();
    table.string('code', 16).notNullable().unique();
    // When the camera last pushed a read without a usable plate: a no-plate ticket or exit is
    // only accepted while such a car is waiting at the barrier.
    table.specificType('unread_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('parking_gates');
  await knex.schema.dropTable('parking_lots');
}
