import crypto from 'node:crypto';

/**
 * The WeChat Pay simulator's own reading, writing and signing of v2 XML, written apart from
 * the client's (server/src/integrations/wechat-pay) on purpose: if both sides shared one
 * function, a signing bug would sign and verify alike and no test would see it.
 */
export type SimulatedSignType = 'MD5' | 'HMAC-SHA256';
export type WireFields = Record<string, string>;

const ELEMENT = /<([A-Za-z_]\w*)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
// WeChat writes counts and amounts bare and text in CDATA; the client must read both.
const BARE_FIELDS = new Set(['total_fee', 'cash_fee', 'refund_fee', 'settlement_total_fee']);

/** The fields of a request body, or undefined when it is not flat v2 XML. */
export function readWireXml(text: string): WireFields | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('<xml>') || !trimmed.endsWith('</xml>')) return undefined;

  const inner = trimmed.slice(5, -6);
  const fields: WireFields = {};
  let end = 0;
  for (const match of inner.matchAll(ELEMENT)) {
    // Only white space may stand between two fields.
    if (inner.slice(end, match.index).trim() !== '') return undefined;
    fields[match[1]] = match[2] ?? decodeText(match[3]);
    end = (match.index ?? 0) + match[0].length;
  }
  return inner.slice(end).trim() === '' ? fields : undefined;
}

function decodeText(text: string): string {
  return text.replace(/&(\w+);/g, (_, name: string) => ENTITIES[name] ?? '');
}

export function writeWireXml(fields: WireFields): string {
  let xml = '<xml>';
  for (const [name, value] of Object.entries(fields))
    xml += BARE_FIELDS.has(name)
      ? `<${name}>${value}</${name}>`
      : `<${name}><![CDATA[${value}]]></${name}>`;
  return `${xml}</xml>`;
}

/** What WeChat computes for a set of fields: the v2 rule, byte-wise sorted names. */
export function wireSignature(
  fields: WireFields,
  apiKey: string,
  signType: SimulatedSignType,
): string {
  const names = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== '')
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  let text = '';
  for (const name of names) text += `${name}=${fields[name]}&`;
  text += `key=${apiKey}`;

  const digest =
    signType === 'MD5'
      ? crypto.createHash('md5').update(Buffer.from(text, 'utf8'))
      : crypto.createHmac('sha256', Buffer.from(apiKey, 'utf8')).update(Buffer.from(text, 'utf8'));
  return digest.digest('hex').toUpperCase();
}

export function wireSignatureMatches(
  fields: WireFields,
  apiKey: string,
  signType: SimulatedSignType,
): boolean {
  const expected = Buffer.from(wireSignature(fields, apiKey, signType));
  const offered = Buffer.from(fields.sign ?? '');
  return expected.length === offered.length && crypto.timingSafeEqual(expected, offered);
}
