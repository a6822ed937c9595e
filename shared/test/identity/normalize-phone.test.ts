import { normalizePhone } from '../../src';

describe('normalizePhone', () => {
  describe('field cases: mainland mobile numbers', () => {
    it.each([
      ['+86 139 0000 0001', '13900000001'],
      ['8613900000001', '13900000001'],
      ['13900000001', '13900000001'],
      ['0086 139-0000-0001', '13900000001'],
      ['(+86)13900000001', '13900000001'],
      [' 139 0000 0001 ', '13900000001'],
    ])('normalises %j to %j', (input, normalised) => {
      expect(normalizePhone(input)).toBe(normalised);
    });
  });

  describe('numbers that are not mainland mobiles', () => {
    it.each([
      '12025550123',
      '+1 202 555 0123',
      '1390000000',
      '139000000011',
      '02012345678',
      '',
      'phone',
      '+8613900000001x',
    ])('refuses %j with PHONE_INVALID', (input) => {
      expect(() => normalizePhone(input)).toThrow(
        expect.objectContaining({ code: 'PHONE_INVALID' }),
      );
    });
  });
});
