import { AppError, NotFoundError, isAppError } from '@memberkit/shared';
import type { Knex } from 'knex';
import type { GateCommands } from './gate-commands';
import type { LotRecord } from './lot-repository';
import type { ParkingLotService } from './lot-service';
import type { OrderPayer, OrderRecord, ParkingOrderRepository } from './order-repository';
import { newOrderNumber } from './parking-ids';
import { previewOffset, type ParkingPointsPort } from './parking-points';
import type { JsapiPayment, ParkingPaymentGateway } from './payment-gateway';
import type { ParkingSessionRepository, SessionRecord } from './session-repository';
import type { StayQuotes } from './stay-quotes';

// An unpaid order is given up after this long (its points are released); the points
// programme holds reserved points for 15 minutes, so this stays well inside that.
const ORDER_LIFETIME_MS = 10 * 60_000;

// After paying, a car refused at an exit this recently is read again at once.
const EXIT_ATTEMPT_WINDOW_MS = 10 * 60_000;

export interface PaymentRequest {
  session: SessionRecord;
  payer: OrderPayer;
  channel: 'jsapi' | 'native';
  clientIp: string;
  kioskId?: string;
  /** Members only: points offered for the offset (U-6.4.2). */
  points?: number;
  openid?: string;
}

export interface PaymentStart {
  orderId: string;
  status: OrderRecord['status'];
  dueFen: number;
  amountFen: number;
  pointsUsed: number;
  pointsOffsetFen: number;
  expiresAt: string;
  jsapi?: JsapiPayment;
  codeUrl?: string;
}

export interface PaymentDependencies {
  knex: Knex;
  orders: ParkingOrderRepository;
  sessions: ParkingSessionRepository;
  lots: ParkingLotService;
  quotes: StayQuotes;
  points: ParkingPointsPort;
  commands: GateCommands;
  gateway: () => ParkingPaymentGateway | undefined;
}

/**
 * Paying for a stay (C-4.2.2.6, U-6.4.2): the fee due now, less a points offset, becomes one
 * merchant order; 0 fen is settled here and no provider is called (field cases, "Money").
 * An order is paid only when a notification or a query says so, and is applied once: the stay
 * is credited and a grace period to leave starts.
 */
export class ParkingPayments {
  constructor(private readonly deps: PaymentDependencies) {}

  async start(request: PaymentRequest, now = new Date()): Promise<PaymentStart> {
    await this.settlePending(request.session.id, now);
    const session = await this.sessionOf({ sessionId: request.session.id });
    if (session.status !== 'open') throw new NotFoundError('PARKING_SESSION_NOT_FOUND');
    const lot = await this.deps.lots.lot(session.lotId);
    const stay = await this.deps.quotes.quote(session, lot, now);
    if (stay.dueFen === 0) throw new AppError('PARKING_NOTHING_TO_PAY');

    const orderId = newOrderNumber();
    const hold = await this.holdPoints({ ...request, session }, stay.dueFen, orderId);
    const order = {
      id: orderId,
      sessionId: session.id,
      channel: stay.dueFen === (hold?.offsetFen ?? 0) ? ('local' as const) : request.channel,
      payer: request.payer,
      kioskId: request.kioskId ?? null,
      pseudonym: request.payer === 'member' ? session.pseudonym : null,
      amountFen: stay.dueFen - (hold?.offsetFen ?? 0),
      dueFen: stay.dueFen,
      pointsUsed: hold?.pointsUsed ?? 0,
      pointsOffsetFen: hold?.offsetFen ?? 0,
      pointsKey: hold?.holdId ?? null,
      coversUntil: now,
      expiresAt: new Date(now.getTime() + ORDER_LIFETIME_MS),
    };
    await this.deps.orders.insert(order);
    if (order.amountFen === 0) {
      await this.applyPaid(orderId, null, 0, now);
      return this.describe((await this.deps.orders.find(orderId)) as OrderRecord);
    }
    return {
      ...this.describe({ ...order, status: 'pending' }),
      ...(await this.askProvider(order, request)),
    };
  }

  /** The order as it stands; a pending one is checked with the provider (no notification yet). */
  async refresh(orderId: string, now = new Date()): Promise<OrderRecord> {
    const order = await this.deps.orders.find(orderId);
    if (!order) throw new NotFoundError('PARKING_ORDER_NOT_FOUND');
    if (order.status !== 'pending' || order.channel === 'local') return order;

    const state = await this.gateway().query(order.id);
    if (state.paid) await this.applyPaid(order.id, state.transactionId, state.totalFen, now);
    else if (state.final || order.expiresAt < now) await this.giveUp(order);
    return (await this.deps.orders.find(orderId)) as OrderRecord;
  }

  /** A provider notification: verified by the gateway, applied once however often it comes. */
  async notify(xml: string, now = new Date()): Promise<void> {
    const notification = this.gateway().verifyNotification(xml);
    if (!notification.paid) return;
    await this.applyPaid(
      notification.outTradeNo,
      notification.transactionId ?? null,
      notification.totalFen ?? -1,
      now,
    );
  }

  async find(orderId: string): Promise<OrderRecord> {
    const order = await this.deps.orders.find(orderId);
    if (!order) throw new NotFoundError('PARKING_ORDER_NOT_FOUND');
    return order;
  }

