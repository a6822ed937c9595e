import { DEFAULT_POINTS_PROGRAM, tierForSpend, tierProgress, windowStart } from '../../src';

const TIERS = DEFAULT_POINTS_PROGRAM.tiers;

describe('tiers by rolling 12-month spend (U-6.6.1a)', () => {
  describe('tierForSpend', () => {
    it.each([
      [0, 'regular'],
      [499_999, 'regular'],
      [500_000, 'silver'],
      [1_999_999, 'silver'],
      [2_000_000, 'gold'],
      [99_000_000, 'platinum'],
    ])('puts a spend of %p fen in %s', (spend, tier) => {
      expect(tierForSpend(TIERS, spend).id).toBe(tier);
    });
  });

  describe('tierProgress', () => {
    it('shows what the next tier needs', () => {
      expect(tierProgress(TIERS, 'regular', 120_000)).toMatchObject({
        current: { id: 'regular' },
        earned: { id: 'regular' },
        next: { id: 'silver', minSpendFen: 500_000, remainingFen: 380_000 },
      });
    });

    it('has no next tier at the top', () => {
      expect(tierProgress(TIERS, 'platinum', 6_000_000).next).toBeNull();
    });

    it('tells a member who has not been promoted yet which tier the spend earns', () => {
      expect(tierProgress(TIERS, 'regular', 2_500_000)).toMatchObject({
        current: { id: 'regular' },
        earned: { id: 'gold' },
      });
    });

    it('counts an unknown current tier as the first tier', () => {
      expect(tierProgress(TIERS, 'vip-2019', 0).current.id).toBe('regular');
    });
  });

  describe('windowStart', () => {
    it('goes back twelve calendar months', () => {
      expect(windowStart(new Date('2025-03-15T04:00:00Z')).toISOString()).toBe(
        '2024-03-15T04:00:00.000Z',
      );
    });
  });
});
