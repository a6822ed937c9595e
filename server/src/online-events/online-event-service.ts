import crypto from 'node:crypto';
import { AppError, isAppError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { fromSqlDateTime, toSqlDateTime } from '../platform/db/sql-time';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import {
  consentRequired,
  judgeOnlineShoppingConsent,
  type ConsentVerdict,
} from './online-event-consent';
import { notRecorded, refusalOf, type EventRefusal } from './online-event-refusal';
import type { OnlineEventRecord, OnlineEventRepository } from './online-event-repository';
import type { OnlineEventInput } from './online-event-schemas';

// design.md "Queued events": judged by occurredAt, accepted up to 72 h old; a channel clock a
// little ahead of ours is tolerated.
const OLDEST_EVENT_MS = 72 * 3600_000;
const FUTURE_SKEW_MS = 300_000;

export interface EventResult {
  eventKey: string;
  status: 'recorded' | 'duplicate' | 'refused';
  error?: { code: string; message: string };
}

export interface RecordOutcome {
  /** What the channel is told. */
  answer: { recorded: number; duplicates: number; refused: number; results: EventResult[] };
  /** Why events were refused, for the log only: the channel is not told (online-event-refusal.ts). */
  refusals: EventRefusal[];
}

/**
 * Shopping events from the retailer's own online channels (C-4.2.1.5), kept under the
 * pseudonym. Each event in a batch is judged on its own: one refused event (no consent, too
 * old) stores nothing for itself and does not hold back the others.
 */
export class OnlineEventService {
  constructor(
    private readonly events: OnlineEventRepository,
    private readonly members: MemberCoreRepository,
    private readonly consents: ConsentService,
  ) {}

  async record(
    deviceId: string,
    batch: OnlineEventInput[],
    now = new Date(),
  ): Promise<RecordOutcome> {
    const verdicts = new Map<string, Promise<ConsentVerdict>>();
    const results: EventResult[] = [];
    const refusals: EventRefusal[] = [];
    for (const [index, event] of batch.entries()) {
      try {
        results.push(await this.recordOne(deviceId, event, now, verdicts));
      } catch (error) {
        if (!isAppError(error) || error.status >= 500) throw error;
        results.push({ eventKey: event.eventKey, status: 'refused', error: publicPart(error) });
        refusals.push(refusalOf(index, error));
      }
    }

    const count = (status: EventResult['status']) =>
      results.filter((result) => result.status === status).length;
    const answer = {
      recorded: count('recorded'),
      duplicates: count('duplicate'),
      refused: count('refused'),
      results,
    };
    return { answer, refusals };
  }

  /** The member's own events, newest first, without the channel's keys. */
  async listOwn(pseudonym: string, limit?: number) {
    return (await this.events.listFor(pseudonym, limit)).map(ownView);
  }

  private async recordOne(
    deviceId: string,
    event: OnlineEventInput,
    now: Date,
    verdicts: Map<string, Promise<ConsentVerdict>>,
  ): Promise<EventResult> {
    // Key and time are judged before the member is looked up, so no answer but the one
    // refusal depends on whether a card number exists (see online-event-refusal.ts).
    const earlier = await this.events.findByKey(deviceId, event.eventKey);
    if (earlier) return sameEvent(earlier, await this.pseudonymOf(event), event, deviceId);

    const occurredAt = checkEventTime(event.occurredAt, now);
    const pseudonym = await this.pseudonymOf(event);
    if (!pseudonym) throw notRecorded(new AppError('MEMBER_NOT_FOUND'));

    if (!verdicts.has(pseudonym))
      verdicts.set(pseudonym, judgeOnlineShoppingConsent(this.consents, pseudonym));
    const verdict = (await verdicts.get(pseudonym)) as ConsentVerdict;
    if (!verdict.allowed) throw notRecorded(verdict.error);
    if (occurredAt < verdict.since) throw notRecorded(consentRequired('event-before-consent'));

    const stored = await this.events.insert(toRecord(deviceId, pseudonym, event, occurredAt));
    if (stored) return { eventKey: event.eventKey, status: 'recorded' };
    // Another request with the same event won the insert between our look and our write.
    const winner = (await this.events.findByKey(deviceId, event.eventKey)) as OnlineEventRecord;
    return sameEvent(winner, pseudonym, event, deviceId);
  }

  /** The active member's pseudonym, or undefined for an unknown, closed or deleted member. */
  private async pseudonymOf(event: OnlineEventInput): Promise<string | undefined> {
    const member = event.memberCardNo
      ? await this.members.findByCardNo(event.memberCardNo)
      : await this.members.findByPseudonym(event.pseudonym as string);
    if (!member || member.status !== 'active' || !member.pseudonym) return undefined;
    return member.pseudonym;
  }
}

function publicPart(error: AppError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

function checkEventTime(text: string, now: Date): Date {
  const occurredAt = new Date(text);
  const age = now.getTime() - occurredAt.getTime();
  if (!Number.isFinite(age) || age > OLDEST_EVENT_MS || age < -FUTURE_SKEW_MS)
    throw new AppError('ONLINE_EVENT_TIME_INVALID');
  return occurredAt;
}

function toRecord(
  deviceId: string,
  pseudonym: string,
  event: OnlineEventInput,
  occurredAt: Date,
): OnlineEventRecord {
  return {
    id: `oe_${crypto.randomBytes(12).toString('hex')}`,
    pseudonym,
    deviceId,
    eventKey: event.eventKey,
    type: event.type,
    items: event.items,
    amountFen: event.amountFen ?? null,
    occurredAt: toSqlDateTime(occurredAt),
    recordedAt: toSqlDateTime(new Date()),
  };
}

/**
 * A resent event is answered as a duplicate; a different event under a used key is refused.
 * An unknown member (no pseudonym) can only differ from what is stored, so it is a conflict too.
 */
function sameEvent(
  stored: OnlineEventRecord,
  pseudonym: string | undefined,
  event: OnlineEventInput,
  deviceId: string,
): EventResult {
  const same =
    stored.deviceId === deviceId &&
    stored.pseudonym === pseudonym &&
    stored.type === event.type &&
    stored.amountFen === (event.amountFen ?? null) &&
    stored.occurredAt === sqlTimeOf(event.occurredAt) &&
    JSON.stringify(stored.items) === JSON.stringify(event.items);
  if (same) return { eventKey: event.eventKey, status: 'duplicate' };
  throw new AppError('ONLINE_EVENT_KEY_CONFLICT');
}

function sqlTimeOf(text: string): string | undefined {
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? undefined : toSqlDateTime(time);
}

/** Times leave as ISO 8601 UTC, never the database's 'YYYY-MM-DD hh:mm:ss.SSS' text. */
function ownView(event: OnlineEventRecord) {
  return {
    id: event.id,
    type: event.type,
    items: event.items,
    amountFen: event.amountFen,
    occurredAt: fromSqlDateTime(event.occurredAt).toISOString(),
    recordedAt: fromSqlDateTime(event.recordedAt).toISOString(),
  };
}
