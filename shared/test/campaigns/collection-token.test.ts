import {
  encodeBase32,
  encodeBase32Number,
  decodeBase32Number,
  normaliseBase32Text,
} from '../../src/campaigns/crockford-base32';
import {
  formatToken,
  groupTokenForDisplay,
  parseToken,
  tokenMacText,
  tokenSigningInput,
  TOKEN_LENGTH,
  type CollectionToken,
} from '../../src/campaigns/collection-token';
import { SCENE_CHARACTERS, SCENE_MAX_LENGTH } from '../../src/scene/scene-charset';
import { encodeScene } from '../../src/scene/encode-scene';

const CAMPAIGN: CollectionToken = {
  kind: 'campaign',
  keyVersion: 1,
  body: 'AB7K2M00',
  mac: 'X9Z4QRST',
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('Crockford base32', () => {
  describe('encoding', () => {
    it('reads five bits per character, most significant first', () => {
      expect(encodeBase32(new Uint8Array([0b00001000, 0b10001100]), 3)).toBe('126');
    });

    it('refuses a length the bytes cannot fill', () => {
      expect(() => encodeBase32(new Uint8Array([1]), 2)).toThrow(RangeError);
    });

    it('writes and reads numbers at a fixed width', () => {
      expect(encodeBase32Number(33, 2)).toBe('11');
      expect(decodeBase32Number('11')).toBe(33);
      expect(() => encodeBase32Number(1024, 2)).toThrow(RangeError);
    });
  });

  describe('normalising typed text (C-4.2.2.3: "type the code on H5")', () => {
    it.each([
      ['lower case', 'c1ab7k2m00x9z4qrst', 'C1AB7K2M00X9Z4QRST'],
      ['grouped with spaces', 'C1AB 7K2M 00X9 Z4QR ST', 'C1AB7K2M00X9Z4QRST'],
      ['grouped with hyphens', 'C1AB-7K2M-00X9-Z4QR-ST', 'C1AB7K2M00X9Z4QRST'],
      ['with O for 0 and I / L for 1', 'CIAB7K2MOOX9Z4QRST', 'C1AB7K2M00X9Z4QRST'],
      ['l (lower-case L) for 1', 'cl', 'C1'],
      [
        'full-width from a Chinese input method',
        'Ｃ１ＡＢ７Ｋ２Ｍ００Ｘ９Ｚ４ＱＲＳＴ',
        'C1AB7K2M00X9Z4QRST',
      ],
      ['an ideographic space', 'C1AB\u30007K2M', 'C1AB7K2M'],
    ])('reads %s', (_label, typed, canonical) => {
      expect(normaliseBase32Text(typed)).toBe(canonical);
    });
  });
});

describe('collection tokens', () => {
  describe('format', () => {
    it('is 18 characters: kind, key version, eight of body, eight of MAC', () => {
      const token = formatToken(CAMPAIGN);

      expect(token).toBe('C1AB7K2M00X9Z4QRST');
      expect(token).toHaveLength(TOKEN_LENGTH);
    });

    it('fits a mini-program scene c=<token> within 32 characters of the WeChat set', () => {
      const scene = encodeScene({ c: formatToken(CAMPAIGN) });

      expect(scene.length).toBeLessThanOrEqual(SCENE_MAX_LENGTH);
      expect(SCENE_CHARACTERS.test(scene)).toBe(true);
    });

    it('gives every kind its own letter', () => {
      const letters = (['campaign', 'survey', 'guide', 'desk'] as const).map(
        (kind) => formatToken({ ...CAMPAIGN, kind })[0],
      );

      expect(letters).toEqual(['C', 'Q', 'G', 'D']);
    });

    it('round-trips through parseToken', () => {
      expect(parseToken(formatToken(CAMPAIGN))).toEqual(CAMPAIGN);
    });

    it.each([
      ['a body of the wrong length', { body: 'AB7K' }],
      ['a body outside the alphabet', { body: 'AB7K2MUU' }],
      ['a MAC of the wrong length', { mac: 'X9' }],
      ['key version 0', { keyVersion: 0 }],
      ['key version 32', { keyVersion: 32 }],
    ])('refuses %s with QR_TOKEN_INVALID', (_label, change) => {
      expect(codeOf(() => formatToken({ ...CAMPAIGN, ...change }))).toBe('QR_TOKEN_INVALID');
    });

    it('groups a token in fours for display', () => {
      expect(groupTokenForDisplay('C1AB7K2M00X9Z4QRST')).toBe('C1AB 7K2M 00X9 Z4QR ST');
    });
  });

  describe('the signing input', () => {
    it('names the kind, the key version and the body, so none can be swapped', () => {
      expect(tokenSigningInput('campaign', 1, 'AB7K2M00')).toBe('memberkit-qr|C|1|AB7K2M00');
      expect(tokenSigningInput('guide', 1, 'AB7K2M00')).not.toBe(
        tokenSigningInput('campaign', 1, 'AB7K2M00'),
      );
    });

    it('takes the first 40 bits of the MAC bytes as eight characters', () => {
      expect(tokenMacText(new Uint8Array(32).fill(255))).toBe('ZZZZZZZZ');
    });
  });

  describe('parsing bad input', () => {
    it.each([
      ['empty', ''],
      ['one character short', 'C1AB7K2M00X9Z4QRS'],
      ['one character long', 'C1AB7K2M00X9Z4QRST0'],
      ['an unknown kind letter', 'B1AB7K2M00X9Z4QRST'],
      ['key version 0', 'C0AB7K2M00X9Z4QRST'],
      ['a letter outside the alphabet (U)', 'C1AB7K2M00X9Z4QRSU'],
      ['Chinese text', '领取礼品领取礼品领取礼品领取礼品领取'],
      ['personal data instead of a token', '13900000001'],
    ])('refuses %s with QR_TOKEN_INVALID', (_label, text) => {
      expect(codeOf(() => parseToken(text))).toBe('QR_TOKEN_INVALID');
    });

    it('refuses null and undefined without a TypeError', () => {
      expect(codeOf(() => parseToken(null as unknown as string))).toBe('QR_TOKEN_INVALID');
      expect(codeOf(() => parseToken(undefined as unknown as string))).toBe('QR_TOKEN_INVALID');
    });
  });
});
