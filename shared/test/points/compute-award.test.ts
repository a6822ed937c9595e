import {
  computeAward,
  DEFAULT_POINTS_PROGRAM,
  parsePointsProgram,
  type AwardContext,
  type PointsProgram,
} from '../../src';

/** A programme where every rule kind can be seen on its own. */
function program(overrides: Partial<PointsProgram['earning']> = {}): PointsProgram {
  return parsePointsProgram({
    ...DEFAULT_POINTS_PROGRAM,
    earning: {
      basePointsPerYuan: 1,
      itemBonuses: [
        { id: 'sku-cream', kind: 'product', match: 'SKU-CREAM', extraPointsPerYuan: 5 },
        { id: 'brand-lancome', kind: 'brand', match: 'LANCOME', extraPointsPerYuan: 2 },
        { id: 'cat-beauty', kind: 'category', match: 'beauty', extraPointsPerYuan: 1 },
      ],
      multipliers: [
        { id: 'member-day', kind: 'member-day', percent: 200 },
        { id: 'holiday', kind: 'holiday', percent: 150 },
        { id: 'anniversary', kind: 'store-anniversary', percent: 300 },
        { id: 'birthday-day', kind: 'birthday-day', percent: 250 },
        { id: 'birthday-month', kind: 'birthday-month', percent: 200 },
      ],
      signUpBonus: { id: 'welcome', points: 100 },
      topUpBonuses: [
        { id: 'top-up-500', minFen: 50_000, points: 50 },
        { id: 'top-up-1000', minFen: 100_000, points: 120 },
      ],
      capPerAward: null,
      ...overrides,
    },
    calendar: { memberDays: { weekdays: [3], daysOfMonth: [18] }, holidays: ['2024-10-01'] },
    stores: [{ id: 'store-1', anniversary: '09-28' }],
  });
}

// 2024-03-05 is a Tuesday in Shanghai: no member day, no holiday, no anniversary.
const PLAIN_DAY = new Date('2024-03-05T06:00:00Z');

function purchase(overrides: Partial<AwardContext> = {}): AwardContext {
  return {
    kind: 'purchase',
    amountFen: 12_800,
    items: [],
    occurredAt: PLAIN_DAY,
    member: { birthDate: null, tier: 'regular' },
    storeId: 'store-1',
    ...overrides,
  };
}

