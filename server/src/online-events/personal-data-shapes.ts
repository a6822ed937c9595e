/**
 * C-4.1.3a: item references and event keys are stored in plain text under the pseudonym, so a
 * channel must not smuggle a phone number or an ID number into them ('tel:13912340001').
 *
 * This is a denylist of the obvious shapes, not a proof: a number written in words, split by
 * letters, or any other personal detail still gets through. It is meant for the common mistake
 * of a channel using a phone number or an ID number as its own key or item reference.
 */

// Whole digit runs, so a 13-digit EAN barcode is not read as a phone number inside it; an
// 18-digit ID number may end in X, which the run keeps.
const NUMBER_RUNS = /\d+[Xx]?/g;
// '139-1234-0001' and '139.1234.0001' are still a phone number once the separators go.
const SEPARATOR_BETWEEN_DIGITS = /(?<=\d)[-.:_ ](?=\d)/g;

// Mainland mobile numbers, with or without the country code.
const MOBILE = /^(?:0086|86)?1[3-9]\d{9}$/;
// Resident ID numbers: 18 digits (the last may be X) or the old 15; region, then a birth date.
const MONTH_DAY = '(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])';
const RESIDENT_ID_18 = new RegExp(`^[1-9]\\d{5}(?:18|19|20)\\d{2}${MONTH_DAY}\\d{3}[\\dXx]$`);
const RESIDENT_ID_15 = new RegExp(`^[1-9]\\d{5}\\d{2}${MONTH_DAY}\\d{3}$`);

/** True when the text holds something shaped like a mainland mobile or resident ID number. */
export function looksLikePersonalData(text: string): boolean {
  const joined = text.replace(SEPARATOR_BETWEEN_DIGITS, '');
  return [text, joined].some((candidate) => hasPersonalNumber(candidate));
}

function hasPersonalNumber(text: string): boolean {
  const runs = text.match(NUMBER_RUNS) ?? [];
  return runs.some((run) => {
    const digits = run.replace(/[Xx]$/, '');
    return (
      MOBILE.test(digits) ||
      RESIDENT_ID_15.test(digits) ||
      RESIDENT_ID_18.test(digits) ||
      RESIDENT_ID_18.test(run)
    );
  });
}
