import type { Knex } from 'knex';

// C-4.1.4a: password login attempts per account and per client address. The subject is a
// keyed blind index (phone) or client hash, never a phone number or an address.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('login_throttle', (table) => {
    table.string('scope', 16).notNullable();
    table.string('subject_hash', 80).notNullable();
    table.integer('attempts').notNullable().defaultTo(0);
    table.specificType('window_ends_at', 'datetime(3)').notNullable();
    table.specificType('locked_until', 'datetime(3)').nullable();
    table.primary(['scope', 'subject_hash']);
    table.index(['window_ends_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('login_throttle');
}
