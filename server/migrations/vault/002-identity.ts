import type { Knex } from 'knex';

// S-5.1a / S-5.1b: identity values and sensitive values live apart from the member core and
// from each other, each encrypted; exact lookups go through keyed blind indexes only.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('member_identity', (table) => {
    table.string('member_id', 32).primary();
    for (const field of [
      'name',
      'gender',
      'birth_date',
      'province',
      'address',
      'nickname',
      'email',
      'shipping_address',
      'invoice_title',
    ]) {
      table.text(`${field}_enc`).nullable();
    }
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('updated_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('member_identifiers', (table) => {
    table.increments('id').primary();
    table.string('member_id', 32).notNullable().index();
    table.string('kind', 24).notNullable();
    table.text('value_enc').notNullable();
    table.string('blind_index', 80).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.unique(['kind', 'blind_index']);
  });

  await knex.schema.createTable('member_sensitive', (table) => {
    table.increments('id').primary();
    table.string('member_id', 32).notNullable().index();
    table.string('kind', 24).notNullable();
    table.text('value_enc').notNullable();
    table.string('blind_index', 80).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.unique(['kind', 'blind_index']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('member_sensitive');
  await knex.schema.dropTable('member_identifiers');
  await knex.schema.dropTable('member_identity');
}
