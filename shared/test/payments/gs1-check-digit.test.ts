import { hasValidGs1CheckDigit } from '../../src/payments/gs1-check-digit';

describe('hasValidGs1CheckDigit', () => {
  describe('with published GS1 numbers', () => {
    it.each(['6901234567892', '4006381333931', '96385074', '73513537', '036000291452'])(
      'accepts %s',
      (code) => {
        expect(hasValidGs1CheckDigit(code)).toBe(true);
      },
    );
  });

  describe('with a wrong check digit or no number at all', () => {
    it.each(['6901234567891', '96385070', '', '5', '69012345678X2', ' 96385074'])(
      'refuses %j',
      (code) => {
        expect(hasValidGs1CheckDigit(code)).toBe(false);
      },
    );
  });
});
