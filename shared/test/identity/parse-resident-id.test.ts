import { parseResidentId } from '../../src';

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
