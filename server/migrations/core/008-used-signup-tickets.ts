import type { Knex } from 'knex';

// C-4.1.4a: a sign-up ticket makes one member at most. Only a SHA-256 of the ticket's random
// id is kept, and only until the ticket would have expired anyway.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('used_signup_tickets', (table) => {
    table.string('ticket_hash', 64).primary();
    table.specificType('expires_at', 'datetime(3)').notNullable().index();
    table.specificType('used_at', 'datetime(3)').notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('used_signup_tickets');
}
