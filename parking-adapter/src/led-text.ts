export type LedEncoding = 'gbk' | 'utf8';

let gbkTable: Map<string, Buffer> | undefined;

/**
 * GBK bytes of a text for the LED controller on the camera's RS-485 line. Node can decode GBK
 * but not encode it, so the table is built once by decoding every two-byte GBK code; a
 * character GBK lacks becomes '?'.
 */
export function encodeLedText(text: string, encoding: LedEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  const table = gbkTable ?? (gbkTable = buildGbkTable());
  const parts: Buffer[] = [];
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (code < 0x80) parts.push(Buffer.from([code]));
    else parts.push(table.get(character) ?? Buffer.from('?'));
  }
  return Buffer.concat(parts);
}

function buildGbkTable(): Map<string, Buffer> {
  const decoder = new TextDecoder('gbk');
  const table = new Map<string, Buffer>();
  for (let lead = 0x81; lead <= 0xfe; lead += 1) {
    for (let trail = 0x40; trail <= 0xfe; trail += 1) {
      if (trail === 0x7f) continue;
      const bytes = Buffer.from([lead, trail]);
      const character = decoder.decode(bytes);
      if (character.length === 1 && character !== '\ufffd' && !table.has(character))
        table.set(character, bytes);
    }
  }
  return table;
}
