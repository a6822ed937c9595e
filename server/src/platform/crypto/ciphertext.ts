import { AppError } from '@memberkit/shared';

/**
 * Stored ciphertext: `ev1.<keyVersion>.<keyring>.<base64url(iv|tag|ciphertext)>`. The key
 * version travels inside every value (S-5.3a), so values under old and new keys can live side
 * by side while `memberkit rotate-keys` runs, and a missing version is named, not guessed.
 */
export type Keyring = 'identity' | 'sensitive' | 'device';

export interface CiphertextParts {
  version: number;
  keyring: Keyring;
  sealed: Buffer;
}

const FORMAT = /^ev1\.(\d+)\.(identity|sensitive|device)\.([A-Za-z0-9_-]+)$/;

export function formatCiphertext(parts: CiphertextParts): string {
  return `ev1.${parts.version}.${parts.keyring}.${parts.sealed.toString('base64url')}`;
}

export function parseCiphertext(text: string): CiphertextParts {
  const match = FORMAT.exec(text);
  if (!match) throw new AppError('CIPHERTEXT_INVALID');
  return {
    version: Number(match[1]),
    keyring: match[2] as Keyring,
    sealed: Buffer.from(match[3], 'base64url'),
  };
}

export function ciphertextVersion(text: string): number {
  return parseCiphertext(text).version;
}

/** Blind indexes carry their version the same way: `bi<version>:<hex>`. */
export function blindIndexVersion(value: string): number {
  const match = /^bi(\d+):/.exec(value);
  if (!match)
    throw new AppError('CIPHERTEXT_INVALID', { message: 'A stored blind index is damaged' });
  return Number(match[1]);
}
