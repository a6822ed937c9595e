import crypto from 'node:crypto';

/** Random, meaningless ids: nothing about a shopper can be read from them (S-5.1a). */
export function newMemberId(): string {
  return `m_${crypto.randomBytes(12).toString('hex')}`;
}

export function newPseudonym(): string {
  return `p_${crypto.randomBytes(12).toString('hex')}`;
}

/** Ten digits for the member code (design.md "Member code"); never starts with 0. */
export function newCardNumber(): string {
  const value = crypto.randomInt(1_000_000_000, 10_000_000_000);
  return String(value);
}
