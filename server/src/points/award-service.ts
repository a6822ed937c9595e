import {
  AppError,
  NotFoundError,
  computeAward,
  pointsToReverse,
  type AppliedRule,
  type AwardItem,
  type PointsProgram,
} from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { toSqlDateTime } from '../platform/db/sql-time';
import type { IdentityRepository } from '../vault/identity-repository';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCore, MemberCoreRepository } from '../vault/member-core-repository';
import type { AwardRecord, PointsAwardRepository } from './points-award-repository';
import type { MemberBook, PointsBook } from './points-book';
import type { PointsLedgerRepository } from './points-ledger-repository';
import type { ProgrammeService } from './programme-service';

export interface MemberReference {
  memberCardNo?: string;
  pseudonym?: string;
}

export interface AwardRequest extends MemberReference {
  sourceKey: string;
  kind: 'purchase' | 'top-up';
  amountFen: number;
  items: AwardItem[];
  storeId?: string;
  occurredAt: Date;
}

export interface AwardAnswer {
  sourceKey: string;
  points: number;
  balance: number;
  applied: AppliedRule[];
  programVersion: number;
  replayed: boolean;
}

export interface RefundRequest {
  sourceKey: string;
  refundKey: string;
  amountFen: number;
}

export interface RefundAnswer {
  sourceKey: string;
  refundKey: string;
  pointsReversed: number;
  balance: number;
  replayed: boolean;
}

export interface AwardDependencies {
  members: MemberCoreRepository;
  identity: IdentityRepository;
  vault: IdentityVault;
  consents: ConsentService;
  programmes: ProgrammeService;
  book: PointsBook;
  ledger: PointsLedgerRepository;
  awards: PointsAwardRepository;
}

// design.md "Queued events": the server judges an event by its occurredAt, up to 72 h old.
const OLDEST_EVENT_MS = 72 * 3600 * 1000;
const FUTURE_SKEW_MS = 300 * 1000;

/**
 * Points from the till (U-6.4.1): one award per source key, whatever the retries; a refund
 * takes back points in proportion to the money refunded. Awards use the basic membership
 * purpose (U-6.1.1), checked before anything is read or written.
 */
export class AwardService {
  constructor(private readonly deps: AwardDependencies) {}

  async award(deviceId: string, request: AwardRequest, now = new Date()): Promise<AwardAnswer> {
    assertEventTime(request.occurredAt, now);
    const member = await resolveMember(this.deps.members, request);
    const pseudonym = member.pseudonym as string;
    await this.deps.consents.require(pseudonym, 'membership');

    const key = `earn:${request.sourceKey}`;
    const earlier = await this.deps.awards.find(key);
    if (earlier) return this.replayAward(earlier, pseudonym, request);

    const program = await this.deps.programmes.current();
    const birthDate = await this.birthDateFor(program, member, deviceId);
    const award = computeAward(program, {
      kind: request.kind,
      amountFen: request.amountFen,
      items: request.items,
      occurredAt: request.occurredAt,
      member: { birthDate, tier: member.tier },
      storeId: request.storeId ?? null,
    });

    return this.deps.book.withMember(pseudonym, program, async (book) => {
      const raced = await this.deps.awards.find(key, book.trx);
      if (raced) return this.replayAward(raced, pseudonym, request, book);
      const occurredAt = toSqlDateTime(request.occurredAt);
      const { balance } = await book.credit(
        {
          entryType: 'earn',
          points: award.points,
          sourceKey: key,
          explanation: {
            kind: request.kind,
            amountFen: request.amountFen,
            storeId: request.storeId ?? null,
            occurredAt,
            day: award.day,
            programVersion: award.programVersion,
            applied: award.applied,
          },
        },
        request.occurredAt,
      );
      await this.deps.awards.insert(book.trx, {
        pseudonym,
        sourceKey: key,
        awardKey: key,
        kind: request.kind,
        amountFen: request.amountFen,
        spendFen: request.kind === 'purchase' ? request.amountFen : 0,
        points: award.points,
        storeId: request.storeId ?? null,
        deviceId,
        occurredAt,
      });
      return {
        sourceKey: request.sourceKey,
        points: award.points,
        balance,
        ...explain(award),
        replayed: false,
      };
    });
  }

  /** Take back the points of a refunded purchase or top-up, in proportion to the money. */
  async refund(deviceId: string, request: RefundRequest): Promise<RefundAnswer> {
    const awardKey = `earn:${request.sourceKey}`;
    const refundKey = `reverse:${request.sourceKey}:${request.refundKey}`;
    const original = await this.deps.awards.find(awardKey);
    if (!original) throw new NotFoundError('POINTS_AWARD_NOT_FOUND');
    const earlier = await this.deps.awards.find(refundKey);
    if (earlier) return this.replayRefund(earlier, request);

    const program = await this.deps.programmes.current();
    return this.deps.book.withMember(original.pseudonym, program, async (book) => {
      const raced = await this.deps.awards.find(refundKey, book.trx);
      if (raced) return this.replayRefund(raced, request, book);
      const points = await this.reverse(book, original, request, refundKey);
      await this.deps.awards.insert(book.trx, {
        pseudonym: original.pseudonym,
        sourceKey: refundKey,
        awardKey,
        kind: 'refund',
        amountFen: -request.amountFen,
        spendFen: original.kind === 'purchase' ? -request.amountFen : 0,
        points: -points,
        storeId: original.storeId,
        deviceId,
        // Spend is counted when the purchase was made, so the refund nets out in that window.
        occurredAt: original.occurredAt,
      });
      const balance = await book.balance();
      return { ...pick(request), pointsReversed: points, balance, replayed: false };
    });
  }

