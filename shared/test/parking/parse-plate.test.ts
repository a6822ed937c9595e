import { PROVINCE_CHARACTERS } from '../../src/parking/plate-text';
import { parsePlate } from '../../src/parking/parse-plate';

const invalidPlate = expect.objectContaining({ code: 'PLATE_INVALID' });

describe('parsePlate', () => {
  describe('with the field-case reads (C-4.2.2.6)', () => {
    it.each([
      ['粤B12345', '粤B12345', 'standard'],
      ['粤BD12345', '粤BD12345', 'new-energy-small'],
      ['粤B12345D', '粤B12345D', 'new-energy-large'],
      ['宁AD1234', '宁AD1234', 'standard'],
      ['粤BO1234', '粤B01234', 'standard'],
      ['粤b12345', '粤B12345', 'standard'],
    ])('reads %s as %s (%s)', (read, plate, kind) => {
      expect(parsePlate(read)).toEqual({ plate, kind });
    });
  });

  describe('with spacing, separators and full-width characters', () => {
    it.each([
      [' 粤B12345 '],
      ['粤B·12345'],
      ['粤B 12345'],
      ['粤 B 1 2 3 4 5'],
      ['粤B.12345'],
      ['粤B-12345'],
      ['粤B・12345'],
      ['粤Ｂ１２３４５'],
      ['粤ｂ12345\r\n'],
      ['粤B\u300012345'],
    ])('normalises %j to 粤B12345', (read) => {
      expect(parsePlate(read)).toEqual({ plate: '粤B12345', kind: 'standard' });
    });
  });

  describe('with I or O read in the serial', () => {
    it.each([
      ['粤B1234I', '粤B12341', 'standard'],
      ['粤Bo12i4', '粤B01214', 'standard'],
      ['粤BOOIII', '粤B00111', 'standard'],
      ['粤BDO1234', '粤BD01234', 'new-energy-small'],
      ['粤B1234OD', '粤B12340D', 'new-energy-large'],
      ['粤BI234警', '粤B1234警', 'special'],
    ])('corrects %s to %s', (read, plate, kind) => {
      expect(parsePlate(read)).toEqual({ plate, kind });
    });

    it('keeps an O issuing-authority letter, which is never corrected', () => {
      expect(parsePlate('川O12345')).toEqual({ plate: '川O12345', kind: 'standard' });
    });

    it('refuses an I issuing-authority letter instead of guessing a 1', () => {
      expect(() => parsePlate('粤I12345')).toThrow(invalidPlate);
    });
  });

  describe('with every mainland province character', () => {
    it.each([...PROVINCE_CHARACTERS])('accepts %s', (province) => {
      expect(parsePlate(`${province}A12345`).kind).toBe('standard');
    });

    it('knows exactly 31 of them', () => {
      expect(new Set(PROVINCE_CHARACTERS).size).toBe(31);
    });
  });

  describe('with new-energy plates (GA 36-2018)', () => {
    it.each(['粤BD12345', '粤BF12345', '沪ADA1234', '京AFZ0001', '苏EDK9999'])(
      'reads %s as a small car',
      (read) => {
        expect(parsePlate(read)).toEqual({ plate: read, kind: 'new-energy-small' });
      },
    );

    it.each(['粤B12345D', '京A00001F'])('reads %s as a large vehicle', (read) => {
      expect(parsePlate(read)).toEqual({ plate: read, kind: 'new-energy-large' });
    });

    it.each(['宁AD1234', '粤BF1234', '京A1234D'])('reads 7-character %s as standard', (read) => {
      expect(parsePlate(read).kind).toBe('standard');
    });

    it.each(['粤BA12345', '粤BDAB123', '粤BD1234A', '粤B1234AD', '粤B12345A', '粤B1234DF'])(
      'refuses the 8-character %s that fits neither new-energy form',
      (read) => {
        expect(() => parsePlate(read)).toThrow(invalidPlate);
      },
    );
  });

  describe('with special plates', () => {
    it.each([
      '粤B1234警',
      '粤B1234学',
      '粤Z1234港',
      '粤Z1234澳',
      '沪A1234领',
      '粤B1234挂',
      '粤B1234使',
      '粤B1234试',
      '粤B1234超',
      '使014578',
      'WJ粤12345',
      'WJ京1234X',
      'WJ12345',
      'VA12345',
    ])('reads %s as special', (read) => {
      expect(parsePlate(read).kind).toBe('special');
    });

    it('normalises a special plate like any other', () => {
      expect(parsePlate('粤b·123o学')).toEqual({ plate: '粤B1230学', kind: 'special' });
    });
  });

  describe('with reads that are not plates', () => {
    it.each([
      '',
      '   ',
      '_无_',
      '无',
      '粤B1234',
      '粤B1234567',
      '港B12345',
      'AB粤12345',
      '粤812345',
      '粤B12#45',
      'B12345',
      '粤BD123456',
      '使01457',
      '粤B123学',
      '京AF0Z001',
    ])('refuses %j with PLATE_INVALID', (read) => {
      expect(() => parsePlate(read)).toThrow(invalidPlate);
    });

    it('refuses a missing value with PLATE_INVALID', () => {
      expect(() => parsePlate(undefined as unknown as string)).toThrow(invalidPlate);
    });

    it('keeps the read out of the error details (plates are personal data)', () => {
      expect.assertions(1);
      try {
        parsePlate('粤B12#45');
      } catch (error) {
        expect(JSON.stringify((error as { details?: unknown }).details)).not.toContain('粤');
      }
    });
  });
});
