/**
 * CODE128 in its digit-pair set C (ISO/IEC 15417), enough for the 18-digit member code: every
 * pair of digits is one symbol, so the barcode stays short enough for a phone screen. No
 * barcode library is installed, and set C alone is a page of code.
 *
 * Each symbol is six element widths in modules, bar first (bar, space, bar, space, bar,
 * space), eleven modules in all; the stop symbol has a seventh element, a final bar.
 */
// prettier-ignore
const SYMBOL_WIDTHS: readonly string[] = [
  '212222', '222122', '222221', '121223', '121322', '131222', '122213', '122312', '132212',
  '221213', '221312', '231212', '112232', '122132', '122231', '113222', '123122', '123221',
  '223211', '221132', '221231', '213212', '223112', '312131', '311222', '321122', '321221',
  '312212', '322112', '322211', '212123', '212321', '232121', '111323', '131123', '131321',
  '112313', '132113', '132311', '211313', '231113', '231311', '112133', '112331', '132131',
  '113123', '113321', '133121', '313121', '211331', '231131', '213113', '213311', '213131',
  '311123', '311321', '331121', '312113', '312311', '332111', '314111', '221411', '431111',
  '111224', '111422', '121124', '121421', '141122', '141221', '112214', '112412', '122114',
  '122411', '142112', '142211', '241211', '221114', '413111', '241112', '134111', '111242',
  '121142', '121241', '114212', '124112', '124211', '411212', '421112', '421211', '212141',
  '214121', '412121', '111143', '111341', '131141', '114113', '114311', '411113', '411311',
  '113141', '114131', '311141', '411131',
];
export const START_C = 105;
const START_C_WIDTHS = '211232';
const STOP_WIDTHS = '2331112';
const CHECKSUM_MODULUS = 103;

export interface BarcodeElement {
  bar: boolean;
  modules: number;
}

export function symbolWidths(value: number): string {
  if (value === START_C) return START_C_WIDTHS;
  const widths = SYMBOL_WIDTHS[value];
  if (widths === undefined) throw new RangeError(`no CODE128 symbol ${value}`);
  return widths;
}

/** The symbol values of an even number of digits: start C, digit pairs, checksum. */
export function code128cValues(digits: string): number[] {
  if (!/^(\d\d)+$/.test(digits)) throw new RangeError('set C needs an even number of digits');

  const pairs = digits.match(/\d\d/g)!.map(Number);
  const weighted = pairs.reduce((sum, value, index) => sum + value * (index + 1), START_C);
  return [START_C, ...pairs, weighted % CHECKSUM_MODULUS];
}

/** Bars and spaces, left to right, ending with the stop symbol's final bar. */
export function code128cElements(digits: string): BarcodeElement[] {
  const widths = code128cValues(digits).map(symbolWidths).join('') + STOP_WIDTHS;

  return [...widths].map((width, index) => ({ bar: index % 2 === 0, modules: Number(width) }));
}
