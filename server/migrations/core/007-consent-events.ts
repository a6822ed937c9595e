import type { Knex } from 'knex';

// C-4.1.2b / U-6.1.2: every consent decision as an append-only event. The consents table
// holds the current decision per notice version; this keeps each grant, refusal and
// withdrawal, so granting again after a withdrawal never erases the withdrawal.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('consent_events', (table) => {
    table.increments('id').primary();
    table.string('pseudonym', 40).notNullable().index();
    table.string('purpose', 32).notNullable();
    table.integer('notice_version').notNullable();
    table.string('action', 16).notNullable();
    table.string('channel', 24).notNullable();
    table.specificType('at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('consent_events');
}
