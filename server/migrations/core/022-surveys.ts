import type { Knex } from 'knex';

// C-4.2.2.5: surveys and their questions. A question that asks for a name, phone or address
// says so in `identifies`; it is shown and stored only under the survey consent (C-4.1.3a).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('surveys', (table) => {
    table.string('id', 32).primary();
    table.string('code', 8).notNullable().unique();
    table.string('title', 100).notNullable();
    table.text('intro').nullable();
    table.string('status', 16).notNullable();
    table.string('created_by', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });

  await knex.schema.createTable('survey_questions', (table) => {
    table.increments('id').primary();
    table.string('survey_id', 32).notNullable().references('id').inTable('surveys');
    table.integer('position').notNullable();
    table.string('kind', 16).notNullable();
    table.text('prompt').notNullable();
    table.text('options').nullable();
    table.integer('scale_min').nullable();
    table.integer('scale_max').nullable();
    table.string('identifies', 16).nullable();
    table.boolean('required').notNullable();
    table.unique(['survey_id', 'position']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('survey_questions');
  await knex.schema.dropTable('surveys');
}
