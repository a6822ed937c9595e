import crypto from 'node:crypto';

/**
 * Alibaba Cloud RPC signing, signature version 1.0 (protocols/sms-gateway.md "Signing"). Pure
 * functions, pinned by the published example in the tests.
 */
export type RpcParams = Record<string, string>;

/**
 * RFC 3986 percent-encoding over UTF-8: only A-Z a-z 0-9 - _ . ~ stay as they are. Unlike
 * form encoding, a space becomes %20 (never +) and `*` becomes %2A; encodeURIComponent already
 * gets UTF-8 and `~` right but leaves ! ' ( ) * alone, so those are encoded here.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Encoded names and values sorted by name and joined as k=v&k=v; Signature is never in it. */
export function canonicalQuery(params: RpcParams): string {
  return Object.keys(params)
    .filter((name) => name !== 'Signature')
    .sort()
    .map((name) => `${percentEncode(name)}=${percentEncode(params[name])}`)
    .join('&');
}

/** METHOD&%2F&encode(canonical query): the canonical query is encoded a second time. */
export function rpcStringToSign(method: string, params: RpcParams): string {
  return `${method.toUpperCase()}&${percentEncode('/')}&${percentEncode(canonicalQuery(params))}`;
}

/** base64(HMAC-SHA1(AccessKeySecret + '&', string to sign)). */
export function signRpcRequest(method: string, params: RpcParams, accessKeySecret: string): string {
  return crypto
    .createHmac('sha1', `${accessKeySecret}&`)
    .update(rpcStringToSign(method, params))
    .digest('base64');
}

/** UTC yyyy-MM-ddTHH:mm:ssZ, without the milliseconds toISOString adds. */
export function rpcTimestamp(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
