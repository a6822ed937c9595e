import {
  code128cElements,
  code128cValues,
  START_C,
  symbolWidths,
} from '../../../src/pages/member-code/code128';
import { qrRows } from '../../../src/pages/member-code/qr-matrix';
import { groupDigits } from '../../../src/pages/member-code/digit-groups';

const MEMBER_CODE = '881234567890123456';

/** Reads bars back into symbol values, the way a scan gun does, to prove the drawing. */
function decode(elements: Array<{ modules: number }>): number[] {
  const byWidths = new Map<string, number>();
  for (let value = 0; value <= 102; value += 1) byWidths.set(symbolWidths(value), value);
  byWidths.set(symbolWidths(START_C), START_C);
  const widths = elements.map((element) => element.modules).join('');
  const values: number[] = [];
  for (let offset = 0; offset + 6 <= widths.length - 7; offset += 6)
    values.push(byWidths.get(widths.slice(offset, offset + 6)) ?? -1);
  return values;
}

describe('member-code page: CODE128 set C (issue #6, Interfaces "Member code")', () => {
  describe('the symbol table', () => {
    it('has 103 distinct symbols of eleven modules each', () => {
      const symbols = Array.from({ length: 103 }, (_, value) => symbolWidths(value));

      expect(new Set(symbols).size).toBe(103);
      for (const widths of symbols)
        expect([...widths].reduce((sum, width) => sum + Number(width), 0)).toBe(11);
    });

    it('refuses a value outside the table', () => {
      expect(() => symbolWidths(103)).toThrow(RangeError);
    });
  });

  describe('an 18-digit member code', () => {
    it('is start C, nine digit pairs and the modulo-103 checksum', () => {
      expect(code128cValues(MEMBER_CODE)).toEqual([
        START_C,
        88,
        12,
        34,
        56,
        78,
        90,
        12,
        34,
        56,
        67,
      ]);
    });

    it('draws 134 modules, bar first and last, that read back to the same values', () => {
      const elements = code128cElements(MEMBER_CODE);

      expect(elements.reduce((sum, element) => sum + element.modules, 0)).toBe(134);
      expect(elements[0]!.bar).toBe(true);
      expect(elements[elements.length - 1]!.bar).toBe(true);
      expect(decode(elements)).toEqual(code128cValues(MEMBER_CODE));
    });

    it('refuses an odd number of digits or letters', () => {
      expect(() => code128cValues('123')).toThrow(RangeError);
      expect(() => code128cValues('12ab')).toThrow(RangeError);
    });
  });

  describe('the QR code', () => {
    it('is version 1 (21 x 21) with every row covering the full width', () => {
      const rows = qrRows(MEMBER_CODE);

      expect(rows).toHaveLength(21);
      for (const runs of rows) expect(runs.reduce((sum, run) => sum + run.modules, 0)).toBe(21);
      // The top-left finder pattern starts with seven dark modules.
      expect(rows[0]![0]).toEqual({ dark: true, modules: 7 });
    });
  });

  it('groups the digits by four for reading aloud', () => {
    expect(groupDigits(MEMBER_CODE)).toBe('8812 3456 7890 1234 56');
  });
});
