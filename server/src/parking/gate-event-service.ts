import type { Knex } from 'knex';
import { AppError } from '@memberkit/shared';
import type { EntryGate } from './entry-gate';
import type { GateEventRecord, ParkingEventRepository } from './event-repository';
import type { ExitGate } from './exit-gate';
import {
  DuplicateEvent,
  plateOf,
  type BarrierFact,
  type EventContext,
  type EventOutcome,
  type GateEventInput,
} from './gate-event-types';
import { gateText, type DecisionReason } from './gate-texts';
import type { ParkingLotService } from './lot-service';
import { readPlate, type ParkingPlateCipher } from './parking-plates';
import type { ParkingReviewRepository } from './review-repository';
import type { ParkingSessionRepository } from './session-repository';
import type { StayQuotes } from './stay-quotes';

/** The answer an adapter turns into the camera's reply. */
export interface GateDecision {
  open: boolean;
  reason: DecisionReason;
  display: string[];
  voice: string;
  feeFen: number | null;
  /** This camera record was seen before; the answer is the one given then. */
  replayed: boolean;
}

// design.md "Queued events": accepted up to 72 h old. A camera clock a little ahead of ours is
// tolerated (its time is authoritative); one far ahead is a broken clock.
const OLDEST_EVENT_SECONDS = 72 * 3600;
const FUTURE_SKEW_SECONDS = 600;

export interface GateEventDependencies {
  knex: Knex;
  lots: ParkingLotService;
  events: ParkingEventRepository;
  sessions: ParkingSessionRepository;
  reviews: ParkingReviewRepository;
  plates: ParkingPlateCipher;
  quotes: StayQuotes;
  entry: EntryGate;
  exit: ExitGate;
}

/**
 * Every camera read goes through here, live or replayed from an adapter's outbox. A record
 * (camera serial, record id, camera time) is applied once; when an adapter reports that the
 * barrier did something else than the server had decided (it timed out and decided alone),
 * the stay is brought in line with what really happened at the barrier.
 */
export class GateEventService {
  constructor(private readonly deps: GateEventDependencies) {}

  async handle(deviceId: string, input: GateEventInput, now = new Date()): Promise<GateDecision> {
    const at = eventTime(input.occurredAt, now);
    const gate = await this.deps.lots.gateOfDevice(input.cameraSerial, deviceId);
    const lot = await this.deps.lots.lot(gate.lotId);
    const context: EventContext = {
      deviceId,
      eventKey: `${input.cameraSerial}:${input.recordId}:${input.occurredAt}`,
      gate,
      lot,
      read: readPlate(input.plate),
      at,
      receivedAt: now,
      cameraClockOff: input.cameraClockOff === true,
      fact: factOf(input),
    };

    const known = await this.deps.events.find(context.eventKey);
    if (known) return this.again(known, context);
    try {
      const outcome =
        gate.direction === 'entry'
          ? await this.deps.entry.apply(context)
          : await this.deps.exit.apply(context);
      return decisionOf(context, outcome, false);
    } catch (error) {
      if (!(error instanceof DuplicateEvent)) throw error;
      const stored = (await this.deps.events.find(context.eventKey)) as GateEventRecord;
      return this.again(stored, context);
    }
  }

  private async again(known: GateEventRecord, context: EventContext): Promise<GateDecision> {
    const fact = context.fact;
    if (fact && fact.opened !== known.opened) await this.reconcile(known, context, fact);
    const outcome: EventOutcome = {
      open: fact?.opened ?? known.opened,
      reason: known.reason as DecisionReason,
      feeFen: known.feeFen,
      sessionId: known.sessionId,
      reviewId: known.reviewId,
    };
    return decisionOf(context, outcome, true);
  }

  /** The barrier did what the adapter decided; make the stays say so. */
  private async reconcile(known: GateEventRecord, context: EventContext, fact: BarrierFact) {
    const sessionId =
      context.gate.direction === 'entry'
        ? await this.reconcileEntry(known, context, fact)
        : await this.reconcileExit(known, context, fact);
    await this.deps.events.recordOutcome(this.deps.knex, context.eventKey, {
      opened: fact.opened,
      decidedBy: fact.decidedBy,
      sessionId,
    });
  }

  private async reconcileEntry(known: GateEventRecord, context: EventContext, fact: BarrierFact) {
    const plate = plateOf(context);
    if (!fact.opened) {
      const created = known.sessionId && known.reason !== 'entry-repeat';
      if (created) await this.deps.sessions.markVoid(this.deps.knex, known.sessionId as string);
      return null;
    }

    if (!plate) return known.sessionId;
    return (await this.deps.entry.admit(context, plate, false)).sessionId;
  }

  private async reconcileExit(known: GateEventRecord, context: EventContext, fact: BarrierFact) {
    const session = known.sessionId ? await this.deps.sessions.find(known.sessionId) : undefined;
    const plate = plateOf(context);
    if (known.reviewId)
      await this.deps.reviews.markCarLeft(this.deps.knex, known.eventKey, fact.opened);
    if (!session || !plate) return known.sessionId;

    if (!fact.opened && session.status === 'closed') {
      const index = this.deps.plates.index(plate);
      const enc = await this.deps.plates.encrypt(plate, 'parking_sessions');
      await this.deps.sessions.reopen(this.deps.knex, session, { index, enc }).catch(() => false);
    }
    if (fact.opened && session.status === 'open') {
      const stay = await this.deps.quotes.quote(session, context.lot, context.at);
      await this.deps.exit.release(context, session, stay, false);
    }
    return session.id;
  }
}

function eventTime(occurredAt: number, now: Date): Date {
  const age = now.getTime() / 1000 - occurredAt;
  if (!Number.isFinite(age) || age > OLDEST_EVENT_SECONDS || age < -FUTURE_SKEW_SECONDS)
    throw new AppError('PARKING_EVENT_TIME_INVALID');
  return new Date(occurredAt * 1000);
}

function factOf(input: GateEventInput): BarrierFact | undefined {
  if (input.cameraOffline) return { opened: input.outcome?.opened ?? true, decidedBy: 'camera' };
  if (input.outcome) return { opened: input.outcome.opened, decidedBy: 'adapter' };
  return undefined;
}

function decisionOf(context: EventContext, outcome: EventOutcome, replayed: boolean): GateDecision {
  const text = gateText(context.gate.direction, outcome.reason, outcome.feeFen ?? 0);
  return {
    open: outcome.open,
    reason: outcome.reason,
    display: text.display,
    voice: text.voice,
    feeFen: outcome.feeFen,
    replayed,
  };
}
