/**
 * Alipay signs the text of `<method>_response` exactly as it stands in the body
 * (protocols/alipay-barcode.md "Answer"). JSON.stringify(JSON.parse(...)) would not give it
 * back byte for byte (escaped slashes, \u escapes, key order, spacing), so the members of the
 * top-level object are cut out of the body as written.
 */
export interface RawAlipayAnswer {
  /** The exact text of the response member: what the signature covers. */
  responseText: string;
  sign?: string;
}

/** `alipay.trade.pay` answers under `alipay_trade_pay_response`; gateway errors under `error_response`. */
export function readRawAlipayAnswer(body: string, method: string): RawAlipayAnswer | undefined {
  const members = topLevelMembers(body);
  if (!members) return undefined;

  const responseText =
    members.get(`${method.replaceAll('.', '_')}_response`) ?? members.get('error_response');
  if (responseText === undefined) return undefined;
  const sign = members.get('sign');
  return { responseText, sign: sign === undefined ? undefined : (JSON.parse(sign) as string) };
}

/** Name -> raw value text of each member of a top-level JSON object; undefined if malformed. */
export function topLevelMembers(body: string): Map<string, string> | undefined {
  const members = new Map<string, string>();
  const scanner = new JsonScanner(body);
  try {
    scanner.expect('{');
    while (!scanner.consume('}')) {
      if (members.size > 0) scanner.expect(',');
      const name = JSON.parse(scanner.string()) as string;
      scanner.expect(':');
      // A repeated member could put a signed text beside an unsigned one.
      if (members.has(name)) return undefined;
      members.set(name, scanner.value());
    }
    return scanner.atEnd() ? members : undefined;
  } catch {
    return undefined;
  }
}

class JsonScanner {
  private position = 0;

  constructor(private readonly text: string) {}

  expect(char: string): void {
    if (!this.consume(char)) throw new Error(`expected ${char}`);
  }

  consume(char: string): boolean {
    this.skipSpace();
    if (this.text[this.position] !== char) return false;
    this.position += 1;
    return true;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.position === this.text.length;
  }

  /** A string token, quotes included. */
  string(): string {
    this.skipSpace();
    const start = this.position;
    if (this.text[start] !== '"') throw new Error('expected a string');

    let index = start + 1;
    while (this.text[index] !== '"') {
      if (index >= this.text.length) throw new Error('unterminated string');
      index += this.text[index] === '\\' ? 2 : 1;
    }
    this.position = index + 1;
    return this.text.slice(start, this.position);
  }

  /** Any value, as written up to the next top-level , or }; checked to be JSON. */
  value(): string {
    this.skipSpace();
    const start = this.position;
    let depth = 0;
    for (;;) {
      const char = this.text[this.position];
      if (char === undefined) throw new Error('unterminated value');
      if (depth === 0 && (char === ',' || char === '}')) break;
      if (char === '"') {
        this.string();
        continue;
      }
      if (char === '{' || char === '[') depth += 1;
      else if (char === '}' || char === ']') depth -= 1;
      this.position += 1;
    }

    const raw = this.text.slice(start, this.position).trimEnd();
    JSON.parse(raw);
    return raw;
  }

  private skipSpace(): void {
    while (/\s/.test(this.text[this.position] ?? '')) this.position += 1;
  }
}
