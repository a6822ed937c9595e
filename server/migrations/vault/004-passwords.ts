import type { Knex } from 'knex';

// C-4.2.1.3b: a website password is optional; kept as an argon2id hash in the vault.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('member_passwords', (table) => {
    table.string('member_id', 32).primary();
    table.string('password_hash', 200).notNullable();
    table.specificType('updated_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('member_passwords');
}
