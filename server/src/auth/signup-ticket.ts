import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import { openBytes, sealBytes } from '../platform/crypto/aes-gcm';
import { deriveKey, type MasterKeys } from '../platform/crypto/master-keys';

/**
 * What a shopper proved at login before becoming a member: a WeChat openid (with its session
 * key) or a phone verified by SMS. It travels back to the client sealed instead of being
 * stored, so a shopper who never signs up leaves nothing behind (C-4.1.2a: collect only after
 * consent).
 */
export interface SignupTicket {
  /** Random; recorded (hashed) when the ticket makes a member, so it makes only one. */
  ticketId: string;
  openid?: string;
  sessionKey?: string;
  verifiedPhone?: string;
  expiresAt: number;
}

const TICKET_MINUTES = 30;
const AAD = 'signup-ticket';

export class SignupTickets {
  constructor(private readonly masterKeys: MasterKeys) {}

  seal(content: Omit<SignupTicket, 'expiresAt' | 'ticketId'>): string {
    const version = this.masterKeys.current;
    const body = JSON.stringify({
      ...content,
      ticketId: crypto.randomBytes(16).toString('base64url'),
      expiresAt: Date.now() + TICKET_MINUTES * 60_000,
    });
    const sealed = sealBytes(this.key(version), Buffer.from(body, 'utf8'), AAD);
    return `st${version}.${sealed.toString('base64url')}`;
  }

  open(ticket: string): SignupTicket {
    const match = /^st(\d+)\.([A-Za-z0-9_-]+)$/.exec(ticket);
    if (!match) throw new AppError('SIGNUP_TICKET_INVALID');
    try {
      const opened = JSON.parse(
        openBytes(this.key(Number(match[1])), Buffer.from(match[2], 'base64url'), AAD).toString(
          'utf8',
        ),
      ) as SignupTicket;
      if (opened.expiresAt < Date.now()) throw new Error('expired');
      // Sealed without an id (before tickets were single use): cannot be spent once, so refused.
      if (typeof opened.ticketId !== 'string') throw new Error('no ticket id');
      return opened;
    } catch (cause) {
      throw new AppError('SIGNUP_TICKET_INVALID', { cause });
    }
  }

  private key(version: number): Buffer {
    return deriveKey(this.masterKeys, version, 'signup-ticket');
  }
}
