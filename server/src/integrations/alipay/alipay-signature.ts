import crypto from 'node:crypto';

/**
 * RSA2 for the Alipay open platform (protocols/alipay-barcode.md "Signing"): every non-empty
 * parameter but `sign`, sorted by name, joined as k=v&k=v with raw values (not URL-encoded),
 * SHA256withRSA, base64. The same signature, made by Alipay, covers each answer's
 * `..._response` text exactly as it stands in the body.
 */
export type AlipayParams = Record<string, string | undefined>;

export function alipaySigningContent(params: AlipayParams): string {
  return Object.keys(params)
    .filter((name) => name !== 'sign' && params[name] !== undefined && params[name] !== '')
    .sort()
    .map((name) => `${name}=${params[name]}`)
    .join('&');
}

export function signAlipay(params: AlipayParams, privateKey: crypto.KeyObject): string {
  return crypto
    .sign('sha256', Buffer.from(alipaySigningContent(params), 'utf8'), privateKey)
    .toString('base64');
}

/** Whether `sign` (base64) is Alipay's signature of exactly this text. */
export function alipaySignatureMatches(
  content: string,
  sign: string,
  publicKey: crypto.KeyObject,
): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sign)) return false;
  return crypto.verify(
    'sha256',
    Buffer.from(content, 'utf8'),
    publicKey,
    Buffer.from(sign, 'base64'),
  );
}

/**
 * A merchant private key as PKCS#1 ("RSA PRIVATE KEY") or PKCS#8 ("PRIVATE KEY") PEM, or the
 * bare base64 that Alipay's key tool writes out.
 */
export function loadAlipayPrivateKey(text: string): crypto.KeyObject {
  if (text.includes('-----BEGIN')) return crypto.createPrivateKey(text);

  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return firstKey([
    () => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    () => crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs1' }),
  ]);
}

/** Alipay's public key as SPKI ("PUBLIC KEY") or PKCS#1 ("RSA PUBLIC KEY") PEM, or bare base64. */
export function loadAlipayPublicKey(text: string): crypto.KeyObject {
  if (text.includes('-----BEGIN')) return crypto.createPublicKey(text);

  const der = Buffer.from(text.replace(/\s+/g, ''), 'base64');
  return firstKey([
    () => crypto.createPublicKey({ key: der, format: 'der', type: 'spki' }),
    () => crypto.createPublicKey({ key: der, format: 'der', type: 'pkcs1' }),
  ]);
}

function firstKey(attempts: Array<() => crypto.KeyObject>): crypto.KeyObject {
  let lastError: unknown;
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch (error) {
      lastError = error;
    }
  }
  throw lastError;
}

/** `timestamp`: yyyy-MM-dd HH:mm:ss in Beijing time (UTC+8, no daylight saving), whatever TZ is. */
export function beijingTimestamp(epochMs: number): string {
  const shifted = new Date(epochMs + 8 * 60 * 60 * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** Alipay's yyyy-MM-dd HH:mm:ss (Beijing time) as ISO 8601 with its offset. */
export function beijingIsoFromAlipay(text: string): string | undefined {
  const match = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})$/.exec(text);
  return match ? `${match[1]}T${match[2]}+08:00` : undefined;
}
