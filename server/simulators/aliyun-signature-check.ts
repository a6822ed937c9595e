import crypto from 'node:crypto';

/**
 * The simulator's own recomputation of an Alibaba Cloud RPC signature (protocols/
 * sms-gateway.md "Signing"). Written apart from the client's rpc-signature.ts on purpose: if
 * both sides shared one function, a signing bug would sign and verify alike and no test would
 * see it. This one walks the UTF-8 bytes itself instead of leaning on encodeURIComponent.
 */
const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

function encodeRfc3986(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const char = String.fromCharCode(byte);
    encoded += UNRESERVED.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

function byCodeUnits(a: [string, string], b: [string, string]): number {
  if (a[0] === b[0]) return 0;
  return a[0] < b[0] ? -1 : 1;
}

export function expectedRpcSignature(
  method: string,
  params: Record<string, string>,
  accessKeySecret: string,
): string {
  const canonical = Object.entries(params)
    .filter(([name]) => name !== 'Signature')
    .map(([name, value]): [string, string] => [encodeRfc3986(name), encodeRfc3986(value)])
    .sort(byCodeUnits)
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const stringToSign = `${method.toUpperCase()}&%2F&${encodeRfc3986(canonical)}`;
  return crypto.createHmac('sha1', `${accessKeySecret}&`).update(stringToSign).digest('base64');
}

export function rpcSignatureMatches(expected: string, offered: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(offered);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}
