import type { Connectivity } from '@memberkit/shared/node';
import type { Logger } from './logger';
import type { LocalStore, QueuedEvent } from './local-store';
import type { ServerLink } from './server-link';
import { isFinalRefusal } from './final-refusals';

// Replays are not on a camera's clock: each may take this long.
const REPLAY_TIMEOUT_MS = 5000;

/**
 * Sends the outbox in order once the server is back: each event re-signed at send time and
 * carrying its own occurredAt and what the barrier did. The server applies each camera record
 * once, so a replay that is sent twice (an answer lost on the way) changes nothing.
 */
export class OutboxReplayer {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly store: LocalStore,
    private readonly link: ServerLink,
    private readonly connectivity: Connectivity,
    private readonly log: Logger,
    private readonly retryMs: number,
    private readonly onSettled: (event: QueuedEvent) => void = () => undefined,
  ) {}

  /** Try now (new event, server back); a run already going picks the new event up. */
  kick(): void {
    if (this.stopped || this.running) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
    });
  }

  /** Resolves when the outbox is empty or the server stopped answering. */
  async settle(): Promise<void> {
    while (this.running) await this.running;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async drain(): Promise<void> {
    for (let row = this.store.oldest(); row && !this.stopped; row = this.store.oldest()) {
      const answer = await this.link.postEvent(
        row.event,
        `${row.eventKey}:replay`,
        REPLAY_TIMEOUT_MS,
      );
      if (answer.kind === 'answered' && answer.status < 300) {
        this.store.delivered(row.id);
        this.onSettled(row.event);
        this.connectivity.markUp();
        continue;
      }

      if (answer.kind === 'answered' && isFinalRefusal(answer.errorCode)) {
        this.log.warn({ code: answer.errorCode, eventKey: row.eventKey }, 'queued event refused');
        this.store.setAside(row.id, answer.errorCode ?? String(answer.status));
        this.onSettled(row.event);
        continue;
      }

      const reason =
        answer.kind === 'answered' ? String(answer.errorCode ?? answer.status) : answer.reason;
      this.store.retryLater(row.id, reason);
      if (answer.kind === 'unreachable' || answer.status >= 500) this.connectivity.markDown();
      this.scheduleRetry();
      return;
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.kick(), this.retryMs);
    this.timer.unref();
  }
}
