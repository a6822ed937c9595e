import { EXAMPLE_PARKING_TARIFF, type ParkingTariff } from '../../src/parking/parking-tariff';
import { quoteParkingFee } from '../../src/parking/quote-parking-fee';
import { parseShanghaiLocalTime } from '../../src/parking/shanghai-time';

const tariff = EXAMPLE_PARKING_TARIFF;

// 22:00 to 07:00 local time, 1 yuan a block.
const nightTariff: ParkingTariff = {
  ...EXAMPLE_PARKING_TARIFF,
  capFenPer24h: undefined,
  night: { start: '22:00', end: '07:00', blockFen: 100 },
};

const DAY = '2024-03-01';
const NEXT_DAY = '2024-03-02';

function at(time: string, date = DAY): Date {
  return parseShanghaiLocalTime(`${date} ${time}`);
}

function feeFor(entry: string, exit: string, exitDate = DAY): number {
  return quoteParkingFee(tariff, at(entry), at(exit, exitDate)).fen;
}

describe('quoteParkingFee', () => {
  describe('with the field-case tariff boundaries (C-4.2.2.6)', () => {
    it.each([
      ['10:00:00', '10:15:00', 0],
      ['10:00:00', '10:30:00', 300],
      ['10:00:00', '11:00:00', 600],
    ])('charges a stay from %s to %s %i fen', (entry, exit, fen) => {
      expect(feeFor(entry, exit)).toBe(fen);
    });
  });

  describe('around the free-stay and block boundaries', () => {
    it.each([
      ['10:00:00', '10:00:00', 0],
      ['10:00:00', '10:14:59', 0],
      ['10:00:00', '10:15:01', 300],
      ['10:00:00', '10:30:01', 600],
      ['10:00:00', '10:59:59', 600],
      ['10:00:00', '11:00:01', 900],
    ])('charges a stay from %s to %s %i fen', (entry, exit, fen) => {
      expect(feeFor(entry, exit)).toBe(fen);
    });

    it('counts blocks from entry, not from the end of the free stay', () => {
      expect(quoteParkingFee(tariff, at('10:00:00'), at('10:16:00'))).toMatchObject({
        fen: 300,
        blocks: 1,
        chargeableMinutes: 16,
      });
    });

    it('drops sub-second parts, so 15 minutes and 0.9 s is still a free stay', () => {
      const exit = new Date(at('10:15:00').getTime() + 900);
      expect(quoteParkingFee(tariff, at('10:00:00'), exit)).toMatchObject({
        fen: 0,
        waivedBy: 'grace-period',
      });
    });
  });

  describe('with the 24-hour cap, rolling from entry', () => {
    it.each([
      ['a 24-hour stay', '10:00:00', 3000],
      ['a 24-hour-and-1-second stay', '10:00:01', 3300],
      ['a 25-hour stay (cap plus the first hour of the next window)', '11:00:00', 3600],
    ])('charges %s %i fen', (_label, exit, fen) => {
      expect(quoteParkingFee(tariff, at('10:00:00'), at(exit, NEXT_DAY)).fen).toBe(fen);
    });

    it('explains a 25-hour stay window by window', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:00:00', NEXT_DAY));
      expect(quote).toMatchObject({ fen: 3600, capped: true, blocks: 50 });
      expect(quote.windows).toEqual([
        { index: 0, blocks: 48, nightBlocks: 0, uncappedFen: 14400, fen: 3000, capped: true },
        { index: 1, blocks: 2, nightBlocks: 0, uncappedFen: 600, fen: 600, capped: false },
      ]);
    });

    it('caps an overnight stay once, not once per calendar day', () => {
      expect(quoteParkingFee(tariff, at('20:00:00'), at('06:00:00', NEXT_DAY)).fen).toBe(3000);
    });

    it('prices a year-long stay quickly, one capped window a day', () => {
      const entry = at('10:00:00');
      const exit = new Date(entry.getTime() + 365 * 24 * 3600 * 1000);
      const quote = quoteParkingFee({ ...tariff, blockMinutes: 1, blockFen: 10 }, entry, exit);
      expect([quote.fen, quote.windows.length]).toEqual([365 * 3000, 365]);
    });

    it('charges without a cap when the tariff has none', () => {
      const uncapped = { ...tariff, capFenPer24h: undefined };
      expect(quoteParkingFee(uncapped, at('10:00:00'), at('10:00:00', NEXT_DAY)).fen).toBe(14400);
    });
  });

  describe('with member free minutes (C-4.2.2.6)', () => {
    it('charges a 2 h 20 min stay with 2 free hours for 20 minutes', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('12:20:00'), { freeMinutes: 120 });
      expect(quote).toMatchObject({
        fen: 300,
        chargeableMinutes: 20,
        freeMinutesApplied: 120,
        blocks: 1,
        waivedBy: null,
      });
    });

    it('charges a started block one second after the free hours end', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('12:00:01'), { freeMinutes: 120 });
      expect(quote.fen).toBe(300);
    });

    it('waives a stay the free minutes cover and applies only the minutes used', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:50:00'), { freeMinutes: 120 });
      expect(quote).toMatchObject({ fen: 0, freeMinutesApplied: 110, waivedBy: 'free-minutes' });
    });

    it('uses none of the free minutes on a stay the grace period already covers', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('10:10:00'), { freeMinutes: 120 });
      expect(quote).toMatchObject({ fen: 0, freeMinutesApplied: 0, waivedBy: 'grace-period' });
    });

    it('lays blocks from the end of the free minutes', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:20:00'), { freeMinutes: 45 });
      expect(quote).toMatchObject({ fen: 600, chargeableMinutes: 35, blocks: 2 });
    });
  });

  describe('with a monthly pass', () => {
    it('charges nothing, however long the stay', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:00:00', NEXT_DAY), {
        hasActivePass: true,
      });
      expect(quote).toMatchObject({ fen: 0, grossFen: 0, waivedBy: 'monthly-pass', blocks: 0 });
    });
  });

  describe('with points paying part of the fee (U-6.4.2)', () => {
    it('takes the points off the fee', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:00:00'), {
        pointsOffsetFen: 200,
      });
      expect(quote).toMatchObject({ fen: 400, grossFen: 600, pointsOffsetFen: 200 });
    });

    it('never uses more points than the fee', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:00:00'), {
        pointsOffsetFen: 5000,
      });
      expect(quote).toMatchObject({ fen: 0, grossFen: 600, pointsOffsetFen: 600, waivedBy: null });
    });

    it('takes the points off after the cap', () => {
      const quote = quoteParkingFee(tariff, at('10:00:00'), at('11:00:00', NEXT_DAY), {
        pointsOffsetFen: 500,
      });
      expect(quote.fen).toBe(3100);
    });
  });

  describe('with a night rate in Asia/Shanghai local time', () => {
    it.each([
      ['21:00:00', '23:00:00', DAY, 800, 2],
      ['06:30:00', '07:30:00', DAY, 400, 1],
      ['23:30:00', '00:30:00', NEXT_DAY, 200, 2],
      ['21:59:59', '22:29:59', DAY, 300, 0],
    ])('prices %s to %s by where each block starts', (entry, exit, exitDate, fen, nightBlocks) => {
      const quote = quoteParkingFee(nightTariff, at(entry), at(exit, exitDate));
      expect([quote.fen, quote.nightBlocks]).toEqual([fen, nightBlocks]);
    });

    it('handles a window that does not cross midnight', () => {
      const lunch = { ...nightTariff, night: { start: '12:00', end: '14:00', blockFen: 500 } };
      expect(quoteParkingFee(lunch, at('11:30:00'), at('12:30:00')).fen).toBe(800);
    });

    it('reads the window in Shanghai time from Unix seconds (22:00 local is 14:00 UTC)', () => {
      const entry = Date.UTC(2024, 2, 1, 14, 0, 0) / 1000;
      expect(quoteParkingFee(nightTariff, entry, entry + 3600).fen).toBe(200);
    });
  });

  describe('with entry and exit as Unix seconds', () => {
    it('gives the same quote as with Dates', () => {
      const entry = at('10:00:00');
      const seconds = entry.getTime() / 1000;
      expect(quoteParkingFee(tariff, seconds, seconds + 3600)).toEqual(
        quoteParkingFee(tariff, entry, at('11:00:00')),
      );
    });
  });

  describe('with impossible times', () => {
    it('refuses an exit before entry with PARKING_TIME_INVALID', () => {
      expect(() => quoteParkingFee(tariff, at('11:00:00'), at('10:59:59'))).toThrow(
        expect.objectContaining({ code: 'PARKING_TIME_INVALID' }),
      );
    });

    it.each([
      ['an invalid Date', new Date('nope')],
      ['milliseconds', Date.now()],
      ['NaN', Number.NaN],
    ])('refuses %s as entry with PARKING_TIME_INVALID', (_label, entry) => {
      expect(() => quoteParkingFee(tariff, entry, at('10:00:00'))).toThrow(
        expect.objectContaining({ code: 'PARKING_TIME_INVALID' }),
      );
    });
  });

  describe('with a broken tariff', () => {
    it.each([
      ['a zero block', { blockMinutes: 0 }],
      ['a fractional price', { blockFen: 2.5 }],
      ['negative free minutes', { freeMinutes: -1 }],
      ['a negative cap', { capFenPer24h: -1 }],
      ['a price in yuan as text', { blockFen: '3' }],
      ['an impossible night start', { night: { start: '25:00', end: '07:00', blockFen: 100 } }],
      ['an empty night window', { night: { start: '22:00', end: '22:00', blockFen: 100 } }],
      ['a fractional night price', { night: { start: '22:00', end: '07:00', blockFen: 0.5 } }],
    ])('refuses %s with PARKING_TARIFF_INVALID', (_label, change) => {
      const broken = { ...tariff, ...change } as unknown as ParkingTariff;
      expect(() => quoteParkingFee(broken, at('10:00:00'), at('11:00:00'))).toThrow(
        expect.objectContaining({ code: 'PARKING_TARIFF_INVALID' }),
      );
    });
  });

  describe('with broken benefits', () => {
    it.each([
      ['negative free minutes', { freeMinutes: -30 }],
      ['fractional free minutes', { freeMinutes: 1.5 }],
      ['points as text', { pointsOffsetFen: '100' }],
      ['a pass flag as text', { hasActivePass: 'yes' }],
    ])('refuses %s with PARKING_BENEFITS_INVALID', (_label, benefits) => {
      expect(() =>
        quoteParkingFee(tariff, at('10:00:00'), at('11:00:00'), benefits as never),
      ).toThrow(expect.objectContaining({ code: 'PARKING_BENEFITS_INVALID' }));
    });
  });
});
