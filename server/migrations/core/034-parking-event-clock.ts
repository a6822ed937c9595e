import type { Knex } from 'knex';

// A gate event whose camera clock was implausible (0, far in the future, older than 72 h) is
// recorded at the adapter's receive time instead; this flag keeps that known, so staff can
// tell such times apart and have the camera's clock fixed.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('parking_events', (table) => {
    table.boolean('camera_clock_off').notNullable().defaultTo(false);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('parking_events', (table) => {
    table.dropColumn('camera_clock_off');
  });
}
