import { formatYuan, parseYuan } from '../../src';

describe('parseYuan', () => {
  describe('field cases: money (fen)', () => {
    it.each([
      ['19.90', 1990],
      ['1.15', 115],
      ['9.8', 980],
      ['0', 0],
      ['0.05', 5],
      ['1000', 100000],
      [' 12.30 ', 1230],
      ['0.10', 10],
      ['2.000', 200],
    ])('reads %j as %d fen without floating point', (input, fen) => {
      expect(parseYuan(input)).toBe(fen);
    });
  });

  describe('amounts a till cannot charge', () => {
    it.each(['1.005', '0.001', '19.999'])('refuses %j as below one fen', (input) => {
      expect(() => parseYuan(input)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID' }));
    });

    it.each(['', 'abc', '-1', '1,000', '1e3', '.5', '12.', 'NaN', '１２'])(
      'refuses %j as not an amount',
      (input) => {
        expect(() => parseYuan(input)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID' }));
      },
    );
  });
});

describe('formatYuan', () => {
  describe('field cases: money on the wire (Alipay total_amount)', () => {
    it.each([
      [1990, '19.90'],
      [5, '0.05'],
      [100000, '1000.00'],
      [0, '0.00'],
    ])('writes %d fen as %j', (fen, text) => {
      expect(formatYuan(fen)).toBe(text);
    });
  });

  it('refuses fractional or negative fen', () => {
    expect(() => formatYuan(1.5)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID' }));
    expect(() => formatYuan(-1)).toThrow(expect.objectContaining({ code: 'MONEY_INVALID' }));
  });
});
