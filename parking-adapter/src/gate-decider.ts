import type { Connectivity } from '@memberkit/shared/node';
import type { LocalStore, QueuedEvent, RememberedReply } from './local-store';
import type { Logger } from './logger';
import { normalised, type Decision, type OfflineDecisions } from './offline-decisions';
import type { OutboxReplayer } from './outbox-replayer';
import type { ServerLink } from './server-link';
import type { PlatePush } from './camera-protocol';
import { eventTimeOf } from './camera-clock';
import { isFinalRefusal } from './final-refusals';

// A camera that restarts may count record ids from the start again: the same (serial, id)
// with a camera time this far apart is a new car, not a repeat.
const RECORD_ID_REUSE_SECONDS = 3600;

// A server that misses the budget this many times in a row counts as away (checked in the
// background) instead of costing every car the whole budget.
const SLOW_ANSWERS_BEFORE_AWAY = 3;

export interface DecidedPush {
  /** What the camera gets: a decision for a live read, or "send the next one" for a cached one. */
  kind: 'live' | 'cached';
  decision: Decision;
  decidedBy: 'server' | 'adapter' | 'repeat';
}

/**
 * One camera push to one answer (issue #7). A record seen before (serial, plateid) gets the
 * same answer again. A live read asks the server within the budget; when the server is away or
 * slow, the adapter decides from its offline rules and queues the event with what the barrier
 * did. A car with events still queued is decided alone too, so its events reach the server in
 * order; other cars are asked live again as soon as the server answers. Records the camera
 * cached while it could not reach us are queued as history: the barrier is not touched.
 */
export class GateDecider {
  private readonly queuedCars = new Map<string, number>();
  private timeoutsInARow = 0;

  constructor(
    private readonly deps: {
      store: LocalStore;
      link: ServerLink;
      connectivity: Connectivity;
      offline: OfflineDecisions;
      replayer: OutboxReplayer;
      budgetMs: number;
      log: Logger;
    },
  ) {
    for (const event of deps.store.pendingEvents()) this.count(event, 1);
  }

  async decide(push: PlatePush): Promise<DecidedPush> {
    const seen = this.deps.store.seen(push.serial, push.recordId);
    if (seen && Math.abs(seen.cameraSec - seenSecOf(push)) < RECORD_ID_REUSE_SECONDS)
      return { kind: seen.reply.kind, decision: seen.reply, decidedBy: 'repeat' };

    const event = this.eventOf(push);
    const decided = push.cachedByCamera ? this.queueCached(event) : await this.decideLive(event);
    this.remember(push, decided);
    return decided;
  }

  private eventOf(push: PlatePush): QueuedEvent {
    const time = eventTimeOf(push.cameraSec, Math.floor(Date.now() / 1000));
    if (time.cameraClockOff)
      this.deps.log.warn(
        { code: 'CAMERA_CLOCK_OFF', serial: push.serial, recordId: push.recordId },
        'camera time implausible: sending the receive time',
      );
    return {
      cameraSerial: push.serial,
      recordId: push.recordId,
      occurredAt: time.occurredAt,
      ...(time.cameraClockOff ? { cameraClockOff: true } : {}),
      plate: push.plate,
      ...(push.confidence === undefined ? {} : { confidence: push.confidence }),
    };
  }

  /** The replayer delivered (or set aside) a queued event: its car may be asked live again. */
  forget(event: QueuedEvent): void {
    this.count(event, -1);
  }

  private queueCached(event: QueuedEvent): DecidedPush {
    this.queue({ ...event, cameraOffline: true });
    const decision = { open: false, reason: 'cached', display: [], voice: '' };
    return { kind: 'cached', decision, decidedBy: 'adapter' };
  }

  private async decideLive(event: QueuedEvent): Promise<DecidedPush> {
    if (this.deps.connectivity.isUp && !this.queuedCars.has(carOf(event))) {
      const answer = await this.deps.link.postEvent(event, keyOf(event), this.deps.budgetMs);
      if (answer.kind === 'answered' && answer.status === 200) {
        this.timeoutsInARow = 0;
        return { kind: 'live', decision: answer.body, decidedBy: 'server' };
      }
      this.noteFailure(answer);
      if (answer.kind === 'answered' && isFinalRefusal(answer.errorCode))
        return this.alone(event, answer.errorCode as string);
    }
    return this.alone(event);
  }

  /**
   * Decide from the offline rules and keep the event with what the barrier did: in the outbox,
   * or, when the server refused it for good, in the dead letters shown in the adapter's status
   * (a refused event is never dropped silently).
   */
  private alone(event: QueuedEvent, refusedWith?: string): DecidedPush {
    const decision = this.deps.offline.decide(event.cameraSerial, event.plate, event.occurredAt);
    const kept: QueuedEvent = { ...event, outcome: { opened: decision.open } };
    if (refusedWith) this.deps.store.deadLetter(keyOf(kept), kept, refusedWith);
    else this.queue(kept);
    return { kind: 'live', decision, decidedBy: 'adapter' };
  }

  /**
   * A 4xx: the server is there but refused this event (a final refusal goes to the dead
   * letters, any other is queued and sent again).
   * A refused connection or a 5xx: the server is away, stop asking until it answers a check.
   * A slow answer: decide alone this time; three in a row, and the server counts as away.
   */
  private noteFailure(answer: Awaited<ReturnType<ServerLink['postEvent']>>): void {
    if (answer.kind === 'answered' && answer.status < 500) {
      this.deps.log.warn({ status: answer.status, code: answer.errorCode }, 'gate event refused');
      return;
    }

    const slow = answer.kind === 'unreachable' && answer.reason === 'timeout';
    this.timeoutsInARow = slow ? this.timeoutsInARow + 1 : 0;
    const reason = answer.kind === 'unreachable' ? answer.reason : answer.status;
    this.deps.log.warn({ reason }, 'server away or too slow: deciding alone');
    if (!slow || this.timeoutsInARow >= SLOW_ANSWERS_BEFORE_AWAY) this.deps.connectivity.markDown();
  }

  private queue(event: QueuedEvent): void {
    if (this.deps.store.enqueue(keyOf(event), event)) this.count(event, 1);
    if (this.deps.connectivity.isUp) this.deps.replayer.kick();
  }

  private count(event: QueuedEvent, change: number): void {
    const car = carOf(event);
    const count = (this.queuedCars.get(car) ?? 0) + change;
    if (count > 0) this.queuedCars.set(car, count);
    else this.queuedCars.delete(car);
  }

  private remember(push: PlatePush, decided: DecidedPush): void {
    const reply: RememberedReply = { kind: decided.kind, ...decided.decision };
    this.deps.store.remember(push.serial, push.recordId, seenSecOf(push), reply);
  }
}

/**
 * The camera time a record is remembered by, to tell a repeat from a reused record id. A push
 * without a usable time counts as 0, as a camera sending 0 always has, so that its resends
 * are still answered as repeats.
 */
function seenSecOf(push: PlatePush): number {
  return push.cameraSec ?? 0;
}

/** The camera record: serial, record id, camera time (the server's key for applying it once). */
export function keyOf(event: QueuedEvent): string {
  return `${event.cameraSerial}:${event.recordId}:${event.occurredAt}`;
}

/** Which car an event is about, for ordering: its normalised plate (kept in memory only). */
function carOf(event: QueuedEvent): string {
  return normalised(event.plate) ?? `no-plate:${event.cameraSerial}`;
}
