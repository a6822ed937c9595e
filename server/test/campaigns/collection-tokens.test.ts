import crypto from 'node:crypto';
import { CROCKFORD_ALPHABET, TOKEN_LENGTH } from '@memberkit/shared';
import { CollectionTokens } from '../../src/campaigns/collection-tokens';
import type { MasterKeys } from '../../src/platform/crypto/master-keys';

function keys(current: number, versions: number[]): MasterKeys {
  return {
    current,
    keys: new Map(versions.map((version) => [version, crypto.randomBytes(32)])),
  };
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('CollectionTokens (signed QR tokens)', () => {
  const masterKeys = keys(1, [1]);
  const tokens = new CollectionTokens(masterKeys);
  const token = tokens.sign('campaign', 'AB7K2M00');

  describe('a genuine token', () => {
    it('is short: 18 characters of Crockford base32, whatever it opens', () => {
      expect(token).toHaveLength(TOKEN_LENGTH);
      expect([...token].every((character) => CROCKFORD_ALPHABET.includes(character))).toBe(true);
    });

    it('verifies and gives its body back', () => {
      expect(tokens.verify(token, 'campaign')).toEqual({ body: 'AB7K2M00', token });
    });

    it('verifies as typed in lower case and grouped', () => {
      expect(tokens.verify(token.toLowerCase().replace(/(.{4})/g, '$1-'), 'campaign').token).toBe(
        token,
      );
    });
  });

  describe('a tampered token', () => {
    it.each(Array.from({ length: TOKEN_LENGTH - 2 }, (_, index) => index + 2))(
      'is refused with QR_TOKEN_INVALID when character %i changes',
      (position) => {
        const original = token[position];
        const replacement = CROCKFORD_ALPHABET[(CROCKFORD_ALPHABET.indexOf(original) + 1) % 32];
        const tampered = token.slice(0, position) + replacement + token.slice(position + 1);

        expect(codeOf(() => tokens.verify(tampered, 'campaign'))).toBe('QR_TOKEN_INVALID');
      },
    );

    it('is refused when the kind letter changes (a campaign token used as a guide code)', () => {
      expect(codeOf(() => tokens.verify(`G${token.slice(1)}`, 'guide'))).toBe('QR_TOKEN_INVALID');
      expect(codeOf(() => tokens.verify(token, 'guide'))).toBe('QR_TOKEN_INVALID');
    });

    it('is refused when signed with another master key', () => {
      const other = new CollectionTokens(keys(1, [1]));

      expect(codeOf(() => other.verify(token, 'campaign'))).toBe('QR_TOKEN_INVALID');
    });
  });

  describe('across a key rotation', () => {
    it('keeps printed version-1 codes valid while version 1 is kept, and signs new ones with version 2', () => {
      const rotated = new CollectionTokens({
        current: 2,
        keys: new Map([
          [1, masterKeys.keys.get(1) as Buffer],
          [2, crypto.randomBytes(32)],
        ]),
      });

      expect(rotated.verify(token, 'campaign').body).toBe('AB7K2M00');
      expect(rotated.sign('campaign', 'AB7K2M00')[1]).toBe('2');
    });

    it('refuses a code whose key version is no longer kept', () => {
      const withoutOne = new CollectionTokens(keys(2, [2]));

      expect(codeOf(() => withoutOne.verify(token, 'campaign'))).toBe('QR_TOKEN_INVALID');
    });
  });
});
