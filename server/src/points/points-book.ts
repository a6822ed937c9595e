import crypto from 'node:crypto';
import type { Knex } from 'knex';
import {
  AppError,
  allocateFifo,
  computeAward,
  lotExpiresAt,
  type LotAllocation,
  type PointsProgram,
} from '@memberkit/shared';
import { isRetryableTransactionError } from '../platform/db/database-errors';
import { fromSqlDateTime, toSqlDateTime } from '../platform/db/sql-time';
import type { NewLedgerEntry, PointsLedgerRepository } from './points-ledger-repository';
import type { OpenLot, PointsLotRepository } from './points-lot-repository';

type EntryInput = Omit<NewLedgerEntry, 'pseudonym'>;

export interface Debit {
  ledgerId: string;
  allocations: LotAllocation[];
  /** Points no lot covered: the balance went below zero by this much (a refund after spending). */
  shortfall: number;
}

/** One member's points inside their locked transaction. */
export interface MemberBook {
  readonly trx: Knex.Transaction;
  readonly pseudonym: string;
  readonly program: PointsProgram;
  balance(): Promise<number>;
  /** Add points as a new lot that expires by the programme's rule; 0 points adds no lot. */
  credit(entry: EntryInput, earnedAt: Date): Promise<{ ledgerId: string; balance: number }>;
  /** Take points first in, first out (after `preferLedgerId`'s own lot, for a refund). */
  debit(entry: EntryInput, options?: { preferLedgerId?: string }): Promise<Debit>;
  /** Expire what is left of one lot, recording it in the ledger. */
  expireLot(lot: OpenLot): Promise<void>;
  openLots(): Promise<OpenLot[]>;
}

export interface RetryPolicy {
  attempts: number;
  pause(attempt: number): Promise<void>;
}

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 8,
  pause: (attempt) =>
    new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 20)),
};

/**
 * Run a transaction again when MySQL answers errno 1213 (deadlock: InnoDB rolled the whole
 * transaction back) or 1205 (lock wait timeout: knex rolls back when the callback throws).
 * Either way nothing of the attempt was kept, so running it again is safe.
 */
export async function withRetry<T>(
  run: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      if (!isRetryableTransactionError(error) || attempt >= policy.attempts) throw error;
      await policy.pause(attempt);
    }
  }
}

/**
 * Every write to a member's points goes through `withMember`: one transaction, the member's
 * account row locked first, retried on deadlock. Inside it the ledger, the lots and the
 * balance move together, so concurrent awards to one member never lose an update.
 */
