import { AppError } from '../errors/app-error';

// Mainland mobile numbers: 11 digits, 1 then 3-9. Numbers like 12025550123 (a US number
// written without its +1) fail here on purpose.
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

/**
 * Normalise a phone number as typed or as WeChat returns it into 11 bare digits.
 * Accepts spaces, dashes, brackets and the +86 / 0086 / 86 country prefix.
 */
export function normalizePhone(text: string): string {
  const digits = String(text)
    .trim()
    .replace(/[\s\-()]/g, '')
    .replace(/^\+/, '');
  const national = stripCountryCode(digits);
  if (!MAINLAND_MOBILE.test(national)) {
    throw new AppError('PHONE_INVALID');
  }

  return national;
}

function stripCountryCode(digits: string): string {
  if (digits.startsWith('0086') && digits.length === 15) return digits.slice(4);
  if (digits.startsWith('86') && digits.length === 13) return digits.slice(2);
  return digits;
}
