import { AppError, type AppliedRule } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';
import type { PointsBook } from './points-book';
import type { LedgerEntry, PointsLedgerRepository } from './points-ledger-repository';
import type { PointsLotRepository } from './points-lot-repository';
import type { ProgrammeService } from './programme-service';
import type { ReservationRepository } from './reservation-repository';

// U-6.3.1 points expiry reminders: the window the mini-program and the reminder list use.
export const EXPIRY_NOTICE_DAYS = 30;

export interface HistoryEntry {
  id: string;
  entryType: string;
  points: number;
  createdAt: string;
  /** For earned points: the rules that gave them, in the order applied. */
  applied: AppliedRule[];
  details: Record<string, unknown>;
}

export interface AccountDependencies {
  programmes: ProgrammeService;
  book: PointsBook;
  ledger: PointsLedgerRepository;
  lots: PointsLotRepository;
  reservations: ReservationRepository;
  audit: AuditLog;
}

/** A member's own view of their points, and staff adjustments to them. */
export class PointsAccountService {
  constructor(private readonly deps: AccountDependencies) {}

  async summary(pseudonym: string, now = new Date()) {
    const program = await this.deps.programmes.current();
    // Opening the account gives the sign-up bonus once; later views only read.
    if (!(await this.deps.ledger.isAccountOpened(pseudonym)))
      await this.deps.book.withMember(pseudonym, program, async () => undefined);
    const balance = await this.deps.ledger.balance(pseudonym);
    const held = await this.deps.reservations.heldPoints(undefined, pseudonym);
    const until = new Date(now.getTime() + EXPIRY_NOTICE_DAYS * 24 * 3600 * 1000);
    const expiring = await this.deps.lots.expiringFor(pseudonym, nowSql(), toSqlDateTime(until));
    return {
      balance,
      held,
      available: Math.max(0, balance - held),
      expiring: expiring
        ? {
            points: expiring.points,
            firstExpiresAt: fromSqlDateTime(expiring.firstExpiresAt).toISOString(),
          }
        : null,
      cashOffset: program.cashOffset,
    };
  }

  async history(pseudonym: string, limit: number, beforeId?: string): Promise<HistoryEntry[]> {
    const entries = await this.deps.ledger.history(pseudonym, limit, beforeId);
    return entries.map(toHistoryEntry);
  }

  /** A staff correction with its reason; a deduction never takes more than the balance. */
  async adjust(
    actor: string,
    request: { pseudonym: string; points: number; reason: string; adjustmentKey: string },
  ): Promise<{ balance: number; replayed: boolean }> {
    const program = await this.deps.programmes.current();
    const sourceKey = `adjust:${request.adjustmentKey}`;
    const entry = {
      entryType: 'adjust' as const,
      points: request.points,
      sourceKey,
      explanation: { reason: request.reason, actor },
    };
    const outcome = await this.deps.book.withMember(request.pseudonym, program, async (book) => {
      if (await this.deps.ledger.findBySourceKey(sourceKey, book.trx))
        return { balance: await book.balance(), replayed: true };
      const balance = await book.balance();
      if (request.points < 0 && balance + request.points < 0)
        throw new AppError('POINTS_INSUFFICIENT', { details: { available: balance } });
      if (request.points > 0) await book.credit(entry, new Date());
      else await book.debit(entry);
      return { balance: balance + request.points, replayed: false };
    });
    if (!outcome.replayed)
      await this.deps.audit.record([
        {
          actor,
          action: 'points.adjust',
          purpose: 'operations',
          subject: request.pseudonym,
          details: { points: request.points, adjustmentKey: request.adjustmentKey },
        },
      ]);
    return outcome;
  }
}

function toHistoryEntry(entry: LedgerEntry): HistoryEntry {
  // Which lots paid for a redemption is bookkeeping, not something a shopper reads.
  const details: Record<string, unknown> = { ...entry.explanation };
  const applied = (details.applied as AppliedRule[] | undefined) ?? [];
  delete details.applied;
  delete details.lots;
  return {
    id: entry.id,
    entryType: entry.entryType,
    points: entry.points,
    createdAt: fromSqlDateTime(entry.createdAt).toISOString(),
    applied,
    details,
  };
}