  private async reverse(
    book: MemberBook,
    original: AwardRecord,
    request: RefundRequest,
    refundKey: string,
  ): Promise<number> {
    const before = await this.deps.awards.refunded(book.trx, original.awardKey);
    if (before.refundedFen + request.amountFen > original.amountFen)
      throw new AppError('POINTS_REFUND_EXCEEDS', {
        details: { refundableFen: original.amountFen - before.refundedFen },
      });
    const points = pointsToReverse({
      awardPoints: original.points,
      awardFen: original.amountFen,
      refundedFenBefore: before.refundedFen,
      reversedPointsBefore: before.reversedPoints,
      refundFen: request.amountFen,
    });
    if (points === 0) return 0;

    const earned = await this.deps.ledger.findBySourceKey(original.awardKey, book.trx);
    await book.debit(
      {
        entryType: 'reverse',
        points: -points,
        sourceKey: refundKey,
        explanation: { refundFen: request.amountFen, awardSourceKey: original.awardKey },
      },
      { preferLedgerId: earned?.id },
    );
    return points;
  }

  /** Only a stored birth date is decrypted, and only for a birthday rule; the read is audited. */
  private async birthDateFor(
    program: PointsProgram,
    member: MemberCore,
    deviceId: string,
  ): Promise<string | null> {
    const needed = program.earning.multipliers.some((rule) => rule.kind.startsWith('birthday'));
    if (!needed) return null;
    const stored = await this.deps.identity.readProfile(member.id, ['birth_date']);
    if (!stored?.birth_date) return null;
    const profile = await this.deps.vault.readProfile(member.id, ['birth_date'], {
      actor: `device:${deviceId}`,
      purpose: 'membership',
    });
    const birthDate = profile.birth_date ?? null;
    return birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate) ? birthDate : null;
  }

  private async replayAward(
    earlier: AwardRecord,
    pseudonym: string,
    request: AwardRequest,
    book?: MemberBook,
  ): Promise<AwardAnswer> {
    const isSame =
      earlier.pseudonym === pseudonym &&
      earlier.kind === request.kind &&
      earlier.amountFen === request.amountFen;
    if (!isSame) throw new AppError('POINTS_SOURCE_CONFLICT');
    const entry = await this.deps.ledger.findBySourceKey(earlier.sourceKey, book?.trx);
    const explanation = (entry?.explanation ?? {}) as {
      applied?: AppliedRule[];
      programVersion?: number;
    };
    return {
      sourceKey: request.sourceKey,
      points: earlier.points,
      balance: await this.deps.ledger.balance(pseudonym, book?.trx),
      applied: explanation.applied ?? [],
      programVersion: explanation.programVersion ?? 0,
      replayed: true,
    };
  }

  private async replayRefund(
    earlier: AwardRecord,
    request: RefundRequest,
    book?: MemberBook,
  ): Promise<RefundAnswer> {
    if (-earlier.amountFen !== request.amountFen) throw new AppError('POINTS_SOURCE_CONFLICT');
    const balance = await this.deps.ledger.balance(earlier.pseudonym, book?.trx);
    return { ...pick(request), pointsReversed: -earlier.points, balance, replayed: true };
  }
}

/** A till names the member by card number; internal callers may use the pseudonym. */
export async function resolveMember(
  members: MemberCoreRepository,
  reference: MemberReference,
): Promise<MemberCore> {
  if (Boolean(reference.memberCardNo) === Boolean(reference.pseudonym))
    throw new AppError('POINTS_MEMBER_REQUIRED');
  const member = reference.memberCardNo
    ? await members.findByCardNo(reference.memberCardNo)
    : await members.findByPseudonym(reference.pseudonym as string);
  if (!member || member.status !== 'active' || !member.pseudonym)
    throw new NotFoundError('MEMBER_NOT_FOUND');
  return member;
}

function assertEventTime(occurredAt: Date, now: Date): void {
  const age = now.getTime() - occurredAt.getTime();
  if (!Number.isFinite(age) || age > OLDEST_EVENT_MS || age < -FUTURE_SKEW_MS)
    throw new AppError('POINTS_EVENT_TIME_INVALID');
}

function explain(award: { applied: AppliedRule[]; programVersion: number }) {
  return { applied: award.applied, programVersion: award.programVersion };
}

function pick(request: RefundRequest) {
  return { sourceKey: request.sourceKey, refundKey: request.refundKey };
}
