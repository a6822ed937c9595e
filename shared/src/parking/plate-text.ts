// The 31 mainland province-level abbreviations that open a civil plate (GA 36-2018).
export const PROVINCE_CHARACTERS = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';

// Separators that readers, kiosks and people put inside a plate: spaces (also the ideographic
// one), the middle dot printed on the plate ('粤B·12345') and its look-alikes, dots, dashes.
const SEPARATORS = /[\s\u00b7\u2022\u2027\u30fb\u0387.\-_]/g;

/**
 * Clean a plate as read or typed: NFKC folds full-width letters and digits ('粤Ｂ１２３４５') to
 * ASCII, then separators go and letters are upper-cased. Nothing is corrected here.
 */
export function cleanPlateText(text: string): string {
  return String(text ?? '')
    .normalize('NFKC')
    .replace(SEPARATORS, '')
    .toUpperCase();
}

export function isProvinceCharacter(character: string): boolean {
  return character.length === 1 && PROVINCE_CHARACTERS.includes(character);
}

/**
 * Plates never use I or O in the serial (GA 36-2018), so there a read I is a 1 and an O is a 0.
 * The province character and the issuing-authority letter (the first `fixedLength` characters)
 * are never touched: the authority letter O exists (police plates in some provinces).
 */
export function correctSerialLetters(plate: string, fixedLength = 2): string {
  const serial = plate.slice(fixedLength).replace(/I/g, '1').replace(/O/g, '0');
  return plate.slice(0, fixedLength) + serial;
}

/** Clean, then correct I/O after the authority letter when the text opens like a civil plate. */
export function normalizePlateText(text: string): string {
  const cleaned = cleanPlateText(text);
  return isProvinceCharacter(cleaned.charAt(0)) ? correctSerialLetters(cleaned) : cleaned;
}
