import crypto from 'node:crypto';

/** What a sealed text is for: keys and tags of one use never open another's (S-5.3a). */
export interface SealPurpose {
  /** HKDF info the key is derived with, e.g. `pos-adapter:checkouts`. */
  keyInfo: string;
  /** Additional authenticated data bound to every text, e.g. `pos-adapter.checkouts`. */
  associatedData: string;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM for what an adapter keeps on disk (queued checkouts hold member codes, queued
 * gate reads hold plates: S-5.3a). The key is derived from the device secret, so the file alone
 * reveals nothing; a rotated device secret makes older rows unreadable (`open` throws).
 * Stored form, kept byte for byte for files written before: base64(iv 12 | tag 16 | ciphertext).
 */
export class SealedText {
  private readonly key: Buffer;
  private readonly associatedData: Buffer;

  constructor(deviceSecret: string, purpose: SealPurpose) {
    this.key = Buffer.from(
      crypto.hkdfSync('sha256', deviceSecret, Buffer.alloc(0), purpose.keyInfo, 32),
    );
    this.associatedData = Buffer.from(purpose.associatedData);
  }

  seal(text: string): string {
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(this.associatedData);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
    decipher.setAAD(this.associatedData);
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}
