import crypto from 'node:crypto';
import { AppError, isAppError, NotFoundError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { toSqlDateTime } from '../platform/db/sql-time';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import {
  consentRequired,
  judgeOnlineShoppingConsent,
  type ConsentVerdict,
} from './online-event-consent';
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

  async record(deviceId: string, batch: OnlineEventInput[], now = new Date()) {
    const verdicts = new Map<string, Promise<ConsentVerdict>>();
    const results: EventResult[] = [];
    for (const event of batch) results.push(await this.recordOne(deviceId, event, now, verdicts));
    const count = (status: EventResult['status']) =>
      results.filter((result) => result.status === status).length;
    return {
      recorded: count('recorded'),
      duplicates: count('duplicate'),
      refused: count('refused'),
      results,
    };
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
    try {
      const pseudonym = await this.memberOf(event);
      const earlier = await this.events.findByKey(deviceId, event.eventKey);
      if (earlier) return sameEvent(earlier, pseudonym, event, deviceId);

      const occurredAt = checkEventTime(event.occurredAt, now);
      if (!verdicts.has(pseudonym))
        verdicts.set(pseudonym, judgeOnlineShoppingConsent(this.consents, pseudonym));
      const verdict = (await verdicts.get(pseudonym)) as ConsentVerdict;
      if (!verdict.allowed) throw verdict.error;
      if (occurredAt < verdict.since) throw consentRequired('event-before-consent');

      const stored = await this.events.insert(toRecord(deviceId, pseudonym, event, occurredAt));
      if (stored) return { eventKey: event.eventKey, status: 'recorded' };
      // Another request with the same event won the insert between our look and our write.
      const winner = (await this.events.findByKey(deviceId, event.eventKey)) as OnlineEventRecord;
      return sameEvent(winner, pseudonym, event, deviceId);
    } catch (error) {
      if (!isAppError(error) || error.status >= 500) throw error;
      return {
        eventKey: event.eventKey,
        status: 'refused',
        error: { code: error.code, message: error.message },
      };
    }
  }

  private async memberOf(event: OnlineEventInput): Promise<string> {
    const member = event.memberCardNo
      ? await this.members.findByCardNo(event.memberCardNo)
      : await this.members.findByPseudonym(event.pseudonym as string);
    if (!member || member.status !== 'active' || !member.pseudonym)
      throw new NotFoundError('MEMBER_NOT_FOUND');
    return member.pseudonym;
  }
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

/** A resent event is answered as a duplicate; a different event under a used key is refused. */
function sameEvent(
  stored: OnlineEventRecord,
  pseudonym: string,
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

function ownView(event: OnlineEventRecord) {
  return {
    id: event.id,
    type: event.type,
    items: event.items,
    amountFen: event.amountFen,
    occurredAt: event.occurredAt,
    recordedAt: event.recordedAt,
  };
}
