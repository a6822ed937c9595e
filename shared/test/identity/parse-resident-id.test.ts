import { computeCheckCharacter, parseResidentId } from '../../src';

describe('parseResidentId', () => {
  describe('field cases: identity numbers (GB 11643 check digit)', () => {
    it('accepts 110101199001011237 born 1990-01-01', () => {
      expect(parseResidentId('110101199001011237')).toEqual({
        id: '110101199001011237',
        birthDate: '1990-01-01',
        sex: 'M',
      });
    });

    it('accepts 11010119900101004X with an X check character', () => {
      expect(parseResidentId('11010119900101004X')).toEqual({
        id: '11010119900101004X',
        birthDate: '1990-01-01',
        sex: 'F',
      });
    });

    it('upper-cases a lower-case x', () => {
      expect(parseResidentId('11010119900101004x').id).toBe('11010119900101004X');
    });

    it('refuses 110101199001010041 whose check character should be X', () => {
      expect(() => parseResidentId('110101199001010041')).toThrow(
        expect.objectContaining({ code: 'RESIDENT_ID_INVALID' }),
      );
    });
  });

  describe('region codes (GB/T 2260 province level)', () => {
    it.each([
      '999999199001011237',
      '000000199001011237',
      '191010199001011237',
      '721010199001011237',
    ])('refuses %j whose first two digits name no province', (input) => {
      const valid17 = input.slice(0, 17);
      const withRightCheck = valid17 + computeCheckCharacter(valid17);

      expect(() => parseResidentId(withRightCheck)).toThrow(
        expect.objectContaining({ code: 'RESIDENT_ID_INVALID', details: { reason: 'region' } }),
      );
    });

    it.each([
      '11',
      '15',
      '21',
      '23',
      '31',
      '37',
      '41',
      '46',
      '50',
      '54',
      '61',
      '65',
      '71',
      '81',
      '82',
      '83',
    ])('accepts a number from region %s', (region) => {
      const first17 = `${region}0101199001011${'23'}`;

      expect(parseResidentId(first17 + computeCheckCharacter(first17)).birthDate).toBe(
        '1990-01-01',
      );
    });
  });

  describe('15-digit first-generation numbers', () => {
    it('converts 110101900101123 to 18 digits with 19 before the year and a check character', () => {
      expect(parseResidentId('110101900101123')).toEqual({
        id: '110101199001011237',
        birthDate: '1990-01-01',
        sex: 'M',
      });
    });

    it('reads sex from the last digit of 440304850315002 (even: F)', () => {
      expect(parseResidentId(' 440304850315002 ')).toEqual({
        id: `44030419850315002${computeCheckCharacter('44030419850315002')}`,
        birthDate: '1985-03-15',
        sex: 'F',
      });
    });

    it('gives the same id as the 18-digit form, so both find the same member', () => {
      expect(parseResidentId('110101900101123').id).toBe(parseResidentId('110101199001011237').id);
    });

    it.each(['110101900230123', '999999900101123', '11010190010112X', '1101019001011'])(
      'refuses %j',
      (input) => {
        expect(() => parseResidentId(input)).toThrow(
          expect.objectContaining({ code: 'RESIDENT_ID_INVALID' }),
        );
      },
    );
  });

  describe('malformed numbers', () => {
    it.each([
      '',
      '11010119900101123',
      '1101011990010112377',
      '11010119900230123X',
      'A10101199001011237',
      '110101209901011238',
    ])('refuses %j', (input) => {
      expect(() => parseResidentId(input)).toThrow(
        expect.objectContaining({ code: 'RESIDENT_ID_INVALID' }),
      );
    });
  });
});
