import type { Knex } from 'knex';

// C-4.1.2a / U-6.1.2: every consent names the notice version the shopper saw and the channel;
// one row per (pseudonym, purpose, notice version). Withdrawal keeps the row (C-4.1.2b).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('privacy_notices', (table) => {
    table.integer('version').primary();
    table.text('text', 'mediumtext').notNullable();
    table.string('text_hash', 64).notNullable();
    table.text('scope').notNullable();
    table.string('published_by', 80).notNullable();
    table.specificType('published_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('consents', (table) => {
    table.increments('id').primary();
    table.string('pseudonym', 40).notNullable();
    table.string('purpose', 32).notNullable();
    table.integer('notice_version').notNullable();
    table.string('status', 16).notNullable();
    table.string('channel', 24).notNullable();
    table.boolean('needs_reconsent').notNullable().defaultTo(false);
    table.specificType('decided_at', 'datetime(3)').notNullable();
    table.specificType('withdrawn_at', 'datetime(3)').nullable();
    table.unique(['pseudonym', 'purpose', 'notice_version']);
    table.index(['pseudonym', 'purpose']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consents');
  await knex.schema.dropTable('privacy_notices');
}
