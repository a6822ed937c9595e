import { isWeapp } from '../../platform/runtime';
import { api } from '../../services/api-client';

/** One of my stays, priced now after my benefits (GET /v1/me/parking). */
export interface MyStay {
  sessionId: string;
  lotName: string;
  plate: string | null;
  entryAt: string;
  status: 'free' | 'paid' | 'pass' | 'fee-due';
  dueFen: number;
  grossFen: number;
  paidFen: number;
  withinGrace: boolean;
  stayMinutes: number;
  freeMinutesApplied: number;
  benefits: { hasActivePass: boolean; tierFreeHours: number; spendFreeHours: number } | null;
}

export interface MyParking {
  plates: string[];
  maxPlates: number;
  sessions: MyStay[];
}

/** What wx.requestPayment takes; signed by the server, which alone holds the API key. */
export interface JsapiPayment {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface ParkingOrder {
  orderId: string;
  status: 'pending' | 'paid' | 'closed';
  dueFen: number;
  amountFen: number;
  pointsUsed: number;
  pointsOffsetFen: number;
  expiresAt: string;
  jsapi?: JsapiPayment;
}

export function fetchMyParking() {
  return api.get<MyParking>('/v1/me/parking');
}

export function bindPlate(plate: string) {
  return api.post<{ plates: string[] }>('/v1/me/parking/plates', { plate });
}

export function removePlate(plate: string) {
  return api.post<{ plates: string[] }>('/v1/me/parking/plates/remove', { plate });
}

export function payStay(sessionId: string, points: number) {
  return api.post<ParkingOrder>(`/v1/me/parking/sessions/${encodeURIComponent(sessionId)}/pay`, {
    points,
  });
}

export function fetchOrder(orderId: string) {
  return api.get<ParkingOrder>(`/v1/me/parking/orders/${encodeURIComponent(orderId)}`);
}

export function formatYuan(fen: number): string {
  return (fen / 100).toFixed(fen % 100 === 0 ? 0 : 2);
}

/** A ticket of a car without a plate: the phone keeps it (Taro storage), the server its hash. */
export const TICKET_STORAGE_KEY = 'memberkit.parking.ticket';

export interface TicketStay {
  entryAt: string;
  status: MyStay['status'];
  dueFen: number;
}

export function takeTicket(gate: string) {
  return api.post<{ ticket: string; lotName: string; entryAt: string }>(
    '/v1/parking/tickets',
    { gate },
    { auth: false },
  );
}

export function fetchTicket(ticket: string) {
  return api.get<TicketStay>(`/v1/parking/tickets/${encodeURIComponent(ticket)}`, { auth: false });
}

export function payTicket(ticket: string, wechatCode: string) {
  return api.post<ParkingOrder>(
    `/v1/parking/tickets/${encodeURIComponent(ticket)}/pay`,
    { wechatCode },
    { auth: false },
  );
}

export function fetchTicketOrder(ticket: string, orderId: string) {
  const path = `/v1/parking/tickets/${encodeURIComponent(ticket)}/orders/${encodeURIComponent(orderId)}`;
  return api.get<ParkingOrder>(path, { auth: false });
}

export function leaveWithTicket(ticket: string, gate: string) {
  return api.post<{ opened: boolean; dueFen: number }>(
    `/v1/parking/tickets/${encodeURIComponent(ticket)}/exit`,
    { gate },
    { auth: false },
  );
}

let simulatedPaymentOffer: Promise<boolean> | undefined;

/**
 * Development H5 only: whether the server pays orders through its WeChat Pay simulator. A
 * production server has no /v1/dev routes, so any failure here means "not offered". In WeChat
 * the server is not even asked: there wx.requestPayment is the only way to pay.
 */
export function isSimulatedPaymentOffered(): Promise<boolean> {
  if (isWeapp()) return Promise.resolve(false);

  simulatedPaymentOffer ??= api
    .get<{ simulatedPayment?: boolean }>('/v1/dev/info', { auth: false })
    .then(
      (info) => info.simulatedPayment === true,
      () => false,
    );
  return simulatedPaymentOffer;
}

/** The WeChat Pay simulator pays the order as a phone would; the server learns it by notify. */
export function simulatePayment(orderId: string) {
  return api.post<{ orderId: string; status: ParkingOrder['status'] }>(
    `/v1/dev/parking/orders/${encodeURIComponent(orderId)}/simulate-payment`,
    {},
    { auth: false },
  );
}
