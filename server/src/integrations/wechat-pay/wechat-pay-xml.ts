/**
 * The flat XML of WeChat Pay API v2: one <xml> root, one level of named text fields, values
 * usually in CDATA. Read by hand instead of with a general parser, on purpose: a document type
 * or an entity declaration is refused outright, because WeChat Pay's own security advisory
 * (2018) was about notify_url handlers that expanded external entities (XXE).
 */
export type WechatPayFields = Record<string, string>;

const DECLARATION = /^\s*<\?xml[^>]*\?>/;
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const OPEN_TAG = /<([A-Za-z_][A-Za-z0-9_.-]*)\s*(\/?)>/y;
const PREDEFINED_ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/** Every value as CDATA; "]]>" inside a value is split across two sections. */
export function toWechatXml(fields: Record<string, string | number>): string {
  const elements = Object.entries(fields).map(([name, value]) => {
    if (!FIELD_NAME.test(name)) throw new Error(`not an XML field name: ${name}`);
    const text = String(value).replaceAll(']]>', ']]]]><![CDATA[>');
    return `<${name}><![CDATA[${text}]]></${name}>`;
  });
  return `<xml>${elements.join('')}</xml>`;
}

/** The fields of a flat document; throws on anything else (nesting, DTDs, repeated names). */
export function parseWechatXml(text: string): WechatPayFields {
  if (/<!(?:DOCTYPE|ENTITY)/i.test(text)) throw new Error('document types are not accepted');

  const document = text.replace(DECLARATION, '').trim();
  if (!document.startsWith('<xml>') || !document.endsWith('</xml>'))
    throw new Error('not a WeChat Pay XML document');
  return readFields(document.slice('<xml>'.length, -'</xml>'.length));
}

function readFields(inner: string): WechatPayFields {
  const fields: WechatPayFields = {};
  let position = skipSpace(inner, 0);
  while (position < inner.length) {
    OPEN_TAG.lastIndex = position;
    const tag = OPEN_TAG.exec(inner);
    if (!tag) throw new Error('expected a field element');

    const name = tag[1];
    // A repeated field could carry one value to the signature check and another to the code.
    if (Object.prototype.hasOwnProperty.call(fields, name)) throw new Error('repeated field');
    const body = tag[2]
      ? { value: '', end: OPEN_TAG.lastIndex }
      : readText(inner, name, OPEN_TAG.lastIndex);
    fields[name] = body.value;
    position = skipSpace(inner, body.end);
  }
  return fields;
}

/** The text up to </name>: CDATA sections and character data, nothing nested. */
function readText(inner: string, name: string, start: number): { value: string; end: number } {
  const closing = `</${name}>`;
  let value = '';
  let position = start;
  while (!inner.startsWith(closing, position)) {
    if (inner.startsWith('<![CDATA[', position)) {
      const end = inner.indexOf(']]>', position);
      if (end < 0) throw new Error('unterminated CDATA');
      value += inner.slice(position + '<![CDATA['.length, end);
      position = end + ']]>'.length;
      continue;
    }

    const next = inner.indexOf('<', position);
    if (next < 0 || next === position) throw new Error(`unterminated field ${name}`);
    value += decodeEntities(inner.slice(position, next));
    position = next;
  }
  return { value, end: position + closing.length };
}

function decodeEntities(text: string): string {
  return text.replace(/&([^;]*);?/g, (match, entity: string) => {
    if (!match.endsWith(';')) throw new Error('bare ampersand');
    if (PREDEFINED_ENTITIES[entity]) return PREDEFINED_ENTITIES[entity];

    const numeric = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(entity);
    if (!numeric) throw new Error('unknown entity');
    return String.fromCodePoint(numeric[1] ? parseInt(numeric[1], 16) : Number(numeric[2]));
  });
}

function skipSpace(text: string, position: number): number {
  let next = position;
  while (next < text.length && /\s/.test(text[next])) next += 1;
  return next;
}
