import type { Knex } from 'knex';
import type { ParkingEventRepository } from './event-repository';
import { recordEvent, type EventContext, type EventOutcome } from './gate-event-types';
import type { DecisionReason } from './gate-texts';
import type { ParkingLotService } from './lot-service';
import { newParkingId } from './parking-ids';
import type { ParkingMembers } from './parking-members';
import type { ParkingPlateCipher } from './parking-plates';
import type { ParkingPassRepository } from './pass-repository';
import type { ParkingSessionRepository, SessionRecord } from './session-repository';

export interface EntryGateDependencies {
  knex: Knex;
  events: ParkingEventRepository;
  sessions: ParkingSessionRepository;
  plates: ParkingPlateCipher;
  members: ParkingMembers;
  passes: ParkingPassRepository;
  lots: ParkingLotService;
}

/**
 * Entry reads (C-4.2.2.6): every readable plate gets in and opens a stay; a member with the
 * parking consent has it kept under their pseudonym. A car without a readable plate waits
 * for its driver to take a ticket by QR code (the gate remembers that a car is waiting).
 */
export class EntryGate {
  constructor(private readonly deps: EntryGateDependencies) {}

  async apply(context: EventContext): Promise<EventOutcome> {
    if (context.read.kind !== 'plate') return this.withoutPlate(context);

    const opened = context.fact?.opened ?? true;
    if (!opened) return this.store(context, outcomeOf(false, 'recorded', null));
    return this.admit(context, context.read.plate, true);
  }

  /** Open a stay for the plate, or keep the one a repeated read belongs to. */
  async admit(context: EventContext, plate: string, recordIt: boolean): Promise<EventOutcome> {
    const { reason, pseudonym } = await this.welcome(context, plate);
    const indexes = this.deps.plates.indexCandidates(plate);
    const current = await this.deps.sessions.findOpen(context.lot.id, indexes);
    if (current && this.isRepeat(current, context)) {
      const outcome = outcomeOf(true, 'entry-repeat', current.id);
      if (recordIt) await this.store(context, outcome);
      return outcome;
    }

    const session = {
      id: newParkingId('ps'),
      lotId: context.lot.id,
      kind: 'plate' as const,
      plateIndex: indexes[0],
      plateEnc: await this.deps.plates.encrypt(plate, 'parking_sessions'),
      plateKind: context.read.kind === 'plate' ? context.read.plateKind : null,
      ticketHash: null,
      pseudonym,
      entryAt: context.at,
      entryGateId: context.gate.id,
    };
    const outcome = outcomeOf(true, reason, session.id);
    await this.deps.knex.transaction(async (trx) => {
      if (recordIt) await recordEvent(this.deps.events, trx, context, outcome);
      // The same car again with no exit read in between: the old stay ends here, unpriced.
      if (current) {
        await this.deps.sessions.close(trx, current.id, {
          exitAt: context.at,
          exitGateId: null,
          exitOutcome: 'no-exit-read',
          outstandingFen: 0,
        });
      }
      await this.deps.sessions.insert(trx, session);
    });
    return outcome;
  }

  private async welcome(context: EventContext, plate: string) {
    const member = await this.deps.members.forPlate(plate);
    if (!member) return { reason: 'entry' as DecisionReason, pseudonym: null };
    const pass = await this.deps.passes.activeAt(context.lot.id, member.pseudonym, context.at);
    const reason: DecisionReason = pass ? 'entry-pass' : 'entry-member';
    return { reason, pseudonym: member.pseudonym };
  }

  private isRepeat(current: SessionRecord, context: EventContext): boolean {
    const seconds = (context.at.getTime() - current.entryAt.getTime()) / 1000;
    return seconds >= 0 && seconds <= context.lot.policy.repeatEntrySeconds;
  }

  private async withoutPlate(context: EventContext): Promise<EventOutcome> {
    if (!context.fact) await this.deps.lots.markUnread(context.gate.id, context.receivedAt);
    const reason = context.read.kind === 'none' ? 'no-plate' : 'unreadable';
    return this.store(context, outcomeOf(context.fact?.opened ?? false, reason, null));
  }

  private async store(context: EventContext, outcome: EventOutcome): Promise<EventOutcome> {
    await this.deps.knex.transaction((trx) => recordEvent(this.deps.events, trx, context, outcome));
    return outcome;
  }
}

function outcomeOf(open: boolean, reason: DecisionReason, sessionId: string | null): EventOutcome {
  return { open, reason, feeFen: null, sessionId, reviewId: null };
}