describe('computeAward', () => {
  describe('base points', () => {
    it('gives basePointsPerYuan for every whole yuan, rounding down', () => {
      const award = computeAward(program(), purchase({ amountFen: 12_899 }));

      expect(award.points).toBe(128);
      expect(award.applied).toEqual([
        { ruleId: 'base', kind: 'base', effect: '1/yuan on 128.99', points: 128 },
      ]);
    });

    it('gives nothing and explains nothing for less than a yuan', () => {
      expect(computeAward(program(), purchase({ amountFen: 99 }))).toMatchObject({
        points: 0,
        applied: [],
      });
    });
  });

  describe('item bonuses', () => {
    it('gives each item only its most specific bonus: product, then brand, then category', () => {
      const items = [
        { sku: 'SKU-CREAM', brand: 'LANCOME', category: 'beauty', fen: 10_000 },
        { sku: 'SKU-LIPSTICK', brand: 'LANCOME', category: 'beauty', fen: 20_000 },
        { sku: 'SKU-SOAP', brand: 'OTHER', category: 'beauty', fen: 5_000 },
        { sku: 'SKU-TEA', brand: 'OTHER', category: 'food', fen: 5_000 },
      ];

      const award = computeAward(program(), purchase({ amountFen: 40_000, items }));

      expect(award.applied.map(({ ruleId, points }) => [ruleId, points])).toEqual([
        ['base', 400],
        ['sku-cream', 500],
        ['brand-lancome', 400],
        ['cat-beauty', 50],
      ]);
      expect(award.points).toBe(1350);
    });

    it('adds the fen of every item under one rule, then rounds down once', () => {
      const items = [
        { sku: 'A', category: 'beauty', fen: 150 },
        { sku: 'B', category: 'beauty', fen: 150 },
      ];

      const award = computeAward(program(), purchase({ amountFen: 300, items }));

      expect(award.applied[1]).toEqual({
        ruleId: 'cat-beauty',
        kind: 'category',
        effect: '+1/yuan on 3.00',
        points: 3,
      });
    });
  });

  describe('item bonuses on a discounted basket (U-6.4.1: points on money paid)', () => {
    it('U-6.4.1: gives a 1-yuan sale of a 9,999-yuan brand item the bonus on 1 yuan only', () => {
      const brandProgram = program({
        itemBonuses: [{ id: 'acme', kind: 'brand', match: 'ACME', extraPointsPerYuan: 5 }],
      });
      const items = [{ sku: 'TV', brand: 'ACME', fen: 999_900 }];

      const award = computeAward(brandProgram, purchase({ amountFen: 100, items }));

      expect(award.applied.map(({ ruleId, points }) => [ruleId, points])).toEqual([
        ['base', 1],
        ['acme', 5],
      ]);
      expect(award.applied[1].effect).toBe('+5/yuan on 1.00');
    });

    it('U-6.4.1: scales every rule by the share paid, never past the amount paid in all', () => {
      const items = [
        { sku: 'SKU-CREAM', fen: 30_000 },
        { sku: 'SKU-LIPSTICK', brand: 'LANCOME', fen: 30_000 },
        { sku: 'SKU-TEA', category: 'food', fen: 40_000 },
      ];

      const award = computeAward(program(), purchase({ amountFen: 50_000, items }));

      expect(award.applied.map(({ ruleId, points }) => [ruleId, points])).toEqual([
        ['base', 500],
        ['sku-cream', 750],
        ['brand-lancome', 300],
      ]);
    });

    it('U-6.4.1: rounds each scaled share down, so shares never add up past the amount paid', () => {
      const onePerYuan = program({
        itemBonuses: [
          { id: 'a', kind: 'product', match: 'A', extraPointsPerYuan: 1 },
          { id: 'b', kind: 'product', match: 'B', extraPointsPerYuan: 1 },
          { id: 'c', kind: 'product', match: 'C', extraPointsPerYuan: 1 },
        ],
      });
      const items = ['A', 'B', 'C'].map((sku) => ({ sku, fen: 100 }));

      const award = computeAward(onePerYuan, purchase({ amountFen: 200, items }));

      expect(award.applied.filter(({ kind }) => kind === 'product')).toEqual([]);
      expect(award.points).toBe(2);
    });

    it('takes items that add up to less than was paid at their own prices', () => {
      const items = [{ sku: 'SKU-CREAM', fen: 1_000 }];

      const award = computeAward(program(), purchase({ amountFen: 5_000, items }));

      expect(award.applied[1]).toMatchObject({ ruleId: 'sku-cream', points: 50 });
    });

    it('keeps exact arithmetic for the largest amounts', () => {
      const items = Array.from({ length: 3 }, () => ({ sku: 'SKU-CREAM', fen: 10_000_000_000 }));

      const award = computeAward(program(), purchase({ amountFen: 10_000_000_000, items }));

      expect(award.applied[1]).toMatchObject({ ruleId: 'sku-cream', points: 500_000_000 });
    });
  });

  describe('calendar multipliers', () => {
    it('doubles on a member day by weekday (Wednesday) and by day of month (the 18th)', () => {
      const wednesday = new Date('2024-03-06T02:00:00Z');
      const eighteenth = new Date('2024-03-18T02:00:00Z');

      expect(computeAward(program(), purchase({ occurredAt: wednesday })).points).toBe(256);
      expect(computeAward(program(), purchase({ occurredAt: eighteenth })).points).toBe(256);
    });

    it('applies a holiday by its Shanghai date', () => {
      const nationalDay = new Date('2024-09-30T16:30:00Z'); // 00:30 on 1 October in Shanghai

      const award = computeAward(program(), purchase({ occurredAt: nationalDay }));

      expect(award.applied[1]).toEqual({
        ruleId: 'holiday',
        kind: 'holiday',
        effect: 'x1.5',
        points: 64,
      });
    });

    it("applies a store's anniversary only at that store", () => {
      const anniversary = new Date('2024-09-28T04:00:00Z');

      const here = computeAward(program(), purchase({ occurredAt: anniversary }));
      const elsewhere = computeAward(
        program(),
        purchase({ occurredAt: anniversary, storeId: 'store-2' }),
      );

      expect(here.points).toBe(384);
      expect(elsewhere.points).toBe(128);
    });

    it('applies only the single highest multiplier, never their product', () => {
      // 18 September 2024: member day (x2), birthday day (x2.5) and birthday month (x2).
      const award = computeAward(
        program(),
        purchase({
          occurredAt: new Date('2024-09-18T04:00:00Z'),
          member: { birthDate: '1990-09-18', tier: 'regular' },
        }),
      );

      expect(award.applied.map((rule) => rule.ruleId)).toEqual(['base', 'birthday-day']);
      expect(award.points).toBe(320);
    });

    it('keeps a 29 February birthday on 28 February in other years', () => {
      const award = computeAward(
        program({ multipliers: [{ id: 'birthday-day', kind: 'birthday-day', percent: 300 }] }),
        purchase({
          occurredAt: new Date('2023-02-28T04:00:00Z'),
          member: { birthDate: '2000-02-29', tier: 'regular' },
        }),
      );

      expect(award.points).toBe(384);
    });
  });

  describe('birthday month at a month boundary, whatever the process time zone', () => {
    const originalTz = process.env.TZ;
    // 00:10 on 1 March 2024 in Shanghai is 16:10 on 29 February in UTC.
    const justAfterMidnight = new Date('2024-02-29T16:10:00Z');
    const birthdayMonthOnly = program({
      multipliers: [{ id: 'birthday-month', kind: 'birthday-month', percent: 200 }],
    });

    afterEach(() => {
      process.env.TZ = originalTz;
    });

    it.each(['UTC', 'America/Los_Angeles', 'Asia/Shanghai'])(
      'doubles for a March birthday at 00:10 on 1 March in Shanghai with TZ=%s',
      (tz) => {
        process.env.TZ = tz;
        if (tz === 'UTC') expect(new Date(2024, 0, 1).getTimezoneOffset()).toBe(0);

        const award = computeAward(
          birthdayMonthOnly,
          purchase({
            occurredAt: justAfterMidnight,
            member: { birthDate: '1990-03-31', tier: 'regular' },
          }),
        );

        expect(award.day).toBe('2024-03-01');
        expect(award.applied).toEqual([
          { ruleId: 'base', kind: 'base', effect: '1/yuan on 128.00', points: 128 },
          { ruleId: 'birthday-month', kind: 'birthday-month', effect: 'x2', points: 128 },
        ]);
      },
    );

    it('does not double for a February birthday at that moment', () => {
      process.env.TZ = 'UTC';

      const award = computeAward(
        birthdayMonthOnly,
        purchase({
          occurredAt: justAfterMidnight,
          member: { birthDate: '1990-02-01', tier: 'regular' },
        }),
      );

      expect(award.points).toBe(128);
    });

    it('still counts 23:59 on the last day of February in Shanghai as February', () => {
      process.env.TZ = 'UTC';

      const award = computeAward(
        birthdayMonthOnly,
        purchase({
          occurredAt: new Date('2024-02-29T15:59:00Z'),
          member: { birthDate: '1990-03-15', tier: 'regular' },
        }),
      );

      expect([award.day, award.points]).toEqual(['2024-02-29', 128]);
    });
  });

  describe('tier multiplier and cap', () => {
    it('applies the tier perk after the calendar multiplier', () => {
      const award = computeAward(
        program(),
        purchase({
          occurredAt: new Date('2024-03-18T02:00:00Z'),
          member: { birthDate: null, tier: 'gold' },
        }),
      );

      expect(award.applied.map(({ kind, effect, points }) => [kind, effect, points])).toEqual([
        ['base', '1/yuan on 128.00', 128],
        ['member-day', 'x2', 128],
        ['tier', 'x1.25', 64],
      ]);
      expect(award.points).toBe(320);
    });

    it('counts an unknown tier as no multiplier', () => {
      expect(
        computeAward(program(), purchase({ member: { birthDate: null, tier: 'retired' } })).points,
      ).toBe(128);
    });

    it('caps the total and explains the cut as a negative line', () => {
      const award = computeAward(
        program({ capPerAward: 100 }),
        purchase({ member: { birthDate: null, tier: 'platinum' } }),
      );

      expect(award.points).toBe(100);
      expect(award.applied.at(-1)).toEqual({
        ruleId: 'cap',
        kind: 'cap',
        effect: 'max 100',
        points: -92,
      });
    });

    it('always explains exactly the points it gives', () => {
      const award = computeAward(
        program({ capPerAward: 1000 }),
        purchase({
          amountFen: 98_765,
          items: [{ sku: 'SKU-CREAM', fen: 33_333 }],
          occurredAt: new Date('2024-09-28T04:00:00Z'),
          member: { birthDate: '1990-09-01', tier: 'silver' },
        }),
      );

      expect(award.applied.reduce((sum, rule) => sum + rule.points, 0)).toBe(award.points);
    });
  });

  describe('sign-up and top-up bonuses', () => {
    it('gives the sign-up bonus as a fixed amount, never multiplied', () => {
      const award = computeAward(
        program(),
        purchase({ kind: 'sign-up', amountFen: 0, occurredAt: new Date('2024-03-18T02:00:00Z') }),
      );

      expect(award).toMatchObject({
        points: 100,
        applied: [{ ruleId: 'welcome', kind: 'sign-up', points: 100 }],
      });
    });

    it('gives the highest top-up bonus reached and no base points', () => {
      const award = computeAward(program(), purchase({ kind: 'top-up', amountFen: 120_000 }));

      expect(award.applied).toEqual([
        { ruleId: 'top-up-1000', kind: 'top-up', effect: 'top-up >= 1000.00', points: 120 },
      ]);
    });

    it('gives nothing for a top-up below every threshold', () => {
      expect(computeAward(program(), purchase({ kind: 'top-up', amountFen: 49_999 })).points).toBe(
        0,
      );
    });
  });

  describe('bad input', () => {
    it.each([
      ['a fractional amount', { amountFen: 1.5 }],
      ['a negative amount', { amountFen: -1 }],
      ['an item with negative fen', { items: [{ sku: 'A', fen: -5 }] }],
      ['an invalid time', { occurredAt: new Date('nope') }],
      ['a malformed birth date', { member: { birthDate: '1990-13-01', tier: 'regular' } }],
    ])('refuses %s with POINTS_AWARD_INVALID', (_label, overrides) => {
      expect(() => computeAward(program(), purchase(overrides as Partial<AwardContext>))).toThrow(
        expect.objectContaining({ code: 'POINTS_AWARD_INVALID' }),
      );
    });
  });
});
