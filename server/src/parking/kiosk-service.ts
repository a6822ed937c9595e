import crypto from 'node:crypto';
import QRCode from 'qrcode';
import { AppError, NotFoundError } from '@memberkit/shared';
import type { KioskRecord, ParkingKioskRepository } from './kiosk-repository';
import type { ParkingLotService } from './lot-service';
import { hashSecret, newParkingId, newSecretToken } from './parking-ids';
import { readPlate, type ParkingPlateCipher } from './parking-plates';
import type { ParkingPayments } from './payment-service';
import type { ParkingSessionRepository } from './session-repository';
import type { StayQuotes } from './stay-quotes';

const PAIRING_LIFETIME_MS = 10 * 60_000;
const PAIRING_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

// A kiosk is a public screen: a plate typed there must not become a way to find out where a
// car is (design.md). Besides showing no entry time, each kiosk is limited per minute.
// The count is kept per server process: behind a load balancer with N servers a kiosk gets at
// most N x 30 requests a minute, and a restart starts its window afresh. Still a bound, and a
// kiosk's requests mostly stick to one server through keep-alive.
// TODO(#7): keep the kiosk windows in a store all servers share (Redis, design.md "How data is
// kept") so the limit is 30 a minute whatever the number of servers.
const REQUESTS_PER_MINUTE = 30;

/** What a kiosk learns about a plate: the fee, never when the car came or whose it is. */
export interface KioskQuote {
  status: 'not-found' | 'free' | 'paid' | 'pass' | 'fee-due';
  dueFen: number;
}

/**
 * Pay kiosks (C-4.2.2.6): staff pair one with a short-lived code; the kiosk then holds a
 * revocable token, never a device secret. It quotes by plate and shows a NATIVE-pay QR code.
 */
export class ParkingKiosks {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly deps: {
      kiosks: ParkingKioskRepository;
      lots: ParkingLotService;
      sessions: ParkingSessionRepository;
      plates: ParkingPlateCipher;
      quotes: StayQuotes;
      payments: ParkingPayments;
    },
  ) {}

  async create(lotId: string, name: string, staffId: string, now = new Date()) {
    await this.deps.lots.lot(lotId);
    const pairingCode = Array.from(
      { length: 8 },
      () => PAIRING_ALPHABET[crypto.randomInt(PAIRING_ALPHABET.length)],
    ).join('');
    const kiosk = {
      id: newParkingId('pk'),
      lotId,
      name,
      pairingHash: hashSecret(pairingCode),
      expiresAt: new Date(now.getTime() + PAIRING_LIFETIME_MS),
    };
    await this.deps.kiosks.insert(kiosk, `staff:${staffId}`);
    return { kioskId: kiosk.id, pairingCode, expiresAt: kiosk.expiresAt.toISOString() };
  }

  async pair(pairingCode: string, now = new Date()) {
    const token = newSecretToken('kt');
    const code = pairingCode.trim().toUpperCase();
    const kiosk = await this.deps.kiosks.pair(hashSecret(code), hashSecret(token), now);
    if (!kiosk) throw new AppError('PARKING_PAIRING_CODE_INVALID');
    const lot = await this.deps.lots.lot(kiosk.lotId);
    return { token, kioskId: kiosk.id, lotName: lot.name };
  }

  revoke(kioskId: string): Promise<boolean> {
    return this.deps.kiosks.revoke(kioskId);
  }

  async authenticate(token: string | undefined, now = Date.now()): Promise<KioskRecord> {
    const kiosk = token ? await this.deps.kiosks.findByToken(hashSecret(token)) : undefined;
    if (!kiosk) throw new AppError('PARKING_KIOSK_TOKEN_INVALID');
    this.countRequest(kiosk.id, now);
    return kiosk;
  }

  async quote(kiosk: KioskRecord, plateText: string, now = new Date()): Promise<KioskQuote> {
    const session = await this.findStay(kiosk, plateText);
    if (!session) return { status: 'not-found', dueFen: 0 };
    const stay = await this.deps.quotes.quote(session, await this.deps.lots.lot(kiosk.lotId), now);
    return { status: stay.status, dueFen: stay.dueFen };
  }

  async order(kiosk: KioskRecord, plateText: string, clientIp: string) {
    const session = await this.findStay(kiosk, plateText);
    if (!session) throw new NotFoundError('PARKING_SESSION_NOT_FOUND');
    const started = await this.deps.payments.start({
      session,
      payer: 'kiosk',
      channel: 'native',
      clientIp,
      kioskId: kiosk.id,
    });
    const qrSvg = started.codeUrl
      ? await QRCode.toString(started.codeUrl, {
          type: 'svg',
          errorCorrectionLevel: 'M',
          margin: 2,
        })
      : undefined;
    return {
      orderId: started.orderId,
      status: started.status,
      amountFen: started.amountFen,
      expiresAt: started.expiresAt,
      qrSvg,
    };
  }

  async orderStatus(kiosk: KioskRecord, orderId: string) {
    const order = await this.deps.payments.refresh(orderId);
    if (order.kioskId !== kiosk.id) throw new NotFoundError('PARKING_ORDER_NOT_FOUND');
    return { orderId: order.id, status: order.status, amountFen: order.amountFen };
  }

  private async findStay(kiosk: KioskRecord, plateText: string) {
    const read = readPlate(plateText);
    if (read.kind !== 'plate') throw new AppError('PLATE_INVALID');
    return this.deps.sessions.findOpen(kiosk.lotId, this.deps.plates.indexCandidates(read.plate));
  }

  private countRequest(kioskId: string, now: number): void {
    const window = this.windows.get(kioskId);
    if (!window || now - window.start >= 60_000) {
      this.windows.set(kioskId, { start: now, count: 1 });
      return;
    }
    window.count += 1;
    if (window.count > REQUESTS_PER_MINUTE) throw new AppError('RATE_LIMITED');
  }
}
