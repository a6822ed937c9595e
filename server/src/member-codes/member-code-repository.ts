import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { toSqlDateTime } from '../platform/db/sql-time';

export interface CardHolder {
  memberId: string;
  pseudonym: string;
  cardNo: string;
}

export type UseOutcome = 'recorded' | 'already-used' | 'holder-gone';

export interface CodeUse {
  cardNo: string;
  step: number;
  useKey: string | null;
}

/** The members' card numbers and the member codes already used at a till. */
export class MemberCodeRepository {
  constructor(private readonly knex: Knex) {}

  /** Only an active member holds a card number (a deleted member's is cleared, D-7.2). */
  async findCardHolder(
    cardNo: string,
    executor: Knex | Knex.Transaction = this.knex,
  ): Promise<CardHolder | undefined> {
    const row = await executor('members')
      .where({ card_no: cardNo, status: 'active' })
      .whereNotNull('pseudonym')
      .first('id', 'pseudonym', 'card_no');
    return row ? { memberId: row.id, pseudonym: row.pseudonym, cardNo: row.card_no } : undefined;
  }

  /** Gives a member without one this card number; false when another member holds it. */
  async assignCardNumber(memberId: string, cardNo: string): Promise<boolean> {
    try {
      await this.knex('members').where({ id: memberId }).whereNull('card_no').update({
        card_no: cardNo,
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE: a random card number collided; draw again.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async cardNumberOf(memberId: string): Promise<string | null> {
    const row = await this.knex('members').where({ id: memberId }).first('card_no');
    return (row?.card_no as string | null | undefined) ?? null;
  }

  /**
   * Records that a code was used, if its card holder is still active in the same transaction.
   * The primary key decides between two tills that present one code at once: the second
   * insert waits for the first and fails.
   */
  async useOnce(use: CodeUse, holder: CardHolder, usedAt: Date): Promise<UseOutcome> {
    try {
      return await this.knex.transaction(async (trx) => {
        if (!(await this.insertUse(trx, use, usedAt))) return 'already-used';
        const current = await this.findCardHolder(use.cardNo, trx);
        if (current?.memberId !== holder.memberId) throw new HolderGone();
        return 'recorded';
      });
    } catch (error) {
      // Thrown to roll the use back: a member deleted meanwhile leaves no row behind.
      if (error instanceof HolderGone) return 'holder-gone';
      throw error;
    }
  }

  private async insertUse(trx: Knex.Transaction, use: CodeUse, usedAt: Date): Promise<boolean> {
    try {
      await trx('member_code_uses').insert({
        card_no: use.cardNo,
        step: use.step,
        use_key: use.useKey,
        used_at: toSqlDateTime(usedAt),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_PRIMARYKEY: this code was used already.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findUse(cardNo: string, step: number): Promise<CodeUse | undefined> {
    const row = await this.knex('member_code_uses').where({ card_no: cardNo, step }).first();
    return row ? { cardNo: row.card_no, step: Number(row.step), useKey: row.use_key } : undefined;
  }

  async usedSteps(cardNo: string, steps: number[]): Promise<Set<number>> {
    const rows = await this.knex('member_code_uses')
      .where({ card_no: cardNo })
      .whereIn('step', steps)
      .select('step');
    return new Set(rows.map((row: { step: number | string }) => Number(row.step)));
  }

  async pruneBefore(step: number): Promise<number> {
    return this.knex('member_code_uses').where('step', '<', step).delete();
  }
}

class HolderGone extends Error {}
