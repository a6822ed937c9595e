/**
 * Whether the last digit of a GS1 number (EAN-8, UPC-A, EAN-13, GTIN-14) is its check digit:
 * from the right, digits before the check digit weigh 3, 1, 3, 1, ...; the check digit brings
 * the sum up to a multiple of ten.
 */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;

  const body = [...digits.slice(0, -1)].reverse();
  const sum = body.reduce(
    (total, digit, index) => total + Number(digit) * (index % 2 === 0 ? 3 : 1),
    0,
  );
  return (10 - (sum % 10)) % 10 === Number(digits.slice(-1));
}
