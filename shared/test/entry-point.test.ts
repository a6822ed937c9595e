import * as shared from '@memberkit/shared';

describe('shared entry point', () => {
  describe('for parking, payment codes and scenes (design.md "Interfaces")', () => {
    it.each([
      'parsePlate',
      'isNearPlateMatch',
      'plateEditDistance',
      'classifyPaymentCode',
      'normalizePaymentCode',
      'decodeScene',
      'encodeScene',
      'quoteParkingFee',
      'parseShanghaiLocalTime',
      'formatShanghaiLocalTime',
    ])('exports the function %s', (name) => {
      expect(typeof (shared as Record<string, unknown>)[name]).toBe('function');
    });

    it('exports the default payment-code table and the example tariff', () => {
      expect([
        shared.DEFAULT_PAYMENT_CODE_TABLE.length,
        shared.EXAMPLE_PARKING_TARIFF.blockFen,
      ]).toEqual([5, 300]);
    });

    it.each(['PLATE_INVALID', 'PARKING_TIME_INVALID', 'PARKING_TARIFF_INVALID', 'SCENE_INVALID'])(
      'knows the error code %s',
      (code) => {
        expect(shared.isErrorCode(code)).toBe(true);
      },
    );
  });
});