  describe(order: Omit<OrderRecord, 'transactionId' | 'createdAt' | 'paidAt'>): PaymentStart {
    return {
      orderId: order.id,
      status: order.status,
      dueFen: order.dueFen,
      amountFen: order.amountFen,
      pointsUsed: order.pointsUsed,
      pointsOffsetFen: order.pointsOffsetFen,
      expiresAt: order.expiresAt.toISOString(),
    };
  }

  private async applyPaid(orderId: string, transactionId: string | null, fen: number, now: Date) {
    const order = await this.deps.orders.find(orderId);
    if (!order || order.status === 'paid') return;
    if (order.channel !== 'local' && fen !== order.amountFen)
      throw new AppError('PARKING_PAYMENT_FAILED', { details: { reason: 'amount-mismatch' } });

    const lot = await this.deps.lots.lot((await this.sessionOf(order)).lotId);
    // An order given up (its points released) and paid after all counts for its cash only.
    const keepsPoints = order.status === 'pending' && order.pointsKey !== null;
    const applied = await this.deps.knex.transaction(async (trx) => {
      if (!(await this.deps.orders.markPaid(trx, order.id, transactionId, now))) return false;
      await this.deps.sessions.addPayment(trx, order.sessionId, {
        paidFen: order.amountFen,
        pointsOffsetFen: keepsPoints ? order.pointsOffsetFen : 0,
        paidAt: now,
        graceUntil: new Date(now.getTime() + lot.policy.graceMinutesAfterPayment * 60_000),
      });
      return true;
    });
    if (!applied) return;
    // The stay is paid whatever happens to the points now: a hold that lapsed meanwhile is
    // the programme's to settle (its reservation job), not a reason to refuse the payment.
    if (keepsPoints)
      await this.deps.points.commit(order.pointsKey as string).catch(() => undefined);
    await this.readAgainAtExit(order, lot, now);
  }

  /** The car was refused at an exit a moment ago: have that camera read it again now. */
  private async readAgainAtExit(order: OrderRecord, lot: LotRecord, now: Date) {
    const session = await this.sessionOf(order);
    const attempt = session.exitAttemptAt?.getTime() ?? 0;
    if (!session.exitAttemptGateId || now.getTime() - attempt > EXIT_ATTEMPT_WINDOW_MS) return;
    const gate = await this.deps.lots.gate(session.exitAttemptGateId);
    if (gate.lotId === lot.id)
      await this.deps.commands.issue(gate, 'trigger', 'paid', session.id, now);
  }

  private async holdPoints(request: PaymentRequest, dueFen: number, key: string) {
    const points = request.points ?? 0;
    const pseudonym = request.session.pseudonym;
    if (points <= 0 || request.payer !== 'member' || !pseudonym) return undefined;
    const preview = previewOffset(dueFen, points, await this.deps.points.cashOffsetRate());
    if (preview.pointsUsed === 0) return undefined;
    return this.deps.points.hold(pseudonym, dueFen, points, key);
  }

  private async askProvider(
    order: { id: string; amountFen: number; pointsKey: string | null; sessionId: string },
    request: PaymentRequest,
  ): Promise<Pick<PaymentStart, 'jsapi' | 'codeUrl'>> {
    const base = {
      outTradeNo: order.id,
      totalFen: order.amountFen,
      description: '停车费',
      clientIp: request.clientIp,
    };
    try {
      if (request.channel === 'native')
        return await this.gateway().createNative({ ...base, productId: order.sessionId });
      if (!request.openid)
        throw new AppError('PARKING_PAYMENT_FAILED', { details: { reason: 'no-openid' } });
      return { jsapi: await this.gateway().createJsapi({ ...base, openid: request.openid }) };
    } catch (error) {
      await this.giveUp((await this.deps.orders.find(order.id)) as OrderRecord);
      // The supplier register refused to hand the order over (C-4.1.4b): its 409 is the
      // caller's answer as it is (the shopper can do nothing by retrying); only faults of the
      // provider or of our own request become PARKING_PAYMENT_FAILED.
      if (isAppError(error) && error.status === 409) throw error;
      throw new AppError('PARKING_PAYMENT_FAILED', {
        cause: error,
        details: { reason: 'provider' },
      });
    }
  }

  /** A new order replaces older unpaid ones, unless the provider says one was paid after all. */
  private async settlePending(sessionId: string, now: Date): Promise<void> {
    for (const order of await this.deps.orders.pendingOfSession(sessionId)) {
      const current = await this.refresh(order.id, now);
      if (current.status === 'pending') await this.giveUp(current);
    }
  }

  private async giveUp(order: OrderRecord): Promise<void> {
    if (!(await this.deps.orders.markClosed(order.id))) return;
    if (order.pointsKey) await this.deps.points.release(order.pointsKey).catch(() => undefined);
  }

  private async sessionOf(order: { sessionId: string }): Promise<SessionRecord> {
    const session = await this.deps.sessions.find(order.sessionId);
    if (!session) throw new NotFoundError('PARKING_SESSION_NOT_FOUND');
    return session;
  }

  private gateway(): ParkingPaymentGateway {
    const gateway = this.deps.gateway();
    if (!gateway)
      throw new AppError('PARKING_PAYMENT_FAILED', { details: { reason: 'not-configured' } });
    return gateway;
  }
}
