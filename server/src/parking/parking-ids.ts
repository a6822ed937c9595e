import crypto from 'node:crypto';

/** Random, meaningless ids (S-5.1a): nothing about a car or a shopper can be read from them. */
export function newParkingId(prefix: 'ps' | 'pr' | 'pc' | 'pp' | 'pk'): string {
  return `${prefix}_${crypto.randomBytes(12).toString('hex')}`;
}

/** A merchant order number: 26 characters of [0-9A-Z], inside WeChat Pay's 32. */
export function newOrderNumber(): string {
  return `PK${crypto.randomBytes(12).toString('hex').toUpperCase()}`;
}

/** A secret handed out once (ticket, kiosk token); only its hash is stored. */
export function newSecretToken(prefix: 'tk' | 'kt'): string {
  return `${prefix}_${crypto.randomBytes(24).toString('base64url')}`;
}

export function hashSecret(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}
