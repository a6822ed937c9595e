import crypto from 'node:crypto';
import { deriveKey, type MasterKeys } from '../platform/crypto/master-keys';

/**
 * Receipts a shopper can keep (consent receipts, deletion receipts). Each carries an HMAC
 * signature under a key derived from the master key, so the retailer can later confirm that a
 * receipt shown to them is one it issued and unaltered.
 */
export class ReceiptSigner {
  constructor(private readonly masterKeys: MasterKeys) {}

  sign<T extends Record<string, unknown>>(
    kind: string,
    content: T,
  ): T & { receiptId: string; issuedAt: string; keyVersion: number; signature: string } {
    const body = {
      ...content,
      receiptId: `${kind}_${crypto.randomBytes(8).toString('hex')}`,
      issuedAt: new Date().toISOString(),
      keyVersion: this.masterKeys.current,
    };
    return { ...body, signature: this.signatureOf(body) };
  }

  verify(receipt: Record<string, unknown>): boolean {
    const { signature, ...body } = receipt;
    try {
      const expected = this.signatureOf(body as Record<string, unknown> & { keyVersion: number });
      return (
        typeof signature === 'string' &&
        crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(signature))
      );
    } catch {
      return false;
    }
  }

  private signatureOf(body: Record<string, unknown> & { keyVersion: number }): string {
    const key = deriveKey(this.masterKeys, body.keyVersion, 'receipts');
    return crypto.createHmac('sha256', key).update(canonicalJson(body)).digest('hex');
  }
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
