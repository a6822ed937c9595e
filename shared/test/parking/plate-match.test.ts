import { isNearPlateMatch, plateEditDistance } from '../../src/parking/plate-match';

describe('plate matching for staff review (field cases "Plates")', () => {
  describe('plateEditDistance', () => {
    it.each([
      ['粤B12345', '粤B12345', 0],
      ['粤b·12345', '粤B12345', 0],
      ['粤BO1234', '粤B01234', 0],
      ['粤B12345', '粤B12346', 1],
      ['粤BD12345', '粤B12345', 1],
      ['粤B12345D', '粤B12345', 1],
      ['粤B12345', '粤B54321', 4],
      ['', '粤B12345', 7],
    ])('measures %s against %s as %i', (a, b, distance) => {
      expect(plateEditDistance(a, b)).toBe(distance);
    });
  });

  describe('isNearPlateMatch', () => {
    it.each([
      ['粤B12345', '粤B12346'],
      ['粤B12345', '粤B1234'],
      ['粤BD12345', '粤B12345'],
      ['粤B12345D', '粤B12345'],
      ['粤B12345', '湘B12345'],
      ['粤B12345', '粤812345'],
    ])('sends %s and %s (one character apart) to review', (a, b) => {
      expect(isNearPlateMatch(a, b)).toBe(true);
    });

    it.each([
      ['粤B12345', '粤B12345'],
      ['粤b 12345', '粤B·12345'],
      ['粤BO1234', '粤B01234'],
    ])('answers false for %s and %s, which are the same plate (an exact match)', (a, b) => {
      expect(isNearPlateMatch(a, b)).toBe(false);
    });

    it.each([
      ['粤B12345', '粤B12354'],
      ['粤BD12345', '粤B1234'],
      ['粤B12345', '京A12345'],
    ])('answers false for %s and %s, which are two or more characters apart', (a, b) => {
      expect(isNearPlateMatch(a, b)).toBe(false);
    });
  });
});
