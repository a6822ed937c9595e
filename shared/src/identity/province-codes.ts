/**
 * The first two digits of a resident identity number name the province-level region where it
 * was first issued. Our own table of the province-level codes of GB/T 2260 (administrative
 * division codes), plus the codes used on residence permits for residents of Hong Kong (81),
 * Macao (82) and Taiwan (83). 71 (Taiwan) is in GB/T 2260 although the mainland issues no
 * resident cards under it; it is kept so that a number a shopper really holds is never refused.
 * Foreign permanent residence cards (18 characters starting with 9 since 2023) are another
 * document and are not accepted as a resident identity number.
 */
const PROVINCE_CODES: ReadonlySet<string> = new Set([
  // North: Beijing, Tianjin, Hebei, Shanxi, Inner Mongolia
  ...['11', '12', '13', '14', '15'],
  // North-east: Liaoning, Jilin, Heilongjiang
  ...['21', '22', '23'],
  // East: Shanghai, Jiangsu, Zhejiang, Anhui, Fujian, Jiangxi, Shandong
  ...['31', '32', '33', '34', '35', '36', '37'],
  // Centre and south: Henan, Hubei, Hunan, Guangdong, Guangxi, Hainan
  ...['41', '42', '43', '44', '45', '46'],
  // South-west: Chongqing, Sichuan, Guizhou, Yunnan, Tibet
  ...['50', '51', '52', '53', '54'],
  // North-west: Shaanxi, Gansu, Qinghai, Ningxia, Xinjiang
  ...['61', '62', '63', '64', '65'],
  // Taiwan; residence permits of Hong Kong, Macao and Taiwan residents
  ...['71', '81', '82', '83'],
]);

export function isProvinceCode(firstTwoDigits: string): boolean {
  return PROVINCE_CODES.has(firstTwoDigits);
}
