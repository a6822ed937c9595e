import type { Connectivity } from '@memberkit/shared/node';
import type { CheckoutStore, QueuedCheckout, ReplayReport } from './checkout-store';
import { MAX_EVENT_AGE_MS } from './checkout-store';
import type { Logger } from './logger';
import { meaningOf } from './server-answer';
import type { ServerLink } from './server-link';

export interface ReplayTiming {
  /** How long one queued checkout may take on the wire. */
  timeoutMs: number;
  /** The first wait after a failure; it doubles up to maxRetryMs while failures go on. */
  retryMs: number;
  maxRetryMs: number;
}

/**
 * Sends the outbox strictly in order once the server answers (design.md "Queued events"):
 * each checkout re-signed at send time, with its stored Idempotency-Key and its own
 * occurredAt, so a checkout sent twice (an answer lost on the way) is applied once. A final
 * refusal (e.g. MEMBER_CODE_REFUSED) moves the item to the dead letters and the rest go on;
 * no answer or a 5xx stops the run, and it is tried again later with backoff.
 */
export class OutboxReplayer {
  private running: Promise<ReplayReport> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;

  constructor(
    private readonly store: CheckoutStore,
    private readonly link: ServerLink,
    private readonly connectivity: Connectivity,
    private readonly log: Logger,
    private readonly timing: ReplayTiming,
  ) {}

  /** Replay now; a run already going is joined, not doubled. */
  replay(): Promise<ReplayReport> {
    if (!this.running)
      this.running = this.drain().finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  kick(): void {
    if (!this.stopped) void this.replay();
  }

  /** Resolves when the current run is over. */
  async settle(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async drain(): Promise<ReplayReport> {
    const report: ReplayReport = { at: new Date().toISOString(), sent: 0, deadLettered: 0 };
    for (
      let item = this.store.nextQueued();
      item && !this.stopped;
      item = this.store.nextQueued()
    ) {
      const stoppedBy = await this.sendOne(item, report);
      if (stoppedBy) {
        report.stoppedBy = stoppedBy;
        break;
      }
    }
    if (report.sent + report.deadLettered > 0 || report.stoppedBy)
      this.store.saveReplayReport(report);
    if (report.stoppedBy) this.scheduleRetry();
    else this.failures = 0;
    return report;
  }

  /** Undefined when the item is done with (sent or dead-lettered); otherwise why to stop. */
  private async sendOne(item: QueuedCheckout, report: ReplayReport): Promise<string | undefined> {
    if (Date.now() - item.occurredAt > MAX_EVENT_AGE_MS)
      this.log.warn({ checkoutId: item.checkoutId }, 'queued checkout older than 72 h');
    const meaning = meaningOf(
      await this.link.postCheckout(item.body, item.idempotencyKey, this.timing.timeoutMs),
    );

    if (meaning.kind === 'settled') {
      this.store.markSent(item, meaning.state, meaning.answer);
      this.connectivity.markUp();
      report.sent += 1;
      return undefined;
    }
    if (meaning.kind === 'refused') {
      this.log.warn(
        { checkoutId: item.checkoutId, errorCode: meaning.errorCode },
        'queued checkout refused',
      );
      this.store.markDead(item, meaning.errorCode);
      this.connectivity.markUp();
      report.deadLettered += 1;
      return undefined;
    }
    this.store.retryLater(item, meaning.reason);
    if (meaning.status === undefined || meaning.status >= 500) this.connectivity.markDown();
    return meaning.reason;
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.failures += 1;
    const wait = Math.min(this.timing.retryMs * 2 ** (this.failures - 1), this.timing.maxRetryMs);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), wait);
    this.timer.unref();
  }
}
