import type { Knex } from 'knex';

// Device identities for adapters and kiosks (design.md "Interfaces", S-22239). The secret is
// stored encrypted: the server needs it back to check HMAC signatures.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('devices', (table) => {
    table.string('id', 40).primary();
    table.string('name', 100).notNullable();
    table.string('kind', 24).notNullable();
    table.text('secret_enc').notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('revoked_at', 'datetime(3)').nullable();
    table.specificType('last_seen_at', 'datetime(3)').nullable();
    table.string('software_version', 40).nullable();
  });

  await knex.schema.createTable('device_nonces', (table) => {
    table.string('device_id', 40).notNullable();
    table.string('nonce', 128).notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable().index();
    table.primary(['device_id', 'nonce']);
  });

  await knex.schema.createTable('idempotency_keys', (table) => {
    table.string('device_id', 40).notNullable();
    table.string('idempotency_key', 128).notNullable();
    table.string('request_hash', 64).notNullable();
    table.string('state', 16).notNullable();
    table.integer('response_status').nullable();
    table.text('response_body', 'mediumtext').nullable();
    table.specificType('locked_until', 'datetime(3)').notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable().index();
    table.primary(['device_id', 'idempotency_key']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('idempotency_keys');
  await knex.schema.dropTable('device_nonces');
  await knex.schema.dropTable('devices');
}
