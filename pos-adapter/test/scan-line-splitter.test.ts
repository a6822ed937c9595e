import { ScanLineSplitter, type ScannedLine } from '../src/scan-line-splitter';

/** Feed the text cut at the given positions, then end the input. */
function feed(text: string | Buffer, cuts: number[], maxLength = 64): ScannedLine[] {
  const splitter = new ScanLineSplitter(maxLength);
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const lines: ScannedLine[] = [];
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    lines.push(...splitter.push(bytes.subarray(start, cut)));
    start = cut;
  }
  return [...lines, ...splitter.end()];
}

const codes = (lines: ScannedLine[]) =>
  lines.map((line) => (line.kind === 'code' ? line.code : `<${line.kind}>`));

describe('ScanLineSplitter (issue #6 scan gun, C-4.2.1.4)', () => {
  describe('with every line ending a scan gun can be set to', () => {
    const input = '134567890123456789\r\n  2812345678901234 \r6901234567892\n\n\r\n';
    const expected = ['134567890123456789', '2812345678901234', '6901234567892'];

    it('reads the same codes wherever one chunk boundary falls', () => {
      for (let cut = 0; cut <= input.length; cut += 1)
        expect(codes(feed(input, [cut]))).toEqual(expected);
    });

    it('reads the same codes wherever two chunk boundaries fall', () => {
      for (let first = 0; first <= input.length; first += 1)
        for (let second = first; second <= input.length; second += 3)
          expect(codes(feed(input, [first, second]))).toEqual(expected);
    });

    it('reads the same codes one byte at a time', () => {
      const cuts = Array.from({ length: input.length }, (_, index) => index);
      expect(codes(feed(input, cuts))).toEqual(expected);
    });
  });

  describe('with a code typed through a Chinese input method', () => {
    it('keeps a full-width digit whole when a chunk ends inside its bytes', () => {
      const text = Buffer.from('１３4567890123456789\n', 'utf8');
      for (let cut = 0; cut <= text.length; cut += 1)
        expect(codes(feed(text, [cut]))).toEqual(['１３4567890123456789']);
    });
  });

  describe('with garbage', () => {
    it('refuses an over-long line once and reads the next line normally', () => {
      const input = `${'9'.repeat(200)}\r\n104538211234567890\r\n`;
      for (const cut of [0, 50, 64, 65, 199, 200, 201, 202, 210])
        expect(codes(feed(input, [cut]))).toEqual(['<too-long>', '104538211234567890']);
    });

    it('ignores blank and whitespace-only lines', () => {
      expect(codes(feed(' \r\n\t\n\r\r\n', []))).toEqual([]);
    });

    it('counts a last code without a line end when the input ends', () => {
      expect(codes(feed('104538211234567890', [5]))).toEqual(['104538211234567890']);
    });
  });
});
