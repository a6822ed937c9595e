import crypto from 'node:crypto';
import { send, sendJson } from '../../../server/test/support/http-client';

/** The till software's side of the local API. */
export function tillCheckout(adapterUrl: string, body: object) {
  return sendJson(adapterUrl, 'POST', '/checkouts', body);
}

export function tillStatus(adapterUrl: string) {
  return send(adapterUrl, 'GET', '/status');
}

/** A WeChat Pay code as the shopper's phone shows it: 18 digits starting 10-15. */
export function wechatPaymentCode(): string {
  return `13${Array.from({ length: 16 }, () => crypto.randomInt(10)).join('')}`;
}

/** A sale number for the till, unique per test run. */
export function saleNumber(prefix: string): string {
  return `${prefix}${crypto.randomBytes(6).toString('hex')}`.slice(0, 24);
}
