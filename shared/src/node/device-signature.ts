import crypto from 'node:crypto';

/**
 * The signed string of a device request (design.md "Interfaces"):
 * METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nSHA256_HEX(BODY). Adapters import this too, so both
 * sides build the string the same way.
 */
export function deviceStringToSign(
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: string | Buffer,
): string {
  const bodyHash = crypto.createHash('sha256').update(body).digest('hex');
  return [method.toUpperCase(), pathWithQuery, timestamp, nonce, bodyHash].join('\n');
}

export function signDeviceRequest(
  secret: string,
  method: string,
  pathWithQuery: string,
  timestamp: string,
  nonce: string,
  body: string | Buffer,
): string {
  return crypto
    .createHmac('sha256', secret)
    .update(deviceStringToSign(method, pathWithQuery, timestamp, nonce, body))
    .digest('hex');
}

export function signaturesMatch(expected: string, offered: string): boolean {
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(offered, 'hex');
  return a.length === b.length && a.length > 0 && crypto.timingSafeEqual(a, b);
}

/** Headers for a signed request: a fresh nonce of 16 random bytes and the current time. */
export function deviceHeaders(
  deviceId: string,
  secret: string,
  method: string,
  pathWithQuery: string,
  body: string,
  now = new Date(),
): Record<string, string> {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = crypto.randomBytes(16).toString('hex');
  return {
    'X-Device-Id': deviceId,
    'X-Timestamp': timestamp,
    'X-Nonce': nonce,
    'X-Signature': signDeviceRequest(secret, method, pathWithQuery, timestamp, nonce, body),
  };
}
