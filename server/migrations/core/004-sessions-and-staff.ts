import type { Knex } from 'knex';

// Member sessions and staff tokens are stored as SHA-256 hashes: a leaked table opens nothing.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('member_sessions', (table) => {
    table.string('token_hash', 64).primary();
    table.string('member_id', 32).notNullable().index();
    table.string('channel', 24).notNullable();
    table.text('session_key_enc').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.specificType('revoked_at', 'datetime(3)').nullable();
  });

  await knex.schema.createTable('staff', (table) => {
    table.string('id', 32).primary();
    table.string('name', 100).notNullable();
    table.string('role', 32).notNullable();
    table.string('token_hash', 64).notNullable().unique();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('revoked_at', 'datetime(3)').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('staff');
  await knex.schema.dropTable('member_sessions');
}
