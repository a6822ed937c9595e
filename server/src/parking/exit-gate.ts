import type { Knex } from 'knex';
import type { ParkingEventRepository } from './event-repository';
import { recordEvent, type EventContext, type EventOutcome } from './gate-event-types';
import type { DecisionReason } from './gate-texts';
import type { ParkingLotService } from './lot-service';
import { newParkingId } from './parking-ids';
import type { ParkingPlateCipher } from './parking-plates';
import type { ParkingReviewRepository } from './review-repository';
import {
  forgetPlate,
  type ParkingSessionRepository,
  type SessionRecord,
} from './session-repository';
import type { StayQuote, StayQuotes } from './stay-quotes';

export interface ExitGateDependencies {
  knex: Knex;
  events: ParkingEventRepository;
  sessions: ParkingSessionRepository;
  reviews: ParkingReviewRepository;
  plates: ParkingPlateCipher;
  quotes: StayQuotes;
  lots: ParkingLotService;
}

/**
 * Exit reads (C-4.2.2.6). A plate with an open stay leaves when nothing is due (free stay,
 * pass, paid within grace); otherwise the LED asks for the fee. A read that matches no open
 * stay exactly goes to staff review, with the stays one character away as candidates: such a
 * pair is never merged by itself (field cases, "Plates").
 */
export class ExitGate {
  constructor(private readonly deps: ExitGateDependencies) {}

  async apply(context: EventContext): Promise<EventOutcome> {
    if (context.read.kind !== 'plate') return this.withoutPlate(context);

    const plate = context.read.plate;
    const session = await this.deps.sessions.findOpen(
      context.lot.id,
      this.deps.plates.indexCandidates(plate),
    );
    if (!session || session.entryAt > context.at) return this.unmatched(context, plate);

    const stay = await this.deps.quotes.quote(session, context.lot, context.at);
    const opened = context.fact?.opened ?? stay.dueFen === 0;
    if (!opened) return this.refuse(context, session, stay.dueFen);
    return this.release(context, session, stay, true);
  }

  /** Close the stay: the car is out (paid, free, or, when an adapter let it go, unpaid). */
  async release(
    context: EventContext,
    session: SessionRecord,
    stay: StayQuote,
    recordIt: boolean,
  ): Promise<EventOutcome> {
    const reason: DecisionReason = stay.dueFen === 0 ? stay.status : 'fee-due';
    const outcome = outcomeOf(true, reason, session.id, stay.dueFen);
    await this.deps.knex.transaction(async (trx) => {
      if (recordIt) await recordEvent(this.deps.events, trx, context, outcome);
      await this.deps.sessions.close(trx, session.id, {
        exitAt: context.at,
        exitGateId: context.gate.id,
        exitOutcome: stay.dueFen === 0 ? stay.status : 'left-unpaid',
        outstandingFen: stay.dueFen,
      });
      // A member's stay is kept under the pseudonym; the plate itself lives in the vault.
      if (session.pseudonym) await forgetPlate(trx, session.id);
    });
    return outcome;
  }

  private async refuse(
    context: EventContext,
    session: SessionRecord,
    dueFen: number,
  ): Promise<EventOutcome> {
    const outcome = outcomeOf(false, 'fee-due', session.id, dueFen);
    await this.deps.knex.transaction(async (trx) => {
      await recordEvent(this.deps.events, trx, context, outcome);
      await this.deps.sessions.recordExitAttempt(trx, session.id, context.gate.id, context.at);
    });
    return outcome;
  }

  private async unmatched(context: EventContext, plate: string): Promise<EventOutcome> {
    const nearby = await this.deps.sessions.listOpenByIndexes(
      context.lot.id,
      this.deps.plates.nearbyIndexes(plate),
    );
    const review = {
      id: newParkingId('pr'),
      lotId: context.lot.id,
      gateId: context.gate.id,
      eventKey: context.eventKey,
      reason: nearby.length > 0 ? ('near-match' as const) : ('no-entry' as const),
      carLeft: context.fact?.opened ?? false,
      plateIndex: this.deps.plates.index(plate),
      plateEnc: await this.deps.plates.encrypt(plate, 'parking_reviews'),
      candidates: nearby.map((session) => session.id),
      occurredAt: context.at,
    };
    const outcome: EventOutcome = {
      open: context.fact?.opened ?? false,
      reason: 'review',
      feeFen: null,
      sessionId: null,
      reviewId: review.id,
    };
    await this.deps.knex.transaction(async (trx) => {
      await recordEvent(this.deps.events, trx, context, outcome);
      await this.deps.reviews.insert(trx, review);
    });
    return outcome;
  }

  private async withoutPlate(context: EventContext): Promise<EventOutcome> {
    if (!context.fact) await this.deps.lots.markUnread(context.gate.id, context.receivedAt);
    const reason = context.read.kind === 'none' ? 'no-plate' : 'unreadable';
    const outcome = outcomeOf(context.fact?.opened ?? false, reason, null, null);
    await this.deps.knex.transaction((trx) => recordEvent(this.deps.events, trx, context, outcome));
    return outcome;
  }
}

function outcomeOf(
  open: boolean,
  reason: DecisionReason,
  sessionId: string | null,
  feeFen: number | null,
): EventOutcome {
  return { open, reason, feeFen: feeFen || null, sessionId, reviewId: null };
}
