import crypto from 'node:crypto';
import { deriveKey, type MasterKeys } from '../platform/crypto/master-keys';

/**
 * Each member's code secret is derived, never stored: HMAC of the member id under a key that
 * HKDF derives from a master key version (design.md "Keys": no key sits in the database). A
 * code is made under the current version and checked under every version still loaded, so a
 * key rotation does not refuse a code that a till queued before it (design.md "Queued events").
 */
export class MemberCodeSecrets {
  constructor(private readonly masterKeys: MasterKeys) {}

  current(memberId: string): Buffer {
    this.masterKeys.refresh?.();
    return this.secretAt(this.masterKeys.current, memberId);
  }

  /** Newest version first: the one almost every code was made under. */
  candidates(memberId: string): Buffer[] {
    this.masterKeys.refresh?.();
    const versions = [...this.masterKeys.keys.keys()].sort((a, b) => b - a);
    return versions.map((version) => this.secretAt(version, memberId));
  }

  private secretAt(version: number, memberId: string): Buffer {
    const key = deriveKey(this.masterKeys, version, 'member-code');
    return crypto.createHmac('sha256', key).update(memberId).digest();
  }
}
