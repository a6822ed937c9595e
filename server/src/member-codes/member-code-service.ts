import {
  AppError,
  formatMemberCode,
  MEMBER_CODE_STEP_SECONDS,
  parseMemberCode,
} from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { newCardNumber } from '../vault/random-ids';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import type { CardHolder, MemberCodeRepository } from './member-code-repository';
import type { MemberCodeSecrets } from './member-code-secrets';
import { sameCode, stepAt, stepStart, timeBasedCode } from './time-based-code';
import { WrongCodeGuard } from './wrong-code-guard';

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
/**
 * A code of this card from the last ten minutes (a screen left open, a code already used) is
 * refused like any other, but it is the member's own code, not a guess, so it is not counted.
 */
const RECOGNISED_PAST_STEPS = 20;
/** design.md "Queued events": a till may send a scanned code up to 72 h later. */
const QUEUED_EVENT_MAX_AGE_MS = 72 * 3600_000;
const QUEUED_EVENT_MAX_AGE_STEPS = QUEUED_EVENT_MAX_AGE_MS / 1000 / MEMBER_CODE_STEP_SECONDS;
const PRUNE_EVERY_MS = 10 * 60_000;
const CARD_NUMBER_ATTEMPTS = 5;

/**
 * Member codes (issue #6): the mini-program shows one, a till presents it once to link a sale
 * to the member (C-4.2.1.4). Every well-formed code that does not verify is refused with one
 * code, MEMBER_CODE_REFUSED, so a till cannot tell an unknown card number from a wrong,
 * expired or used code.
 */
export class MemberCodeService {
  private readonly wrongCodes = new WrongCodeGuard();
  private lastPrunedAt = 0;

  constructor(private readonly deps: MemberCodeDependencies) {}

  /** The code to show now; basic membership is the only purpose it needs (U-6.1.1). */
  async issue(memberId: string, now = new Date()): Promise<IssuedMemberCode> {
    const member = await this.deps.members.findById(memberId);
    if (!member || member.status !== 'active' || !member.pseudonym)
      throw new AppError('MEMBER_NOT_FOUND');
    await this.deps.consents.require(member.pseudonym, 'membership');

    const cardNo = member.cardNo ?? (await this.ensureCardNumber(member.id));
    const step = await this.unusedStepToShow(cardNo, now);
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
   * again instead of a refusal; without it a second use is always refused. `deviceId` names
   * the till, which wrong codes are counted against (see WrongCodeGuard).
   */
  async consume(
    code: string,
    scannedAt: Date,
    options: { useKey?: string; deviceId?: string } = {},
  ): Promise<CardHolder> {
    const { cardNo, otp } = parseMemberCode(code);
    if (Number.isNaN(scannedAt.getTime())) throw new AppError('MEMBER_CODE_INVALID');
    if (!this.withinQueueWindow(scannedAt) || this.wrongCodes.blocks(options.deviceId, cardNo))
      throw refused();

    const holder = await this.deps.codes.findCardHolder(cardNo);
    const scanStep = stepAt(scannedAt);
    const step = holder && this.acceptedStep(holder.memberId, otp, scanStep);
    if (!holder || step === undefined) {
      // Only digits that were never this card's are a guess; a stale or used code is not.
      if (!holder || !this.recognised(holder.memberId, otp, scanStep))
        this.wrongCodes.countGuess(options.deviceId, cardNo);
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

  private acceptedStep(memberId: string, otp: string, scanStep: number): number | undefined {
    return this.matchingStep(memberId, otp, scanStep - DRIFT_STEPS, 2 * DRIFT_STEPS);
  }

  /** The step from `first` to `first + span` whose code under any loaded key version is `otp`. */
  private matchingStep(
    memberId: string,
    otp: string,
    first: number,
    span: number,
  ): number | undefined {
    for (const secret of this.deps.secrets.candidates(memberId)) {
      for (let step = first; step <= first + span; step += 1) {
        if (sameCode(timeBasedCode(secret, step), otp)) return step;
      }
    }
    return undefined;
  }

  /**
   * A code this card was given lately: back to RECOGNISED_PAST_STEPS, forward to the newest
   * step `issue` can hand out (the next one) as seen by a till whose clock runs as slow as the
   * device clock window lets it.
   */
  private recognised(memberId: string, otp: string, scanStep: number): boolean {
    const slowTillSteps = Math.ceil(this.deps.clockWindowSeconds / MEMBER_CODE_STEP_SECONDS);
    const first = scanStep - RECOGNISED_PAST_STEPS;
    const newest = scanStep + slowTillSteps + 1;
    return this.matchingStep(memberId, otp, first, newest - first) !== undefined;
  }

  private withinQueueWindow(scannedAt: Date): boolean {
    const age = Date.now() - scannedAt.getTime();
    return age <= QUEUED_EVENT_MAX_AGE_MS && age >= -this.deps.clockWindowSeconds * 1000;
  }

  /**
   * A code used in this step makes the next step's code the one to show: a till accepts it
   * now (one step of drift), so a second purchase within 30 s needs no wait. A code two steps
   * ahead would be refused by a till scanning it now, so with both used the member waits for
   * the next step (429 RATE_LIMITED with retryAfterSeconds, which the page counts down).
   */
  private async unusedStepToShow(cardNo: string, now: Date): Promise<number> {
    const step = stepAt(now);
    const used = await this.deps.codes.usedSteps(cardNo, [step, step + 1]);
    if (!used.has(step)) return step;
    if (!used.has(step + 1)) return step + 1;
    const retryAfterSeconds = Math.max(
      1,
      Math.ceil((stepStart(step + 1).getTime() - now.getTime()) / 1000),
    );
    throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds } });
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
