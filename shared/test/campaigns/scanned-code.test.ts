import { readScannedCode } from '../../src/campaigns/scanned-code';

const CAMPAIGN = 'C1AB7K2M00X9Z4QRST';
const GUIDE = 'G1A7K2A7K2X9Z4QRST';
const SURVEY = 'Q1S7RVEY00X9Z4QRST';
const DESK = 'D1DESK0000X9Z4QRST';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

// Field cases, "QR codes" and "WeChat specifics": what a scan or a typed code turns into.
describe('readScannedCode', () => {
  describe('with what our QR codes hold', () => {
    it.each([
      [
        'the H5 URL, query in the hash',
        `https://mall.example/h5/#/pages/campaign/index?c=${CAMPAIGN}`,
      ],
      ['the H5 URL, query before the hash', `https://mall.example/h5/?c=${CAMPAIGN}#/`],
      [
        'the H5 URL with other parameters',
        `https://mall.example/h5/#/pages/campaign/index?from=poster&c=${CAMPAIGN}&x=1`,
      ],
      [
        'the URL with a trailing CR LF from a scan gun',
        `https://mall.example/h5/#/pages/campaign/index?c=${CAMPAIGN}\r\n`,
      ],
      ['the scene as given to getwxacodeunlimit', `c=${CAMPAIGN}`],
      ['the scene as the page receives it, percent-encoded', `c%3D${CAMPAIGN}`],
      ['the scene encoded twice by a redirect', `c%253D${CAMPAIGN}`],
      ['the scene with a store pair beside it', `c%3D${CAMPAIGN}%26s%3D12`],
      ['the mini-program path wx.scanCode gives', `pages/campaign/index?scene=c%3D${CAMPAIGN}`],
      [
        'the mini-program path with a leading slash',
        `/pages/campaign/index?scene=c%253D${CAMPAIGN}`,
      ],
      ['a short link', `https://mall.example/c/${CAMPAIGN}`],
      ['a short link with a trailing slash and query', `https://mall.example/c/${CAMPAIGN}/?utm=x`],
    ])('reads %s', (_label, scanned) => {
      expect(readScannedCode(scanned)).toEqual({ kind: 'campaign', token: CAMPAIGN });
    });

    it.each([
      ['a guide scene', `g%3D${GUIDE}%26s%3D12`, { kind: 'guide', token: GUIDE }],
      ['a guide short link', `https://mall.example/g/${GUIDE}`, { kind: 'guide', token: GUIDE }],
      [
        'a survey URL',
        `https://mall.example/h5/#/pages/survey/index?q=${SURVEY}`,
        { kind: 'survey', token: SURVEY },
      ],
      ['a desk sign-up scene', `d=${DESK}`, { kind: 'desk', token: DESK }],
    ])('reads %s as its own kind', (_label, scanned, expected) => {
      expect(readScannedCode(scanned)).toEqual(expected);
    });
  });

  describe('with a code typed by the shopper on H5 (no wx.scanCode there)', () => {
    it.each([
      ['as printed, in groups of four', 'C1AB 7K2M 00X9 Z4QR ST'],
      ['in lower case', 'c1ab7k2m00x9z4qrst'],
      ['with hyphens', 'c1ab-7k2m-00x9-z4qr-st'],
      ['with O for zero and I for one', 'CIAB7K2MOOX9Z4QRST'],
      ['in full-width characters', 'Ｃ１ＡＢ７Ｋ２Ｍ００Ｘ９Ｚ４ＱＲＳＴ'],
      ['with surrounding spaces', '  C1AB7K2M00X9Z4QRST  '],
    ])('reads it %s', (_label, typed) => {
      expect(readScannedCode(typed)).toEqual({ kind: 'campaign', token: CAMPAIGN });
    });
  });

  describe('with something else', () => {
    it.each([
      ['nothing', ''],
      ['only whitespace', ' \r\n'],
      ['a scene key that does not match the token kind', `g=${CAMPAIGN}`],
      ['a URL of another site without our key', 'https://example.com/promo?id=42'],
      ['a payment code', '134567890123456789'],
      ['a product barcode', '6901234567892'],
      ['a token one character short', `c=${CAMPAIGN.slice(1)}`],
      ['a scene without a value', 'c='],
      ['a bad percent escape', 'c%3'],
    ])('refuses %s with QR_TOKEN_INVALID', (_label, scanned) => {
      expect(codeOf(() => readScannedCode(scanned))).toBe('QR_TOKEN_INVALID');
    });

    it('refuses null without a TypeError', () => {
      expect(codeOf(() => readScannedCode(null))).toBe('QR_TOKEN_INVALID');
    });

    it('takes the first of two campaign keys, as decodeScene does', () => {
      const other = 'C1ZZZZZZZZX9Z4QRST';

      expect(readScannedCode(`c=${CAMPAIGN}&c=${other}`).token).toBe(CAMPAIGN);
    });
  });
});
