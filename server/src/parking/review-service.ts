import { AppError, NotFoundError } from '@memberkit/shared';
import type { Knex } from 'knex';
import type { AuditLog } from '../platform/audit/audit-log';
import type { GateCommands } from './gate-commands';
import type { ParkingLotService } from './lot-service';
import type { ParkingPlateCipher } from './parking-plates';
import type { ParkingReviewRepository, ReviewRecord } from './review-repository';
import { forgetPlate, type ParkingSessionRepository } from './session-repository';
import type { StayQuotes } from './stay-quotes';

export interface ReviewResolution {
  /** The open stay staff recognise as this car, or null when none is. */
  sessionId: string | null;
  /** Let the car out now (an "open once" to the exit gate). */
  openGate: boolean;
}

/**
 * Staff review of exit reads that match no open stay exactly (field cases, "Plates"): staff
 * see the read and the stays one character away, and decide; nothing is merged by itself.
 * Reading plates here is an access to personal data and leaves an audit row (S-5.5).
 */
export class ParkingReviews {
  constructor(
    private readonly deps: {
      knex: Knex;
      reviews: ParkingReviewRepository;
      sessions: ParkingSessionRepository;
      lots: ParkingLotService;
      plates: ParkingPlateCipher;
      quotes: StayQuotes;
      commands: GateCommands;
      audit: AuditLog;
    },
  ) {}

  async listPending(staffId: string, lotId?: string) {
    const reviews = await this.deps.reviews.listPending(lotId);
    const described = await Promise.all(reviews.map((review) => this.describe(review)));
    await this.deps.audit.record([
      {
        actor: `staff:${staffId}`,
        action: 'parking.review.read',
        purpose: 'parking',
        details: { reviews: reviews.length },
      },
    ]);
    return described;
  }

  async resolve(staffId: string, reviewId: string, resolution: ReviewResolution, now = new Date()) {
    const review = await this.deps.reviews.find(reviewId);
    if (!review) throw new NotFoundError('PARKING_REVIEW_NOT_FOUND');
    if (review.status !== 'pending') throw new AppError('PARKING_REVIEW_RESOLVED');

    const dueFen = resolution.sessionId
      ? await this.matchStay(review, resolution, now)
      : await this.dismiss(review, resolution);
    await this.deps.reviews.resolve(this.deps.knex, review.id, {
      status: resolution.sessionId ? 'matched' : 'dismissed',
      staffId: `staff:${staffId}`,
      sessionId: resolution.sessionId,
    });
    await this.deps.audit.record([
      {
        actor: `staff:${staffId}`,
        action: 'parking.review.resolve',
        purpose: 'parking',
        details: { reviewId, matched: Boolean(resolution.sessionId), opened: resolution.openGate },
      },
    ]);
    return { reviewId, status: resolution.sessionId ? 'matched' : 'dismissed', dueFen };
  }

  /** The stay is this car: it ends at this exit; the barrier opens if nothing is due. */
  private async matchStay(review: ReviewRecord, resolution: ReviewResolution, now: Date) {
    const session = await this.deps.sessions.find(resolution.sessionId as string);
    if (!session || session.lotId !== review.lotId || session.status !== 'open')
      throw new NotFoundError('PARKING_SESSION_NOT_FOUND');
    const lot = await this.deps.lots.lot(review.lotId);
    const exitAt = review.carLeft ? review.occurredAt : now;
    const stay = await this.deps.quotes.quote(session, lot, exitAt);
    const leaves = review.carLeft || stay.dueFen === 0 || resolution.openGate;
    if (!leaves) {
      await this.deps.sessions.recordExitAttempt(this.deps.knex, session.id, review.gateId, now);
      return stay.dueFen;
    }

    await this.deps.knex.transaction(async (trx) => {
      await this.deps.sessions.close(trx, session.id, {
        exitAt,
        exitGateId: review.gateId,
        exitOutcome: stay.dueFen === 0 ? stay.status : 'left-unpaid',
        outstandingFen: stay.dueFen,
      });
      if (session.pseudonym) await forgetPlate(trx, session.id);
    });
    if (!review.carLeft) await this.open(review, session.id, now);
    return stay.dueFen;
  }

  private async dismiss(review: ReviewRecord, resolution: ReviewResolution) {
    if (resolution.openGate && !review.carLeft) await this.open(review, null, new Date());
    return 0;
  }

  private async open(review: ReviewRecord, sessionId: string | null, now: Date) {
    const gate = await this.deps.lots.gate(review.gateId);
    await this.deps.commands.issue(gate, 'open', 'staff-review', sessionId, now);
  }

  private async describe(review: ReviewRecord) {
    const candidates = await Promise.all(
      review.candidates.map(async (sessionId) => {
        const session = await this.deps.sessions.find(sessionId);
        if (!session || session.status !== 'open' || !session.plateEnc) return undefined;
        const plate = await this.deps.plates.decrypt(session.plateEnc, 'parking_sessions');
        return { sessionId, plate, entryAt: session.entryAt.toISOString() };
      }),
    );
    return {
      reviewId: review.id,
      lotId: review.lotId,
      gateId: review.gateId,
      reason: review.reason,
      carLeft: review.carLeft,
      plate: review.plateEnc
        ? await this.deps.plates.decrypt(review.plateEnc, 'parking_reviews')
        : null,
      occurredAt: review.occurredAt.toISOString(),
      candidates: candidates.filter((candidate) => candidate !== undefined),
    };
  }
}
