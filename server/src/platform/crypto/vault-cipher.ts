import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import { openBytes, sealBytes } from './aes-gcm';
import { formatCiphertext, parseCiphertext, type Keyring } from './ciphertext';
import type { DataKeyRepository } from './data-key-repository';
import { deriveKey, type MasterKeys } from './master-keys';

/**
 * Envelope encryption (S-5.1b, S-5.3a): each keyring (identity, sensitive, device) has a random
 * data key per master key version; the data key is stored wrapped by the master key and
 * unwrapped once into memory. Blind indexes are keyed HMACs under a key derived from the
 * master key, so the index key never sits in a database (design.md, "Keys").
 */
export class VaultCipher {
  private readonly dataKeys = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly masterKeys: MasterKeys,
    private readonly repository: DataKeyRepository,
  ) {}

  get currentVersion(): number {
    this.masterKeys.refresh?.();
    return this.masterKeys.current;
  }

  get availableVersions(): number[] {
    return [...this.masterKeys.keys.keys()].sort((a, b) => b - a);
  }

  async encrypt(keyring: Keyring, aad: string, plaintext: string): Promise<string> {
    this.masterKeys.refresh?.();
    const version = this.masterKeys.current;
    const key = await this.dataKey(version, keyring);
    return formatCiphertext({
      version,
      keyring,
      sealed: sealBytes(key, Buffer.from(plaintext, 'utf8'), aad),
    });
  }

  async decrypt(ciphertext: string, aad: string): Promise<string> {
    const parts = parseCiphertext(ciphertext);
    const key = await this.dataKey(parts.version, parts.keyring);
    try {
      return openBytes(key, parts.sealed, aad).toString('utf8');
    } catch (cause) {
      throw new AppError('CIPHERTEXT_INVALID', { cause });
    }
  }

  /** Blind index of an already normalised value under the current version. */
  blindIndex(kind: string, normalised: string): string {
    return this.blindIndexAt(this.masterKeys.current, kind, normalised);
  }

  /** Every index the value may be stored under, newest first: lookups stay right mid-rotation. */
  blindIndexCandidates(kind: string, normalised: string): string[] {
    this.masterKeys.refresh?.();
    return this.availableVersions.map((version) => this.blindIndexAt(version, kind, normalised));
  }

  private blindIndexAt(version: number, kind: string, normalised: string): string {
    const key = deriveKey(this.masterKeys, version, 'blind-index');
    const digest = crypto
      .createHmac('sha256', key)
      .update(`${kind}\u0000${normalised}`)
      .digest('hex');
    return `bi${version}:${digest}`;
  }

  private dataKey(version: number, keyring: Keyring): Promise<Buffer> {
    const cacheKey = `${version}.${keyring}`;
    let pending = this.dataKeys.get(cacheKey);
    if (!pending) {
      pending = this.loadOrCreateDataKey(version, keyring);
      pending.catch(() => this.dataKeys.delete(cacheKey));
      this.dataKeys.set(cacheKey, pending);
    }
    return pending;
  }

  private async loadOrCreateDataKey(version: number, keyring: Keyring): Promise<Buffer> {
    const wrappingKey = deriveKey(this.masterKeys, version, `wrap:${keyring}`);
    const aad = `data-key:${version}:${keyring}`;
    let wrapped = await this.repository.find(version, keyring);
    if (!wrapped) {
      if (version !== this.masterKeys.current)
        throw new AppError('KEY_VERSION_MISSING', { details: { version } });
      const fresh = sealBytes(wrappingKey, crypto.randomBytes(32), aad).toString('base64');
      wrapped = await this.repository.insertOrGet(version, keyring, fresh);
    }

    try {
      return openBytes(wrappingKey, Buffer.from(wrapped, 'base64'), aad);
    } catch (cause) {
      throw new AppError('KEY_VERSION_MISSING', { details: { version }, cause });
    }
  }
}
