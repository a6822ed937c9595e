import crypto from 'node:crypto';
import { MEMBER_CODE_STEP_SECONDS } from '@memberkit/shared';

/**
 * The 6-digit time-based part of a member code: RFC 6238 (TOTP) with HMAC-SHA256, which the
 * RFC allows beside SHA-1, and RFC 4226's dynamic truncation. The time step is the member
 * code's 30 s (design.md "Member code").
 */
const DIGITS = 6;

export function stepAt(time: Date): number {
  return Math.floor(time.getTime() / 1000 / MEMBER_CODE_STEP_SECONDS);
}

export function stepStart(step: number): Date {
  return new Date(step * MEMBER_CODE_STEP_SECONDS * 1000);
}

export function timeBasedCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const digest = crypto.createHmac('sha256', secret).update(counter).digest();
  // RFC 4226 section 5.3: the low nibble of the last byte picks where 31 bits are read.
  const offset = digest[digest.length - 1]! & 0x0f;
  const value = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 10 ** DIGITS).padStart(DIGITS, '0');
}

/** Compares in constant time, so how far a guess matched cannot be timed. */
export function sameCode(expected: string, presented: string): boolean {
  const left = Buffer.from(expected, 'utf8');
  const right = Buffer.from(presented, 'utf8');
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
