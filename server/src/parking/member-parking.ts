import { AppError, NotFoundError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { IdentityVault } from '../vault/identity-vault';
import type { ParkingLotService } from './lot-service';
import { readPlate, type ParkingPlateCipher } from './parking-plates';
import type { ParkingPassService } from './pass-service';
import type { ParkingPayments, PaymentStart } from './payment-service';
import type { ParkingSessionRepository, SessionRecord } from './session-repository';
import type { StayQuote, StayQuotes } from './stay-quotes';

// Issue #7: a member binds up to 3 plates, each under the parking consent.
export const MAX_PLATES_PER_MEMBER = 3;

export interface MemberRef {
  memberId: string;
  pseudonym: string;
}

/**
 * The member's side of parking in the mini-program (C-4.2.2.6): bind plates, see their own
 * stays, pay with WeChat Pay (JSAPI) and points. Every step needs the parking consent; the
 * member sees their own entry times (they are the member's own whereabouts).
 */
export class MemberParking {
  constructor(
    private readonly deps: {
      vault: IdentityVault;
      consents: ConsentService;
      sessions: ParkingSessionRepository;
      lots: ParkingLotService;
      plates: ParkingPlateCipher;
      quotes: StayQuotes;
      payments: ParkingPayments;
      passes: ParkingPassService;
    },
  ) {}

  async overview(member: MemberRef, now = new Date()) {
    await this.deps.consents.require(member.pseudonym, 'parking');
    const plates = await this.readPlates(member);
    const stays = await this.deps.sessions.listOpenOfPseudonym(member.pseudonym);
    return {
      plates,
      maxPlates: MAX_PLATES_PER_MEMBER,
      sessions: await Promise.all(stays.map((stay) => this.describeStay(stay, now))),
    };
  }

  async bindPlate(member: MemberRef, text: string): Promise<{ plates: string[] }> {
    await this.deps.consents.require(member.pseudonym, 'parking');
    const read = readPlate(text);
    if (read.kind !== 'plate') throw new AppError('PLATE_INVALID');
    const plates = await this.readPlates(member);
    if (plates.includes(read.plate)) return { plates };
    if (plates.length >= MAX_PLATES_PER_MEMBER) throw new AppError('PARKING_PLATE_LIMIT');

    await this.deps.vault.bindIdentifier(member.memberId, 'plate', read.plate, this.access(member));
    await this.adoptOpenStays(member, read.plate);
    const bound = [...plates, read.plate];
    await this.deps.passes.refreshPlates(member.pseudonym, bound);
    return { plates: bound };
  }

  /** The vault removes plates by kind only: remove them all and bind the others again. */
  async removePlate(member: MemberRef, text: string): Promise<{ plates: string[] }> {
    const read = readPlate(text);
    const plates = await this.readPlates(member);
    if (read.kind !== 'plate' || !plates.includes(read.plate))
      throw new NotFoundError('PARKING_PLATE_NOT_BOUND');

    const kept = plates.filter((plate) => plate !== read.plate);
    await this.deps.vault.unbindIdentifiers(member.memberId, 'plate', this.access(member));
    for (const plate of kept)
      await this.deps.vault.bindIdentifier(member.memberId, 'plate', plate, this.access(member));
    await this.deps.passes.refreshPlates(member.pseudonym, kept);
    return { plates: kept };
  }

  async quote(member: MemberRef, sessionId: string, now = new Date()) {
    const stay = await this.ownStay(member, sessionId);
    return this.describeStay(stay, now);
  }

  async pay(
    member: MemberRef,
    sessionId: string,
    request: { points: number; clientIp: string },
  ): Promise<PaymentStart> {
    const session = await this.ownStay(member, sessionId);
    const [openid] = await this.deps.vault.readIdentifiers(member.memberId, 'wechat_openid', {
      actor: `member:${member.pseudonym}`,
      purpose: 'parking-payment',
    });
    return this.deps.payments.start({
      session,
      payer: 'member',
      channel: 'jsapi',
      clientIp: request.clientIp,
      points: request.points,
      openid,
    });
  }

  async order(member: MemberRef, orderId: string) {
    const order = await this.deps.payments.refresh(orderId);
    if (order.pseudonym !== member.pseudonym) throw new NotFoundError('PARKING_ORDER_NOT_FOUND');
    return this.deps.payments.describe(order);
  }

  private async ownStay(member: MemberRef, sessionId: string): Promise<SessionRecord> {
    await this.deps.consents.require(member.pseudonym, 'parking');
    const session = await this.deps.sessions.find(sessionId);
    if (!session || session.pseudonym !== member.pseudonym || session.status !== 'open')
      throw new NotFoundError('PARKING_SESSION_NOT_FOUND');
    return session;
  }

  private async describeStay(stay: SessionRecord, now: Date) {
    const lot = await this.deps.lots.lot(stay.lotId);
    const quote = await this.deps.quotes.quote(stay, lot, now);
    return {
      sessionId: stay.id,
      lotName: lot.name,
      plate: stay.plateEnc
        ? await this.deps.plates.decrypt(stay.plateEnc, 'parking_sessions')
        : null,
      entryAt: stay.entryAt.toISOString(),
      ...summary(quote),
    };
  }

  /** A stay that began before the plate was bound becomes the member's (benefits at exit). */
  private async adoptOpenStays(member: MemberRef, plate: string): Promise<void> {
    const indexes = this.deps.plates.indexCandidates(plate);
    for (const lot of await this.deps.lots.listLots()) {
      const stay = await this.deps.sessions.findOpen(lot.id, indexes);
      if (stay && !stay.pseudonym) await this.deps.sessions.adopt(stay.id, member.pseudonym);
    }
  }

  private readPlates(member: MemberRef): Promise<string[]> {
    return this.deps.vault.readIdentifiers(member.memberId, 'plate', this.access(member));
  }

  private access(member: MemberRef) {
    return { actor: `member:${member.pseudonym}`, purpose: 'parking' };
  }
}

export function summary(quote: StayQuote) {
  return {
    status: quote.status,
    dueFen: quote.dueFen,
    grossFen: quote.grossFen,
    paidFen: quote.coveredFen,
    withinGrace: quote.withinGrace,
    stayMinutes: quote.quote.stayMinutes,
    freeMinutesApplied: quote.quote.freeMinutesApplied,
    benefits: quote.benefits,
  };
}
