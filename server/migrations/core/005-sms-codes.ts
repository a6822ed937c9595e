import type { Knex } from 'knex';

// C-4.2.1.3a: SMS codes are kept only as keyed hashes, per phone blind index, with their tries.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('sms_codes', (table) => {
    table.increments('id').primary();
    table.string('phone_index', 80).notNullable();
    table.string('purpose', 16).notNullable();
    table.string('code_hash', 64).notNullable();
    table.string('client_hash', 64).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.specificType('expires_at', 'datetime(3)').notNullable();
    table.specificType('used_at', 'datetime(3)').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.index(['phone_index', 'created_at']);
    table.index(['client_hash', 'created_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('sms_codes');
}
