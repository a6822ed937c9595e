import type { Knex } from 'knex';

// Refunds of a till sale: the till's refund id is our out_refund_no / out_request_no, so a
// retry is the same refund at the provider. Written as pending before the provider is called;
// the reason text is not kept (it is free text a cashier may fill with personal data).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('checkout_refunds', (table) => {
    table.string('transaction_id', 26).notNullable();
    table.string('refund_id', 24).notNullable();
    table.bigInteger('amount_fen').notNullable();
    table.string('status', 8).notNullable();
    table.string('provider_refund_id', 64).nullable();
    table.integer('points_reversed').nullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
    table.specificType('done_at', 'datetime(3)').nullable();
    table.primary(['transaction_id', 'refund_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('checkout_refunds');
}
