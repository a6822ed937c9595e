import type { Knex } from 'knex';

// S-5.5 / S-22239: append-only audit rows, each hashing the one before; the checkpoint keeps
// the newest hash outside the audit table, sealed with a key that is not in the database.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('audit_log', (table) => {
    table.bigIncrements('id').primary();
    table.specificType('at', 'datetime(3)').notNullable();
    table.string('actor', 80).notNullable();
    table.string('action', 48).notNullable();
    table.string('purpose', 48).notNullable();
    table.string('field', 64).nullable();
    table.string('subject', 40).nullable();
    table.text('details').nullable();
    table.string('prev_hash', 64).notNullable();
    table.string('hash', 64).notNullable();
  });

  await knex.schema.createTable('audit_checkpoint', (table) => {
    table.integer('id').primary();
    table.bigInteger('last_id').notNullable();
    table.string('last_hash', 64).notNullable();
    table.bigInteger('row_count').notNullable();
    table.integer('key_version').notNullable();
    table.string('seal', 64).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('audit_checkpoint');
  await knex.schema.dropTable('audit_log');
}
