import crypto from 'node:crypto';

const AAD = Buffer.from('pos-adapter.checkouts');

/**
 * AES-256-GCM for what the adapter keeps on disk: queued checkouts hold member codes and
 * answers hold card numbers (S-5.3a). The key is derived from the device secret, so the file
 * alone reveals nothing; a rotated device secret makes older rows unreadable (they are then
 * reported, never sent).
 */
export class SealedText {
  private readonly key: Buffer;

  constructor(deviceSecret: string) {
    this.key = Buffer.from(
      crypto.hkdfSync('sha256', deviceSecret, Buffer.alloc(0), 'pos-adapter:checkouts', 32),
    );
  }

  seal(text: string): string {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  open(sealed: string): string {
    const bytes = Buffer.from(sealed, 'base64');
    const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAAD(AAD);
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
