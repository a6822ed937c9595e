import { CONSENT_PURPOSES } from '@memberkit/shared';
import type { OnlineEventRepository } from './online-event-repository';

const DAY_MS = 24 * 3600_000;
const BATCH = 500;
// Run at most this often when triggered from the busy write path.
const AUTOMATIC_INTERVAL_MS = 3600_000;

/**
 * D-7.1: online shopping events are deleted once the online_shopping purpose's retention
 * period has passed since they occurred. Deleted, not anonymised: what a shopper browsed has
 * no statistical use here that would justify keeping it.
 */
export class OnlineEventRetention {
  private lastRun = 0;

  constructor(private readonly events: OnlineEventRepository) {}

  async run(now = new Date()): Promise<{ deleted: number }> {
    this.lastRun = now.getTime();
    const cutOff = new Date(
      now.getTime() - CONSENT_PURPOSES.online_shopping.retentionDays * DAY_MS,
    );
    let deleted = 0;
    for (;;) {
      const count = await this.events.deleteOccurredBefore(cutOff, BATCH);
      deleted += count;
      if (count < BATCH) return { deleted };
    }
  }

  /** Start a run in the background when the last one is an hour old; errors wait for the next. */
  runWhenDue(now = new Date()): void {
    if (now.getTime() - this.lastRun < AUTOMATIC_INTERVAL_MS) return;
    this.lastRun = now.getTime();
    void this.run(now).catch(() => undefined);
  }
}
