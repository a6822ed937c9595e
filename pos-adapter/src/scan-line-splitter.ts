import { StringDecoder } from 'node:string_decoder';

/** What one finished scan-gun line turned into. */
export type ScannedLine = { kind: 'code'; code: string } | { kind: 'too-long' };

/**
 * Turns the scan gun's keystrokes into codes. A scan gun is a keyboard wedge: it types the
 * code and then CR, LF or CR LF (set by a configuration barcode), and a serial line or a pipe
 * hands the bytes over in chunks that may end anywhere, even between CR and LF. Blank lines
 * (the LF of a CR LF, an Enter on its own) are ignored; surrounding whitespace is trimmed.
 * A line longer than `maxLength` is garbage (two scans run together, a stuck key): it is
 * reported once as too long and the rest of it, up to the next line end, is dropped.
 */
export class ScanLineSplitter {
  private pending = '';
  private overflowed = false;
  // A chunk may end inside a multi-byte character (a full-width digit from an input method).
  private readonly decoder = new StringDecoder('utf8');

  constructor(private readonly maxLength: number) {}

  push(chunk: string | Buffer): ScannedLine[] {
    const lines: ScannedLine[] = [];
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    for (const character of text) {
      if (character === '\r' || character === '\n') this.endLine(lines);
      else this.add(character);
    }
    return lines;
  }

  /** The input ended: a last code without a line end still counts (a pasted line). */
  end(): ScannedLine[] {
    const lines = this.push(this.decoder.end());
    this.endLine(lines);
    return lines;
  }

  private add(character: string): void {
    if (this.overflowed) return;
    this.pending += character;
    // Whitespace around the code does not count towards the limit.
    if (this.pending.trim().length > this.maxLength) this.overflowed = true;
  }

  private endLine(lines: ScannedLine[]): void {
    const text = this.pending.trim();
    if (this.overflowed) lines.push({ kind: 'too-long' });
    else if (text !== '') lines.push({ kind: 'code', code: text });
    this.pending = '';
    this.overflowed = false;
  }
}
