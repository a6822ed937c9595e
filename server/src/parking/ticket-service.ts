import { AppError, NotFoundError } from '@memberkit/shared';
import type { Knex } from 'knex';
import type { WechatApiClient } from '../integrations/wechat/wechat-api-client';
import type { GateCommands } from './gate-commands';
import type { ParkingLotService } from './lot-service';
import { hashSecret, newParkingId, newSecretToken } from './parking-ids';
import type { ParkingPayments } from './payment-service';
import type { ParkingSessionRepository, SessionRecord } from './session-repository';
import { summary } from './member-parking';
import type { StayQuotes } from './stay-quotes';

// A ticket or an exit by QR code is accepted only while a car without a readable plate is
// waiting at that barrier (its camera pushed such a read this recently), so a photo of the
// sticker cannot open the barrier from elsewhere.
const WAITING_CAR_MS = 5 * 60_000;

/**
 * Cars without a plate (C-4.2.2.6): the driver scans the QR code at the entry barrier and
 * gets a ticket on the phone; the barrier opens by an "open once" instruction. At the exit
 * the same ticket shows the fee, is paid there, and the exit barrier opens the same way.
 */
export class ParkingTickets {
  constructor(
    private readonly deps: {
      knex: Knex;
      lots: ParkingLotService;
      sessions: ParkingSessionRepository;
      quotes: StayQuotes;
      payments: ParkingPayments;
      commands: GateCommands;
      wechat: WechatApiClient;
    },
  ) {}

  async take(gateCode: string, now = new Date()) {
    const gate = await this.deps.lots.gateByCode(gateCode, 'entry');
    await this.requireWaitingCar(gate.id, now);
    const lot = await this.deps.lots.lot(gate.lotId);
    const ticket = newSecretToken('tk');
    const session = {
      id: newParkingId('ps'),
      lotId: lot.id,
      kind: 'ticket' as const,
      plateIndex: null,
      plateEnc: null,
      plateKind: null,
      ticketHash: hashSecret(ticket),
      pseudonym: null,
      entryAt: now,
      entryGateId: gate.id,
    };
    await this.deps.sessions.insert(this.deps.knex, session);
    await this.deps.commands.issue(gate, 'open', 'ticket-entry', session.id, now);
    return { ticket, lotName: lot.name, entryAt: now.toISOString() };
  }

  async quote(ticket: string, now = new Date()) {
    const session = await this.stayOf(ticket);
    const stay = await this.deps.quotes.quote(
      session,
      await this.deps.lots.lot(session.lotId),
      now,
    );
    return { entryAt: session.entryAt.toISOString(), ...summary(stay) };
  }

  /** Open the exit barrier when nothing is due; otherwise say what is. */
  async leave(ticket: string, gateCode: string, now = new Date()) {
    const session = await this.stayOf(ticket);
    const gate = await this.deps.lots.gateByCode(gateCode, 'exit');
    if (gate.lotId !== session.lotId) throw new NotFoundError('PARKING_GATE_NOT_FOUND');
    const lot = await this.deps.lots.lot(session.lotId);
    const stay = await this.deps.quotes.quote(session, lot, now);
    if (stay.dueFen > 0) return { opened: false, dueFen: stay.dueFen };

    await this.requireWaitingCar(gate.id, now);
    await this.deps.sessions.close(this.deps.knex, session.id, {
      exitAt: now,
      exitGateId: gate.id,
      exitOutcome: stay.status,
      outstandingFen: 0,
    });
    await this.deps.commands.issue(gate, 'open', 'ticket-exit', session.id, now);
    return { opened: true, dueFen: 0 };
  }

  /** Pay in the mini-program: the wx.login code gives the payer's openid for JSAPI. */
  async pay(ticket: string, wechatCode: string, clientIp: string) {
    const session = await this.stayOf(ticket);
    const { openid } = await this.deps.wechat.code2Session(wechatCode);
    return this.deps.payments.start({
      session,
      payer: 'ticket',
      channel: 'jsapi',
      clientIp,
      openid,
    });
  }

  async order(ticket: string, orderId: string) {
    const session = await this.stayOf(ticket, true);
    const order = await this.deps.payments.refresh(orderId);
    if (order.sessionId !== session.id) throw new NotFoundError('PARKING_ORDER_NOT_FOUND');
    return this.deps.payments.describe(order);
  }

  private async requireWaitingCar(gateId: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - WAITING_CAR_MS);
    if (!(await this.deps.lots.takeUnread(gateId, since)))
      throw new AppError('PARKING_NO_CAR_WAITING');
  }

  private async stayOf(ticket: string, closedToo = false): Promise<SessionRecord> {
    const session = await this.deps.sessions.findByTicketHash(hashSecret(ticket));
    if (!session || (!closedToo && session.status !== 'open'))
      throw new NotFoundError('PARKING_TICKET_NOT_FOUND');
    return session;
  }
}
