import { amountDue } from '../../src';

const RATE = { pointsPerYuan: 100, maxSharePercent: 50 };

describe('amountDue (cash offset at the till, U-6.4.2)', () => {
  describe('within the share of the basket points may pay', () => {
    it('takes 1 yuan off for every 100 points', () => {
      expect(amountDue(19_990, 500, RATE)).toEqual({
        basketFen: 19_990,
        offsetFen: 500,
        pointsUsed: 500,
        amountDueFen: 19_490,
      });
    });

    it('uses only the points the offset is worth when points do not divide evenly', () => {
      expect(amountDue(10_000, 1, { pointsPerYuan: 300, maxSharePercent: 100 })).toEqual({
        basketFen: 10_000,
        offsetFen: 0,
        pointsUsed: 0,
        amountDueFen: 10_000,
      });
      expect(amountDue(10_000, 10, { pointsPerYuan: 300, maxSharePercent: 100 })).toEqual({
        basketFen: 10_000,
        offsetFen: 3,
        pointsUsed: 9,
        amountDueFen: 9_997,
      });
    });
  });

  describe('beyond the share', () => {
    it('stops at maxSharePercent of the basket and uses only what that is worth', () => {
      expect(amountDue(1_999, 100_000, RATE)).toEqual({
        basketFen: 1_999,
        offsetFen: 999,
        pointsUsed: 999,
        amountDueFen: 1_000,
      });
    });

    it('never takes anything off when the share is 0', () => {
      expect(amountDue(5_000, 5_000, { ...RATE, maxSharePercent: 0 }).amountDueFen).toBe(5_000);
    });
  });

  describe('bad input', () => {
    it.each([
      [-1, 100],
      [100, -1],
      [1.5, 100],
      [100, 0.5],
    ])('refuses basket %p with points %p with POINTS_OFFSET_INVALID', (basket, points) => {
      expect(() => amountDue(basket, points, RATE)).toThrow(
        expect.objectContaining({ code: 'POINTS_OFFSET_INVALID' }),
      );
    });
  });
});
