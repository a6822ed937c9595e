import crypto from 'node:crypto';
import { encodeBase32 } from '@memberkit/shared';

/** A random Crockford base32 code: the part of a QR token that names what it opens. */
export function newCode(length: number): string {
  return encodeBase32(crypto.randomBytes(Math.ceil((length * 5) / 8)), length);
}

/** A random row id with a readable prefix (`cp_`, `cl_`, `sv_` ...); it means nothing. */
export function newRowId(prefix: string): string {
  return `${prefix}_${crypto.randomBytes(12).toString('hex')}`;
}
