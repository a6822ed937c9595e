import { AppError } from '../errors/app-error';
import { isProvinceCode } from './province-codes';

export interface ResidentId {
  id: string;
  birthDate: string;
  sex: 'F' | 'M';
}

// GB 11643-1999: 17 digits and a check character computed with these weights, mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;
// First-generation cards (before GB 11643-1999): region, YYMMDD, a 3-digit sequence, no check.
const FIRST_GENERATION_SHAPE = /^\d{15}$/;

/**
 * Validate a resident identity number and read its birth date and sex. A 15-digit
 * first-generation number is accepted and answered in its 18-digit form (the official
 * conversion: "19" before the two-digit year, then the check character), so the same person
 * gives the same id whichever card they copy from.
 */
export function parseResidentId(text: string): ResidentId {
  const typed = String(text).trim().toUpperCase();
  const id = FIRST_GENERATION_SHAPE.test(typed) ? toEighteenDigits(typed) : typed;
  if (!SHAPE.test(id)) throw invalid('shape');

  if (computeCheckCharacter(id) !== id[17]) throw invalid('check character');

  if (!isProvinceCode(id.slice(0, 2))) throw invalid('region');

  const birthDate = readBirthDate(id);
  const sex = Number(id[16]) % 2 === 1 ? 'M' : 'F';
  return { id, birthDate, sex };
}

/** The GB 11643 check character of the first 17 digits (used to make valid test and demo ids). */
export function computeCheckCharacter(id: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

// Every first-generation card was issued to someone born in the 1900s: cards of this form
// were replaced from 1999 on, and no one born in 2000 or later ever held one.
function toEighteenDigits(fifteen: string): string {
  const first17 = `${fifteen.slice(0, 6)}19${fifteen.slice(6)}`;
  return first17 + computeCheckCharacter(first17);
}

function readBirthDate(id: string): string {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const isRealDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!isRealDate || year < 1900 || date.getTime() > Date.now()) throw invalid('birth date');

  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

function invalid(reason: string): AppError {
  return new AppError('RESIDENT_ID_INVALID', { details: { reason } });
}
