import {
  cleanPlateText,
  correctSerialLetters,
  isProvinceCharacter,
  normalizePlateText,
} from '../../src/parking/plate-text';

describe('plate text', () => {
  describe('cleanPlateText', () => {
    it('upper-cases, folds full-width characters and drops separators without correcting', () => {
      expect(cleanPlateText(' 粤ｂ·O1 2-3.4 ')).toBe('粤BO1234');
    });
  });

  describe('correctSerialLetters', () => {
    it('turns I into 1 and O into 0 after the fixed prefix only', () => {
      expect(correctSerialLetters('OIOI12', 2)).toBe('OI0112');
    });
  });

  describe('isProvinceCharacter', () => {
    it('accepts a province abbreviation and refuses anything else', () => {
      expect([
        isProvinceCharacter('粤'),
        isProvinceCharacter('港'),
        isProvinceCharacter(''),
      ]).toEqual([true, false, false]);
    });
  });

  describe('normalizePlateText', () => {
    it('corrects I/O only when the text opens with a province character', () => {
      expect([normalizePlateText('粤bo1234'), normalizePlateText('VO12345')]).toEqual([
        '粤B01234',
        'VO12345',
      ]);
    });
  });
});
