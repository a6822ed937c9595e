import crypto from 'node:crypto';
import { encodeBase32 } from '@memberkit/shared';

/**
 * Our transaction id for a till sale: `t_` + 24 hex, derived from (device, the till's checkout
 * id) so that every retry of a sale, even one that arrives after a crash and before any row
 * was written, names the same transaction. Checkout ids are the till's sale numbers, never
 * personal data. 26 characters, so `<id>-<attempt>` fits WeChat Pay's 32-character limit.
 */
export function transactionIdFor(deviceId: string, checkoutId: string): string {
  const digest = crypto.createHash('sha256').update(`${deviceId}\n${checkoutId}`).digest('hex');
  return `t_${digest.slice(0, 24)}`;
}

/**
 * A receipt claim code: 12 Crockford base32 characters (60 random bits), short enough to
 * type from a receipt and far too many to guess (field case "QR codes": a short token only).
 */
export function newClaimCode(): string {
  return encodeBase32(crypto.randomBytes(8), 12);
}

/** The provider's refund number: unique per merchant, the same for every retry of a refund. */
export function providerRefundNumber(transactionId: string, refundId: string): string {
  return `${transactionId}-${refundId}`;
}
