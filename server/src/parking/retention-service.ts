import { CONSENT_PURPOSES } from '@memberkit/shared';
import type { ParkingLotService } from './lot-service';
import type { ParkingSessionRepository } from './session-repository';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;

// Run at most this often when triggered from busy paths (the adapters' rule refreshes). Kept
// per server: with several servers each runs hourly, which only repeats idempotent work.
const AUTOMATIC_INTERVAL_MS = 3600_000;

/**
 * D-7.1: closed stays are anonymised once their retention ends: non-members' after the lot's
 * retention period, members' after the parking consent's (CONSENT_PURPOSES.parking).
 */
export class ParkingRetention {
  private lastRun = Date.now();

  constructor(
    private readonly lots: ParkingLotService,
    private readonly sessions: ParkingSessionRepository,
  ) {}

  async run(now = new Date()): Promise<{ anonymised: number }> {
    this.lastRun = now.getTime();
    let anonymised = 0;
    for (const lot of await this.lots.listLots()) {
      const guests = new Date(now.getTime() - lot.policy.nonMemberRetentionDays * DAY_MS);
      const members = new Date(now.getTime() - CONSENT_PURPOSES.parking.retentionDays * DAY_MS);
      anonymised += await this.drain(lot.id, guests, false);
      anonymised += await this.drain(lot.id, members, true);
    }
    return { anonymised };
  }

  /** Start a run in the background when the last one is an hour old; errors wait for the next. */
  runWhenDue(now = new Date()): void {
    if (now.getTime() - this.lastRun < AUTOMATIC_INTERVAL_MS) return;
    this.lastRun = now.getTime();
    void this.run(now).catch(() => undefined);
  }

  private async drain(lotId: string, before: Date, members: boolean): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.sessions.anonymiseClosedBefore(lotId, before, members, BATCH);
      total += count;
      if (count < BATCH) return total;
    }
  }
}
