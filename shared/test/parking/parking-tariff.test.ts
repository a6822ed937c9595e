import {
  EXAMPLE_PARKING_TARIFF,
  assertParkingTariff,
  parseClockTime,
} from '../../src/parking/parking-tariff';
import { startsAtNight } from '../../src/parking/price-parking-blocks';

describe('parking tariff', () => {
  describe('EXAMPLE_PARKING_TARIFF', () => {
    it('is the field-case tariff and is valid', () => {
      expect(() => assertParkingTariff(EXAMPLE_PARKING_TARIFF)).not.toThrow();
      expect(EXAMPLE_PARKING_TARIFF).toEqual({
        freeMinutes: 15,
        blockMinutes: 30,
        blockFen: 300,
        capFenPer24h: 3000,
      });
    });

    it('cannot be changed by a caller', () => {
      expect(Object.isFrozen(EXAMPLE_PARKING_TARIFF)).toBe(true);
    });
  });

  describe('assertParkingTariff', () => {
    it('refuses a missing tariff with PARKING_TARIFF_INVALID', () => {
      expect(() => assertParkingTariff(undefined as never)).toThrow(
        expect.objectContaining({ code: 'PARKING_TARIFF_INVALID' }),
      );
    });
  });

  describe('parseClockTime', () => {
    it.each([
      ['00:00', 0],
      ['07:30', 27000],
      ['23:59', 86340],
    ])('reads %s as %i seconds after midnight', (text, seconds) => {
      expect(parseClockTime(text)).toBe(seconds);
    });

    it.each(['24:00', '7:30', '12:60', '', '12:00:00'])('refuses %j', (text) => {
      expect(parseClockTime(text)).toBeUndefined();
    });
  });

  describe('startsAtNight', () => {
    const night = { start: '22:00', end: '07:00', blockFen: 100 };
    const localMidnight = Date.UTC(2024, 2, 1, 16, 0, 0) / 1000;

    it.each([
      ['21:59:59', -7201, false],
      ['22:00:00', -7200, true],
      ['00:00:00', 0, true],
      ['06:59:59', 25199, true],
      ['07:00:00', 25200, false],
    ])('treats a block starting at %s local as night: %s', (_label, offset, expected) => {
      expect(startsAtNight(night, localMidnight + offset)).toBe(expected);
    });
  });
});
