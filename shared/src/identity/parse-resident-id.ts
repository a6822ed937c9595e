import { AppError } from '../errors/app-error';

export interface ResidentId {
  id: string;
  birthDate: string;
  sex: 'F' | 'M';
}

// GB 11643-1999: 17 digits and a check character computed with these weights, mod 11.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';
const SHAPE = /^\d{17}[\dX]$/;

/** Validate an 18-character resident identity number and read its birth date and sex. */
export function parseResidentId(text: string): ResidentId {
  const id = String(text).trim().toUpperCase();
  if (!SHAPE.test(id)) {
    throw new AppError('RESIDENT_ID_INVALID', { details: { reason: 'shape' } });
  }

  if (computeCheckCharacter(id) !== id[17]) {
    throw new AppError('RESIDENT_ID_INVALID', { details: { reason: 'check character' } });
  }

  const birthDate = readBirthDate(id);
  const sex = Number(id[16]) % 2 === 1 ? 'M' : 'F';
  return { id, birthDate, sex };
}

/** The GB 11643 check character of the first 17 digits (used to make valid test and demo ids). */
export function computeCheckCharacter(id: string): string {
  const sum = WEIGHTS.reduce((total, weight, index) => total + weight * Number(id[index]), 0);
  return CHECK_CHARACTERS[sum % 11];
}

function readBirthDate(id: string): string {
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(year, month - 1, day));
  const isRealDate =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  if (!isRealDate || year < 1900 || date.getTime() > Date.now()) {
    throw new AppError('RESIDENT_ID_INVALID', { details: { reason: 'birth date' } });
  }

  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}
