import crypto from 'node:crypto';

export type WechatPaySignType = 'MD5' | 'HMAC-SHA256';

export type SignableFields = Record<string, string | number | undefined | null>;

/**
 * API v2 signing (protocols/wechat-pay-micropay.md "Signing"): every non-empty parameter but
 * `sign`, sorted by name, joined as k=v&k=v, then `&key=<API key>`; upper-case hex of MD5, or
 * of HMAC-SHA256 keyed with the same API key. The same rule signs WeChat's answers and
 * notifications, and the mini-program's paySign.
 */
export function signWechatPay(
  fields: SignableFields,
  apiKey: string,
  signType: WechatPaySignType,
): string {
  const signed = `${stringToSign(fields)}&key=${apiKey}`;
  const digest =
    signType === 'HMAC-SHA256'
      ? crypto.createHmac('sha256', apiKey).update(signed, 'utf8')
      : crypto.createHash('md5').update(signed, 'utf8');
  return digest.digest('hex').toUpperCase();
}

/** Whether `fields.sign` is the signature of the other fields; constant time. */
export function wechatPaySignatureMatches(
  fields: SignableFields,
  apiKey: string,
  signType: WechatPaySignType,
): boolean {
  const offered = Buffer.from(String(fields.sign ?? ''));
  const expected = Buffer.from(signWechatPay(fields, apiKey, signType));
  return offered.length === expected.length && crypto.timingSafeEqual(offered, expected);
}

/** Exported for the signing example test: the text before `&key=`. */
export function stringToSign(fields: SignableFields): string {
  return Object.keys(fields)
    .filter((name) => name !== 'sign' && !isEmpty(fields[name]))
    .sort()
    .map((name) => `${name}=${fields[name]}`)
    .join('&');
}

function isEmpty(value: string | number | undefined | null): boolean {
  return value === undefined || value === null || String(value) === '';
}

/** nonce_str: at most 32 characters; 16 random bytes as hex fill it exactly. */
export function nonceString(): string {
  return crypto.randomBytes(16).toString('hex');
}
