import type { Knex } from 'knex';

// member_code_uses: one row per member code accepted at a till, so each code is used once
// (design.md "Member code": single use). The primary key (card number, time step) is what
// makes two tills racing on one code get one success. `use_key` lets the caller that used a
// code ask again after a crash and get the same member back. Rows are pruned once no queued
// event could still present their code (design.md "Queued events": 72 h).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('member_code_uses', (table) => {
    table.string('card_no', 10).notNullable();
    table.integer('step').notNullable();
    table.string('use_key', 64).nullable();
    table.specificType('used_at', 'datetime(3)').notNullable();
    table.primary(['card_no', 'step']);
    table.index(['step']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('member_code_uses');
}