export class PointsBook {
  constructor(
    private readonly knex: Knex,
    private readonly ledger: PointsLedgerRepository,
    private readonly lots: PointsLotRepository,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async withMember<T>(
    pseudonym: string,
    program: PointsProgram,
    work: (book: MemberBook) => Promise<T>,
  ): Promise<T> {
    const attempt = () =>
      this.knex.transaction(async (trx) => {
        const account = await this.ledger.lockAccount(trx, pseudonym);
        if (!account) return { opened: false as const };
        const book = this.bookFor(trx, pseudonym, program);
        if (!account.signUpBonusAt) await this.giveSignUpBonus(book);
        return { opened: true as const, value: await work(book) };
      });

    return withRetry(async () => {
      const first = await attempt();
      if (first.opened) return first.value;

      // The member's first points write: open the account, then lock it like any other.
      await this.ledger.openAccount(pseudonym);
      const second = await attempt();
      if (!second.opened) throw new AppError('INTERNAL', { details: { reason: 'no account' } });
      return second.value;
    }, this.retry);
  }

  /**
   * U-6.4.1 sign-up bonus: once per member, when their points account is first used. An
   * anonymised pseudonym (a deleted account's records, D-7.2) gets none.
   */
  private async giveSignUpBonus(book: MemberBook): Promise<void> {
    await this.ledger.markSignUpBonus(book.trx, book.pseudonym);
    if (!(await this.ledger.isActiveMember(book.trx, book.pseudonym))) return;
    const now = new Date();
    const award = computeAward(book.program, {
      kind: 'sign-up',
      amountFen: 0,
      items: [],
      occurredAt: now,
      member: { birthDate: null, tier: '' },
    });
    if (award.points === 0) return;
    await book.credit(
      {
        entryType: 'earn',
        points: award.points,
        // Once per member is the account row's promise; a random key keeps the pseudonym (which
        // anonymisation moves, D-7.2) out of the ledger's text.
        sourceKey: `sign-up:${crypto.randomUUID()}`,
        explanation: {
          kind: 'sign-up',
          applied: award.applied,
          programVersion: award.programVersion,
        },
      },
      now,
    );
  }

  private bookFor(trx: Knex.Transaction, pseudonym: string, program: PointsProgram): MemberBook {
    const { ledger, lots } = this;
    const expiresAt = (earnedAt: Date) =>
      toSqlDateTime(lotExpiresAt(earnedAt, program.expiry.months));
    const book: MemberBook = {
      trx,
      pseudonym,
      program,
      balance: () => ledger.balance(pseudonym, trx),
      async credit(entry, earnedAt) {
        const before = await book.balance();
        const ledgerId = await ledger.append(trx, { ...entry, pseudonym });
        // After a refund took the balance below zero, new points first pay that back.
        const remaining = Math.max(0, Math.min(entry.points, before + entry.points));
        if (entry.points > 0)
          await lots.insert(trx, {
            pseudonym,
            ledgerId,
            points: entry.points,
            remaining,
            earnedAt: toSqlDateTime(earnedAt),
            expiresAt: expiresAt(earnedAt),
          });
        return { ledgerId, balance: before + entry.points };
      },
      async debit(entry, options = {}) {
        await syncUntrackedCredits(book, lots, expiresAt);
        const open = await lots.openLots(trx, pseudonym);
        const { allocations, shortfall } = allocate(open, -entry.points, options.preferLedgerId);
        for (const allocation of allocations)
          await lots.take(trx, String(allocation.lotId), allocation.points);
        const explanation = { ...entry.explanation, lots: allocations, shortfall };
        const ledgerId = await ledger.append(trx, { ...entry, explanation, pseudonym });
        return { ledgerId, allocations, shortfall };
      },
      async expireLot(lot) {
        await ledger.append(trx, {
          pseudonym,
          entryType: 'expire',
          points: -lot.remaining,
          // expired_points makes the key unique even if one lot ever expires twice.
          sourceKey: `expire:${lot.id}:${lot.expiredPoints}`,
          explanation: { lotId: lot.id, earnedAt: lot.earnedAt, expiresAt: lot.expiresAt },
        });
        await lots.expire(trx, lot);
      },
      openLots: async () => {
        await syncUntrackedCredits(book, lots, expiresAt);
        return lots.openLots(trx, pseudonym);
      },
    };
    return book;
  }
}

/** The lot of `preferLedgerId` first (a refund takes back its own points), then FIFO. */
function allocate(
  open: OpenLot[],
  points: number,
  preferLedgerId?: string,
): { allocations: LotAllocation[]; shortfall: number } {
  const own = open.find((lot) => lot.ledgerId === preferLedgerId);
  const fromOwn = own ? Math.min(own.remaining, points) : 0;
  const rest = allocateFifo(
    open.filter((lot) => lot !== own),
    points - fromOwn,
  );
  const allocations = own && fromOwn > 0 ? [{ lotId: own.id, points: fromOwn }] : [];
  return { allocations: [...allocations, ...rest.allocations], shortfall: rest.shortfall };
}

/**
 * Give a lot to every positive ledger entry that has none (points another feature credited
 * straight to the ledger). Lots never hold more than a positive balance.
 */
async function syncUntrackedCredits(
  book: MemberBook,
  lots: PointsLotRepository,
  expiresAt: (earnedAt: Date) => string,
): Promise<void> {
  const credits = await lots.untrackedCredits(book.trx, book.pseudonym);
  if (credits.length === 0) return;
  const open = await lots.openLots(book.trx, book.pseudonym);
  let uncovered = (await book.balance()) - open.reduce((sum, lot) => sum + lot.remaining, 0);
  for (const credit of credits) {
    const remaining = Math.max(0, Math.min(credit.points, uncovered));
    const earnedAt = fromSqlDateTime(credit.createdAt);
    await lots.insert(book.trx, {
      pseudonym: book.pseudonym,
      ledgerId: credit.ledgerId,
      points: credit.points,
      remaining,
      earnedAt: credit.createdAt,
      expiresAt: expiresAt(earnedAt),
    });
    uncovered -= remaining;
  }
}
