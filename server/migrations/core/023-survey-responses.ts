import type { Knex } from 'knex';

// One response per member and survey, under the pseudonym; answers hang off the response and
// carry no identity of their own. Choices and scale values are plain (they identify no one and
// are aggregated in SQL); free text and identifying answers are ciphertext (text_enc).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('survey_responses', (table) => {
    table.string('id', 32).primary();
    table.string('survey_id', 32).notNullable().references('id').inTable('surveys');
    table.string('pseudonym', 40).notNullable().index();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.unique(['survey_id', 'pseudonym']);
  });

  await knex.schema.createTable('survey_answers', (table) => {
    table.increments('id').primary();
    table.string('response_id', 32).notNullable().references('id').inTable('survey_responses');
    table.string('survey_id', 32).notNullable();
    table.integer('question_id').notNullable();
    table.integer('option_index').nullable();
    table.integer('scale_value').nullable();
    table.text('text_enc').nullable();
    table.index(['survey_id', 'question_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('survey_answers');
  await knex.schema.dropTable('survey_responses');
}
