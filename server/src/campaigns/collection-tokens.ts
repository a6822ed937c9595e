import crypto from 'node:crypto';
import {
  AppError,
  formatToken,
  parseToken,
  tokenMacText,
  tokenSigningInput,
  type TokenKind,
} from '@memberkit/shared';
import { deriveKey, type MasterKeys } from '../platform/crypto/master-keys';

export interface VerifiedToken {
  body: string;
  /** The canonical token text (what the QR code holds). */
  token: string;
}

/**
 * Signs and verifies the short tokens in-store QR codes carry (format: shared
 * collection-token.ts). The MAC key is derived from the master key of the version named in the
 * token, so codes printed before a key rotation keep working while that version is kept, and
 * the key never sits in a database (design.md "Keys").
 */
export class CollectionTokens {
  private readonly keys = new Map<number, Buffer>();

  constructor(private readonly masterKeys: MasterKeys) {}

  sign(kind: TokenKind, body: string): string {
    const keyVersion = this.masterKeys.current;
    return formatToken({ kind, keyVersion, body, mac: this.mac(kind, keyVersion, body) });
  }

  /** The body of a genuine token of this kind; QR_TOKEN_INVALID for anything else. */
  verify(text: string, kind: TokenKind): VerifiedToken {
    const parsed = parseToken(text);
    if (parsed.kind !== kind)
      throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'kind' } });
    if (!this.masterKeys.keys.has(parsed.keyVersion))
      throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'key version' } });

    const expected = Buffer.from(this.mac(kind, parsed.keyVersion, parsed.body));
    const isGenuine = crypto.timingSafeEqual(expected, Buffer.from(parsed.mac));
    if (!isGenuine) throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'signature' } });
    return { body: parsed.body, token: formatToken(parsed) };
  }

  private mac(kind: TokenKind, keyVersion: number, body: string): string {
    const digest = crypto
      .createHmac('sha256', this.key(keyVersion))
      .update(tokenSigningInput(kind, keyVersion, body))
      .digest();
    return tokenMacText(digest);
  }

  private key(version: number): Buffer {
    let key = this.keys.get(version);
    if (!key) {
      key = deriveKey(this.masterKeys, version, 'campaign-token');
      this.keys.set(version, key);
    }
    return key;
  }
}
