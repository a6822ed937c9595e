import { allocateFifo, lotExpiresAt, pointsToReverse } from '../../src';

describe('points lots', () => {
  describe('lotExpiresAt', () => {
    it('ends the month twelve months after the month earned, at 24:00 Shanghai', () => {
      expect(lotExpiresAt(new Date('2024-03-15T04:00:00Z'), 12).toISOString()).toBe(
        '2025-03-31T16:00:00.000Z',
      );
    });

    it('judges the month earned by the Shanghai date, whatever the process TZ', () => {
      const originalTz = process.env.TZ;
      process.env.TZ = 'UTC';
      try {
        // 00:10 on 1 April in Shanghai is still 31 March in UTC.
        expect(lotExpiresAt(new Date('2024-03-31T16:10:00Z'), 1).toISOString()).toBe(
          '2024-05-31T16:00:00.000Z',
        );
      } finally {
        process.env.TZ = originalTz;
      }
    });

    it('rolls over the year', () => {
      expect(lotExpiresAt(new Date('2024-12-01T04:00:00Z'), 12).toISOString()).toBe(
        '2025-12-31T16:00:00.000Z',
      );
    });
  });

  describe('allocateFifo', () => {
    const lots = [
      { id: 3, remaining: 50, expiresAt: '2025-06-30 16:00:00.000' },
      { id: 1, remaining: 100, expiresAt: '2025-03-31 16:00:00.000' },
      { id: 2, remaining: 0, expiresAt: '2025-03-31 16:00:00.000' },
      { id: 4, remaining: 30, expiresAt: '2025-03-31 16:00:00.000' },
    ];

    it('uses the lot that expires first, then the older lot on a tie', () => {
      expect(allocateFifo(lots, 120)).toEqual({
        allocations: [
          { lotId: 1, points: 100 },
          { lotId: 4, points: 20 },
        ],
        shortfall: 0,
      });
    });

    it('reports what no lot could cover', () => {
      expect(allocateFifo(lots, 200)).toEqual({
        allocations: [
          { lotId: 1, points: 100 },
          { lotId: 4, points: 30 },
          { lotId: 3, points: 50 },
        ],
        shortfall: 20,
      });
    });
  });

  describe('pointsToReverse', () => {
    it('reverses in proportion and exactly in total over several partial refunds', () => {
      const award = { awardPoints: 99, awardFen: 10_000 };
      const first = pointsToReverse({
        ...award,
        refundedFenBefore: 0,
        reversedPointsBefore: 0,
        refundFen: 3_333,
      });
      const second = pointsToReverse({
        ...award,
        refundedFenBefore: 3_333,
        reversedPointsBefore: first,
        refundFen: 3_333,
      });
      const last = pointsToReverse({
        ...award,
        refundedFenBefore: 6_666,
        reversedPointsBefore: first + second,
        refundFen: 3_334,
      });

      expect([first, second, last]).toEqual([32, 33, 34]);
      expect(first + second + last).toBe(99);
    });

    it('reverses everything for a full refund', () => {
      expect(
        pointsToReverse({
          awardPoints: 128,
          awardFen: 12_800,
          refundedFenBefore: 0,
          reversedPointsBefore: 0,
          refundFen: 12_800,
        }),
      ).toBe(128);
    });
  });
});
