import { AppError } from '../errors/app-error';
import { PROVINCE_CHARACTERS, cleanPlateText, correctSerialLetters } from './plate-text';

export type PlateKind = 'standard' | 'new-energy-small' | 'new-energy-large' | 'special';

export interface ParsedPlate {
  plate: string;
  kind: PlateKind;
}

interface PlateForm {
  kind: PlateKind;
  // The part never corrected (province, authority letter, military or embassy prefix).
  prefix: RegExp;
  // The serial after the prefix, tested after I -> 1 and O -> 0.
  serial: RegExp;
}

const CIVIL_PREFIX = new RegExp(`^[${PROVINCE_CHARACTERS}][A-HJ-Z]`);

// Suffix characters of special civil plates: police, driving school, consulate, trailer,
// Hong Kong and Macau cross-border, embassy, test vehicle, oversize.
const SPECIAL_SUFFIXES = '警学领挂港澳使试超';

// GA 36-2018. Order matters: a 7-character read like 宁AD1234 is tried as standard first, so
// it never becomes new-energy (which needs 8 characters).
const PLATE_FORMS: readonly PlateForm[] = [
  { kind: 'standard', prefix: CIVIL_PREFIX, serial: /^[A-Z0-9]{5}$/ },
  // Small new-energy: D (battery) or F (other), then a letter or digit, then four digits.
  { kind: 'new-energy-small', prefix: CIVIL_PREFIX, serial: /^[DF][A-Z0-9]\d{4}$/ },
  // Large new-energy: five digits, then D or F.
  { kind: 'new-energy-large', prefix: CIVIL_PREFIX, serial: /^\d{5}[DF]$/ },
  {
    kind: 'special',
    prefix: CIVIL_PREFIX,
    serial: new RegExp(`^[A-Z0-9]{4}[${SPECIAL_SUFFIXES}]$`),
  },
  // Armed police: WJ, an optional province character, five characters (WJ粤12345, WJ京1234X).
  {
    kind: 'special',
    prefix: new RegExp(`^WJ[${PROVINCE_CHARACTERS}]?`),
    serial: /^\d{4}[A-Z0-9]$/,
  },
  // Military: two letters and five digits (VA12345). The letters are not checked further.
  { kind: 'special', prefix: /^[A-Z]{2}/, serial: /^\d{5}$/ },
  // Embassy: 使 and six digits (使014578).
  { kind: 'special', prefix: /^使/, serial: /^\d{6}$/ },
];

/**
 * Parse a plate as a camera reads it or a shopper types it at a kiosk (C-4.2.2.6) into its
 * normalised text and kind. Only certain corrections are made (I/O in the serial); anything
 * else that does not fit a known form is refused, never guessed.
 */
export function parsePlate(text: string): ParsedPlate {
  const cleaned = cleanPlateText(text);
  for (const form of PLATE_FORMS) {
    const plate = matchForm(form, cleaned);
    if (plate) return { plate, kind: form.kind };
  }

  throw new AppError('PLATE_INVALID', { details: { length: [...cleaned].length } });
}

function matchForm(form: PlateForm, cleaned: string): string | undefined {
  const prefix = form.prefix.exec(cleaned)?.[0];
  if (prefix === undefined) return undefined;

  const corrected = correctSerialLetters(cleaned, prefix.length);
  return form.serial.test(corrected.slice(prefix.length)) ? corrected : undefined;
}
