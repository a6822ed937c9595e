import crypto from 'node:crypto';

/**
 * The Alipay simulator's own RSA2 check and answer writing, apart from the client's code on
 * purpose (a shared function would sign and verify a bug alike). Answers are written the way
 * Alipay's gateway writes them, with "\/" and \u escapes, so a client that re-serialises the
 * response before verifying fails: only the exact text verifies.
 */
export type WireParams = Record<string, string>;

/** The content Alipay verifies: non-empty parameters but sign, byte-wise sorted, raw values. */
export function requestContent(params: WireParams): string {
  return Object.entries(params)
    .filter(([name, value]) => name !== 'sign' && value !== '')
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

export function requestSignatureValid(params: WireParams, merchantKey: crypto.KeyObject): boolean {
  try {
    const verifier = crypto.createVerify('RSA-SHA256');
    verifier.update(requestContent(params), 'utf8');
    return verifier.verify(merchantKey, params.sign ?? '', 'base64');
  } catch {
    return false;
  }
}

/**
 * `{"<key>":<response>,"sign":"..."}`, the signature over the response text as written; a
 * forged answer is signed over other text. Refusals of the request itself go unsigned.
 */
export function answerBody(
  responseKey: string,
  response: Record<string, unknown>,
  signing: { key: crypto.KeyObject; forge: boolean } | undefined,
): string {
  const text = gatewayJson(response);
  if (!signing) return `{"${responseKey}":${text}}`;

  const signer = crypto.createSign('RSA-SHA256');
  signer.update(signing.forge ? `${text} ` : text, 'utf8');
  return `{"${responseKey}":${text},"sign":"${signer.sign(signing.key, 'base64')}"}`;
}

/** JSON as the gateway writes it: non-ASCII as \u and four hex digits, and "/" as "\/". */
export function gatewayJson(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => gatewayJson(item)).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.entries(value)
      .filter(([, item]) => item !== undefined)
      .map(([name, item]) => `${quote(name)}:${gatewayJson(item)}`)
      .join(',')}}`;
  return 'null';
}

function quote(text: string): string {
  let quoted = '"';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char === '"' || char === '\\' || char === '/') quoted += `\\${char}`;
    else if (code < 0x20 || code > 0x7e)
      for (let index = 0; index < char.length; index += 1)
        quoted += `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`;
    else quoted += char;
  }
  return `${quoted}"`;
}
