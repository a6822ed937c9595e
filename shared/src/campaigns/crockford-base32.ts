/**
 * Crockford's base32: digits and upper-case letters without I, L, O and U. Codes in this
 * alphabet survive being read aloud, typed on a phone keyboard or copied from a printed
 * counter card: case does not matter, and the letters people confuse with digits are left out
 * (and read back as the digit they look like).
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const CONFUSABLES: Readonly<Record<string, string>> = { I: '1', L: '1', O: '0' };

/** The first `length` base32 characters of the bytes, five bits each, most significant first. */
export function encodeBase32(bytes: Uint8Array, length: number): string {
  if (length * 5 > bytes.length * 8) throw new RangeError('not enough bytes for that length');
  let text = '';
  for (let index = 0; index < length; index += 1) {
    text += CROCKFORD_ALPHABET[readBits(bytes, index * 5)];
  }

  return text;
}

function readBits(bytes: Uint8Array, start: number): number {
  let value = 0;
  for (let bit = start; bit < start + 5; bit += 1) {
    value = (value << 1) | ((bytes[bit >> 3] >> (7 - (bit & 7))) & 1);
  }

  return value;
}

/** A number as `width` base32 characters ('0' padded); throws when it does not fit. */
export function encodeBase32Number(value: number, width: number): string {
  if (!Number.isInteger(value) || value < 0 || value >= 32 ** width)
    throw new RangeError('number out of range');
  let text = '';
  for (let rest = value, index = 0; index < width; index += 1, rest = Math.floor(rest / 32)) {
    text = CROCKFORD_ALPHABET[rest % 32] + text;
  }

  return text;
}

/** The number written by `encodeBase32Number`, or undefined for a character outside the set. */
export function decodeBase32Number(text: string): number | undefined {
  let value = 0;
  for (const character of text) {
    const digit = CROCKFORD_ALPHABET.indexOf(character);
    if (digit < 0) return undefined;
    value = value * 32 + digit;
  }

  return value;
}

/**
 * What a person typed or a scanner read, as canonical base32: full-width characters from a
 * Chinese input method become ASCII (NFKC), case is folded, spaces and hyphens used to group
 * the code are dropped, and I / L / O read as 1 / 1 / 0.
 */
export function normaliseBase32Text(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.·]/g, '')
    .replace(/[ILO]/g, (character) => CONFUSABLES[character]);
}
