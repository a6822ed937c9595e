import { normalizePlateText } from './plate-text';

/**
 * Edit distance (insert, delete, substitute one character) between two plate reads, after
 * the same cleaning and I/O correction parsePlate makes. Plates are short, so the plain
 * two-row dynamic programme is enough.
 */
export function plateEditDistance(a: string, b: string): number {
  const left = [...normalizePlateText(a)];
  const right = [...normalizePlateText(b)];
  let previous = Array.from({ length: right.length + 1 }, (_, index) => index);

  for (let row = 1; row <= left.length; row += 1) {
    const current = [row];
    for (let column = 1; column <= right.length; column += 1) {
      const substitution = previous[column - 1] + (left[row - 1] === right[column - 1] ? 0 : 1);
      current.push(Math.min(previous[column] + 1, current[column - 1] + 1, substitution));
    }
    previous = current;
  }

  return previous[right.length];
}

/**
 * True when two reads are not the same plate but one character apart: one misread character,
 * or a character missing or extra (a new-energy D/F the camera dropped). Such a pair goes to
 * staff review and is never merged by itself (field cases, "Plates"); equal reads are an
 * exact match, not a near one, so this answers false for them.
 */
export function isNearPlateMatch(a: string, b: string): boolean {
  return plateEditDistance(a, b) === 1;
}
