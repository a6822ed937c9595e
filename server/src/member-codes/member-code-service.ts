import {
  AppError,
  formatMemberCode,
  MEMBER_CODE_STEP_SECONDS,
  parseMemberCode,
} from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { newCardNumber } from '../vault/random-ids';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { FixedWindowCounter } from './fixed-window-counter';
import type { CardHolder, MemberCodeRepository } from './member-code-repository';
import type { MemberCodeSecrets } from './member-code-secrets';
import { sameCode, stepAt, stepStart, timeBasedCode } from './time-based-code';

export interface IssuedMemberCode {
  code: string;
  expiresAt: string;
  stepSeconds: number;
}

export interface MemberCodeDependencies {
  codes: MemberCodeRepository;
  secrets: MemberCodeSecrets;
  members: MemberCoreRepository;
  consents: ConsentService;
  /** How far ahead of the server's clock a till's scan time may be (the device window). */
  clockWindowSeconds: number;
}

/** design.md "Member code": one step of drift either side of the time the code was scanned. */
const DRIFT_STEPS = 1;
/** design.md "Queued events": a till may send a scanned code up to 72 h later. */
const QUEUED_EVENT_MAX_AGE_MS = 72 * 3600_000;
const QUEUED_EVENT_MAX_AGE_STEPS = QUEUED_EVENT_MAX_AGE_MS / 1000 / MEMBER_CODE_STEP_SECONDS;
const PRUNE_EVERY_MS = 10 * 60_000;
/**
 * Six digits and three accepted steps leave one chance in about 333,000 per guess; ten wrong
 * codes per card number in ten minutes keep a misbehaving till from walking through them.
 */
const WRONG_CODES_PER_CARD = 10;
const WRONG_CODE_WINDOW_MS = 10 * 60_000;
const CARD_NUMBER_ATTEMPTS = 5;

/**
 * Member codes (issue #6): the mini-program shows one, a till presents it once to link a sale
 * to the member (C-4.2.1.4). Every well-formed code that does not verify is refused with one
 * code, MEMBER_CODE_REFUSED, so a till cannot tell an unknown card number from a wrong,
 * expired or used code.
 */
export class MemberCodeService {
  private readonly wrongCodes = new FixedWindowCounter(WRONG_CODES_PER_CARD, WRONG_CODE_WINDOW_MS);
  private lastPrunedAt = 0;

  constructor(private readonly deps: MemberCodeDependencies) {}

  /** The code to show now; basic membership is the only purpose it needs (U-6.1.1). */
  async issue(memberId: string, now = new Date()): Promise<IssuedMemberCode> {
    const member = await this.deps.members.findById(memberId);
    if (!member || member.status !== 'active' || !member.pseudonym)
      throw new AppError('MEMBER_NOT_FOUND');
    await this.deps.consents.require(member.pseudonym, 'membership');

    const cardNo = member.cardNo ?? (await this.ensureCardNumber(member.id));
    const step = await this.firstUnusedStep(cardNo, stepAt(now));
    const otp = timeBasedCode(this.deps.secrets.current(member.id), step);
    return {
      code: formatMemberCode({ cardNo, otp }),
      expiresAt: stepStart(step + 1).toISOString(),
      stepSeconds: MEMBER_CODE_STEP_SECONDS,
    };
  }

  /**
   * Uses a code a till scanned at `scannedAt` (which may be up to 72 h ago for a queued sale).
   * `useKey` (the caller's own id for the sale) makes a retry after a crash get the same member
   * again instead of a refusal; without it a second use is always refused.
   */
  async consume(
    code: string,
    scannedAt: Date,
    options: { useKey?: string } = {},
  ): Promise<CardHolder> {
    const { cardNo, otp } = parseMemberCode(code);
    if (Number.isNaN(scannedAt.getTime())) throw new AppError('MEMBER_CODE_INVALID');
    if (!this.withinQueueWindow(scannedAt) || this.wrongCodes.exhausted(cardNo)) throw refused();

    const holder = await this.deps.codes.findCardHolder(cardNo);
    const step = holder && this.matchingStep(holder.memberId, otp, stepAt(scannedAt));
    if (!holder || step === undefined) {
      this.wrongCodes.hit(cardNo);
      throw refused();
    }

    await this.use(holder, step, options.useKey ?? null);
    await this.pruneNow();
    return holder;
  }

  private async use(holder: CardHolder, step: number, useKey: string | null): Promise<void> {
    const use = { cardNo: holder.cardNo, step, useKey };
    const outcome = await this.deps.codes.useOnce(use, holder, new Date());
    if (outcome === 'recorded') return;
    if (outcome === 'already-used' && useKey !== null) {
      const earlier = await this.deps.codes.findUse(holder.cardNo, step);
      if (earlier?.useKey === useKey) return;
    }
    throw refused();
  }

  private matchingStep(memberId: string, otp: string, scanStep: number): number | undefined {
    for (const secret of this.deps.secrets.candidates(memberId)) {
      for (let drift = -DRIFT_STEPS; drift <= DRIFT_STEPS; drift += 1) {
        if (sameCode(timeBasedCode(secret, scanStep + drift), otp)) return scanStep + drift;
      }
    }
    return undefined;
  }

  private withinQueueWindow(scannedAt: Date): boolean {
    const age = Date.now() - scannedAt.getTime();
    return age <= QUEUED_EVENT_MAX_AGE_MS && age >= -this.deps.clockWindowSeconds * 1000;
  }

  /**
   * A code used in this step makes the next step's code the one to show: a till accepts it
   * now (one step of drift), so a second purchase within 30 s needs no wait.
   */
  private async firstUnusedStep(cardNo: string, step: number): Promise<number> {
    const used = await this.deps.codes.usedSteps(cardNo, [step, step + 1]);
    if (!used.has(step)) return step;
    return used.has(step + 1) ? step + 2 : step + 1;
  }

  /** Members get a card number at sign-up; one made before that rule gets it here. */
  private async ensureCardNumber(memberId: string): Promise<string> {
    for (let attempt = 0; attempt < CARD_NUMBER_ATTEMPTS; attempt += 1) {
      await this.deps.codes.assignCardNumber(memberId, newCardNumber());
      const cardNo = await this.deps.codes.cardNumberOf(memberId);
      if (cardNo) return cardNo;
    }
    throw new AppError('INTERNAL');
  }

  /** Uses older than any queued event are of no more use and are removed (D-7.1). */
  private async pruneNow(): Promise<void> {
    const now = Date.now();
    if (now - this.lastPrunedAt < PRUNE_EVERY_MS) return;
    this.lastPrunedAt = now;
    await this.deps.codes.pruneBefore(stepAt(new Date(now)) - QUEUED_EVENT_MAX_AGE_STEPS - 2);
  }
}

function refused(): AppError {
  return new AppError('MEMBER_CODE_REFUSED');
}
