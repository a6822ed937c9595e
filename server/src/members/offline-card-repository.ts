import type { Knex } from 'knex';
import { nowSql } from '../platform/db/sql-time';

export interface OfflineCard {
  cardNo: string;
  phoneIndex: string;
  points: number;
  boundPseudonym: string | null;
}

/** Membership cards issued before the mini-program, each registered to a phone. */
export class OfflineCardRepository {
  constructor(private readonly knex: Knex) {}

  async insert(card: { cardNo: string; phoneIndex: string; points: number }): Promise<void> {
    await this.knex('offline_cards').insert({
      card_no: card.cardNo,
      phone_index: card.phoneIndex,
      points: card.points,
      created_at: nowSql(),
    });
  }

  async find(
    cardNo: string,
    executor: Knex | Knex.Transaction = this.knex,
  ): Promise<OfflineCard | undefined> {
    const row = await executor('offline_cards').where({ card_no: cardNo }).first();
    if (!row) return undefined;
    return {
      cardNo: row.card_no,
      phoneIndex: row.phone_index,
      points: Number(row.points),
      boundPseudonym: row.bound_pseudonym ?? null,
    };
  }

  /** Bind only an unbound card; of two racing binds, one wins. */
  async bind(
    executor: Knex | Knex.Transaction,
    cardNo: string,
    pseudonym: string,
  ): Promise<boolean> {
    const updated = await executor('offline_cards')
      .where({ card_no: cardNo })
      .whereNull('bound_pseudonym')
      .update({ bound_pseudonym: pseudonym, bound_at: nowSql(), points: 0 });
    return updated === 1;
  }

  /**
   * D-7.2: a deleted member's bound cards keep no phone index, which would otherwise lead from
   * the phone (say, of the next member with that number) to the anonymised records.
   */
  async forgetPhones(executor: Knex | Knex.Transaction, boundPseudonym: string): Promise<number> {
    return executor('offline_cards')
      .where({ bound_pseudonym: boundPseudonym })
      .update({ phone_index: 'erased' });
  }

  async boundTo(pseudonym: string): Promise<string[]> {
    const rows = await this.knex('offline_cards')
      .where({ bound_pseudonym: pseudonym })
      .select('card_no');
    return rows.map((row: { card_no: string }) => row.card_no);
  }
}
