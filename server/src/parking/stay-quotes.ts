import { quoteParkingFee, shanghaiSecondOfDay, type ParkingQuote } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import type { LotRecord } from './lot-repository';
import type { ParkingPassRepository } from './pass-repository';
import type { ParkingPointsPort } from './parking-points';
import type { SessionRecord } from './session-repository';

export type StayStatus = 'free' | 'paid' | 'pass' | 'fee-due';

export interface MemberBenefits {
  hasActivePass: boolean;
  tierFreeHours: number;
  spendFreeHours: number;
}

/** A stay priced at one moment, after benefits and what was already paid. */
export interface StayQuote {
  status: StayStatus;
  dueFen: number;
  grossFen: number;
  coveredFen: number;
  withinGrace: boolean;
  benefits: MemberBenefits | null;
  quote: ParkingQuote;
}

/**
 * Prices a stay (C-4.2.2.6): the tariff through quoteParkingFee, a member's benefits (pass,
 * free hours by tier, free hours for same-day spending), minus what was paid. Within the
 * grace period after a payment nothing is due; after it, only what the stay has cost since.
 */
export class StayQuotes {
  constructor(
    private readonly members: MemberCoreRepository,
    private readonly consents: ConsentService,
    private readonly passes: ParkingPassRepository,
    private readonly points: ParkingPointsPort,
  ) {}

  async quote(session: SessionRecord, lot: LotRecord, at: Date): Promise<StayQuote> {
    const benefits = session.pseudonym ? await this.benefitsOf(session.pseudonym, lot, at) : null;
    const freeHours = benefits ? benefits.tierFreeHours + benefits.spendFreeHours : 0;
    const quote = quoteParkingFee(lot.tariff, session.entryAt, laterOf(session.entryAt, at), {
      hasActivePass: benefits?.hasActivePass ?? false,
      freeMinutes: freeHours * 60,
    });
    const coveredFen = session.paidFen + session.pointsOffsetFen;
    const withinGrace = session.graceUntil !== null && at <= session.graceUntil;
    const dueFen = withinGrace ? 0 : Math.max(0, quote.grossFen - coveredFen);
    return {
      status: statusOf(quote, dueFen, coveredFen),
      dueFen,
      grossFen: quote.grossFen,
      coveredFen,
      withinGrace,
      benefits,
      quote,
    };
  }

  /**
   * Benefits belong to the parking purpose: a member who withdrew it, or closed the account
   * (the stay then sits under an unlinked pseudonym), parks like anyone else (U-6.1.1, D-7.2).
   */
  async benefitsOf(pseudonym: string, lot: LotRecord, at: Date): Promise<MemberBenefits> {
    const member = await this.members.findByPseudonym(pseudonym);
    const active = member?.status === 'active' && (await this.hasParkingConsent(pseudonym));
    const tier = active ? member.tier : undefined;
    const pass = tier ? await this.passes.activeAt(lot.id, pseudonym, at) : undefined;
    const tierFreeHours = tier
      ? (lot.policy.tierFreeHours?.[tier] ?? (await this.points.tierFreeHours(tier)))
      : 0;
    const spend = tier ? await this.points.spendSince(pseudonym, shanghaiDayStart(at)) : 0;
    return {
      hasActivePass: pass !== undefined,
      tierFreeHours,
      spendFreeHours: spendFreeHours(lot, spend),
    };
  }

  private async hasParkingConsent(pseudonym: string): Promise<boolean> {
    return (await this.consents.activePurposes(pseudonym)).includes('parking');
  }
}

/** The highest same-day spending threshold the member reached. */
function spendFreeHours(lot: LotRecord, spendFen: number): number {
  return lot.policy.spendFreeHours
    .filter((rule) => spendFen >= rule.minSpendFen)
    .reduce((hours, rule) => Math.max(hours, rule.freeHours), 0);
}

/** Midnight Asia/Shanghai of the day `at` falls on ("same-day spending"). */
export function shanghaiDayStart(at: Date): Date {
  const seconds = Math.floor(at.getTime() / 1000);
  return new Date((seconds - shanghaiSecondOfDay(seconds)) * 1000);
}

// A camera clock slightly behind the entry camera must not make a stay negative.
function laterOf(entryAt: Date, at: Date): Date {
  return at < entryAt ? entryAt : at;
}

function statusOf(quote: ParkingQuote, dueFen: number, coveredFen: number): StayStatus {
  if (dueFen > 0) return 'fee-due';
  if (quote.waivedBy === 'monthly-pass') return 'pass';
  return coveredFen > 0 ? 'paid' : 'free';
}
