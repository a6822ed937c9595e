import {
  formatShanghaiLocalTime,
  parseShanghaiLocalTime,
  shanghaiSecondOfDay,
  toUnixSeconds,
} from '../../src/parking/shanghai-time';

const invalidTime = expect.objectContaining({ code: 'PARKING_TIME_INVALID' });

// The camera sample in lpr-camera-push.md: sec 1686299994 is 2023-06-09 16:39:54 local.
const CAMERA_SECONDS = 1686299994;

function checkCameraSample(): void {
  expect(parseShanghaiLocalTime('2023-06-09 16:39:54').getTime()).toBe(CAMERA_SECONDS * 1000);
  expect(formatShanghaiLocalTime(CAMERA_SECONDS)).toBe('2023-06-09 16:39:54');
  expect(shanghaiSecondOfDay(CAMERA_SECONDS)).toBe(16 * 3600 + 39 * 60 + 54);
}

describe('Asia/Shanghai time', () => {
  describe('parseShanghaiLocalTime', () => {
    it('reads a camera wall-clock time as UTC+08:00', () => {
      expect(parseShanghaiLocalTime('2023-06-09 16:39:54')).toEqual(
        new Date('2023-06-09T08:39:54.000Z'),
      );
    });

    it.each([
      ['2023-06-09T16:39:54', '2023-06-09T08:39:54.000Z'],
      ['2023-06-09 16:39', '2023-06-09T08:39:00.000Z'],
      [' 2023-06-09 16:39:54.687772 ', '2023-06-09T08:39:54.687Z'],
      ['2024-01-01 00:00:00', '2023-12-31T16:00:00.000Z'],
      ['2024-02-29 07:59:59', '2024-02-28T23:59:59.000Z'],
    ])('reads %j', (text, iso) => {
      expect(parseShanghaiLocalTime(text).toISOString()).toBe(iso);
    });

    it.each([
      '',
      'yesterday',
      '2023-06-09',
      '2023-06-09T16:39:54Z',
      '2023-06-09T16:39:54+08:00',
      '2023-02-30 10:00:00',
      '2023-06-09 24:00:00',
      '2023-06-09 16:60:00',
      '2023-06-09 16:39:60',
      '2023/06/09 16:39:54',
    ])('refuses %j with PARKING_TIME_INVALID', (text) => {
      expect(() => parseShanghaiLocalTime(text)).toThrow(invalidTime);
    });
  });

  describe('formatShanghaiLocalTime', () => {
    it('writes a Date in local Shanghai time', () => {
      expect(formatShanghaiLocalTime(new Date('2023-12-31T16:00:00Z'))).toBe('2024-01-01 00:00:00');
    });
  });

  describe('toUnixSeconds', () => {
    it('drops the sub-second part of a Date', () => {
      expect(toUnixSeconds(new Date(CAMERA_SECONDS * 1000 + 999))).toBe(CAMERA_SECONDS);
    });

    it('keeps whole Unix seconds as they are', () => {
      expect(toUnixSeconds(CAMERA_SECONDS)).toBe(CAMERA_SECONDS);
    });

    it.each([
      ['an invalid Date', new Date('nope')],
      ['NaN', Number.NaN],
      ['a negative number', -1],
      ['milliseconds passed as seconds', CAMERA_SECONDS * 1000],
      ['a string', '1686299994'],
    ])('refuses %s with PARKING_TIME_INVALID', (_label, value) => {
      expect(() => toUnixSeconds(value as Date)).toThrow(invalidTime);
    });
  });

  describe('shanghaiSecondOfDay', () => {
    it('counts from local midnight, which is 16:00 UTC', () => {
      expect(shanghaiSecondOfDay(Date.UTC(2024, 0, 1, 16, 0, 0) / 1000)).toBe(0);
    });
  });

  describe('under other process time zones', () => {
    const originalZone = process.env.TZ;

    afterEach(() => {
      if (originalZone === undefined) delete process.env.TZ;
      else process.env.TZ = originalZone;
    });

    it.each(['UTC', 'America/New_York', 'Asia/Kolkata', 'Pacific/Chatham'])(
      'gives the same answers with TZ=%s',
      (zone) => {
        process.env.TZ = zone;
        checkCameraSample();
      },
    );
  });
});
