import type { Knex } from 'knex';

// Data keys wrapped by a master key version (S-5.3a); the master key itself is never stored.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('vault_data_keys', (table) => {
    table.integer('version').notNullable();
    table.string('keyring', 16).notNullable();
    table.text('wrapped_key').notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.primary(['version', 'keyring']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('vault_data_keys');
}
