import { fromSqlDateTime, toSqlDateTime } from '../platform/db/sql-time';
import type { PointsBook } from './points-book';
import type { ExpiringSoon, PointsLotRepository } from './points-lot-repository';
import type { ProgrammeService } from './programme-service';

const BATCH = 200;
// Each round either expires a member's due lots or gives their untracked credits lots, so a
// member never comes back; the bound only stops a bug from spinning forever.
const MAX_ROUNDS = 10_000;

export interface ExpiryRun {
  members: number;
  lots: number;
  points: number;
}

/** Expiry by lot, first in first out (U-6.4.1), and who is about to lose points (U-6.3.1). */
export class ExpiryService {
  constructor(
    private readonly programmes: ProgrammeService,
    private readonly book: PointsBook,
    private readonly lots: PointsLotRepository,
  ) {}

  /** The daily job: every lot past its expiry loses what is left, with a ledger entry each. */
  async expireDue(now = new Date()): Promise<ExpiryRun> {
    const program = await this.programmes.current();
    const run: ExpiryRun = { members: 0, lots: 0, points: 0 };
    const cutoff = toSqlDateTime(now);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const pseudonyms = new Set([
        ...(await this.lots.pseudonymsWithUntrackedCredits(BATCH)),
        ...(await this.lots.pseudonymsWithDueLots(cutoff, BATCH)),
      ]);
      if (pseudonyms.size === 0) break;
      for (const pseudonym of pseudonyms) {
        const expired = await this.book.withMember(pseudonym, program, async (book) => {
          const due = (await book.openLots()).filter((lot) => lot.expiresAt <= cutoff);
          for (const lot of due) await book.expireLot(lot);
          return { lots: due.length, points: due.reduce((sum, lot) => sum + lot.remaining, 0) };
        });
        run.members += expired.lots > 0 ? 1 : 0;
        run.lots += expired.lots;
        run.points += expired.points;
      }
    }
    return run;
  }

  /** Members whose points expire within `days` days, soonest first (for reminders later). */
  async expiringWithin(days: number, now = new Date(), limit = 1000): Promise<ExpiringSoon[]> {
    const until = new Date(now.getTime() + days * 24 * 3600 * 1000);
    const rows = await this.lots.expiringBetween(toSqlDateTime(now), toSqlDateTime(until), limit);
    return rows.map((row) => ({
      ...row,
      firstExpiresAt: fromSqlDateTime(row.firstExpiresAt).toISOString(),
    }));
  }
}
