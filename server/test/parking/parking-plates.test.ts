import { isNearPlateMatch } from '@memberkit/shared';
import { nearbyPlates, readPlate } from '../../src/parking/parking-plates';

describe('parking plates', () => {
  describe('readPlate (camera reads and typed plates)', () => {
    it.each([['_无_'], [''], ['无牌'], [null], [undefined]])('reads %p as no plate', (read) => {
      expect(readPlate(read)).toEqual({ kind: 'none' });
    });

    it.each([['粤B12'], ['ABC'], ['粤I12345']])('reads %p as unusable, never guessed', (read) => {
      expect(readPlate(read)).toEqual({ kind: 'invalid' });
    });

    it('normalises like parsePlate (field cases)', () => {
      expect(readPlate('粤bO1234')).toEqual({
        kind: 'plate',
        plate: '粤B01234',
        plateKind: 'standard',
      });
    });
  });

  describe('nearbyPlates (candidates for staff review)', () => {
    it('holds plates one character away: a misread and a missing new-energy D', () => {
      const near = nearbyPlates('粤B12345');

      expect(near).toEqual(
        expect.arrayContaining(['粤B12346', '粤BD12345', '粤B12345D', '京B12345']),
      );
    });

    it('holds only valid plates, never the plate itself, each one character away', () => {
      const near = nearbyPlates('粤BD12345');

      expect(near).not.toContain('粤BD12345');
      for (const candidate of near) {
        expect(readPlate(candidate)).toMatchObject({ kind: 'plate', plate: candidate });
        expect(isNearPlateMatch(candidate, '粤BD12345')).toBe(true);
      }
    });
  });
});
