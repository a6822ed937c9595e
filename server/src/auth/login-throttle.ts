import { AppError, normalizePhone } from '@memberkit/shared';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { LoginThrottleRepository, ThrottleRule } from './login-throttle-repository';

/**
 * C-4.1.4a: password guessing is slowed per account and per client address, like SMS codes
 * lock after five wrong tries (sms-code-service.ts). Five tries per account in 15 minutes, then
 * 15 minutes locked; twenty failed tries per client address in an hour, then 15 minutes
 * locked. A phone no member has is counted the same way, so a lock tells nothing about
 * membership. Counters are keyed by the phone's blind index and a keyed hash of the address.
 */
export const PASSWORD_LOGIN_LIMITS: Readonly<Record<'account' | 'client', ThrottleRule>> = {
  account: { attempts: 5, windowSeconds: 15 * 60, lockSeconds: 15 * 60 },
  client: { attempts: 20, windowSeconds: 60 * 60, lockSeconds: 15 * 60 },
};

const PURGE_EVERY_MS = 10 * 60_000;

export interface LoginTry {
  accountHash?: string;
  clientHash: string;
}

export class LoginThrottle {
  private nextPurgeAt = 0;

  constructor(
    private readonly repository: LoginThrottleRepository,
    private readonly cipher: VaultCipher,
    private readonly limits = PASSWORD_LOGIN_LIMITS,
  ) {}

  /** Count a try before the password is checked; RATE_LIMITED with retryAfterSeconds if locked. */
  async admit(phoneText: string, clientAddress: string, now = new Date()): Promise<LoginTry> {
    await this.purgeNowAndThen(now);
    const attempt = {
      accountHash: this.accountHash(phoneText),
      clientHash: this.cipher.blindIndex('client_address', clientAddress).slice(-64),
    };
    const clientWait = await this.repository.claim(
      'client',
      attempt.clientHash,
      this.limits.client,
      now,
    );
    if (clientWait !== undefined) throw rateLimited(clientWait);
    if (!attempt.accountHash) return attempt;

    const accountWait = await this.repository.claim(
      'account',
      attempt.accountHash,
      this.limits.account,
      now,
    );
    if (accountWait === undefined) return attempt;
    await this.repository.giveBack('client', attempt.clientHash);
    throw rateLimited(accountWait);
  }

  /** The right password: the account starts again, and the client's try was no failure. */
  async succeeded(attempt: LoginTry): Promise<void> {
    if (attempt.accountHash) await this.repository.reset('account', attempt.accountHash);
    await this.repository.giveBack('client', attempt.clientHash);
  }

  // Something that is no phone number has no account to protect; the client is still counted.
  private accountHash(phoneText: string): string | undefined {
    try {
      return this.cipher.blindIndex('phone', normalizePhone(phoneText));
    } catch {
      return undefined;
    }
  }

  private async purgeNowAndThen(now: Date): Promise<void> {
    if (now.getTime() < this.nextPurgeAt) return;
    this.nextPurgeAt = now.getTime() + PURGE_EVERY_MS;
    await this.repository.purgeExpired(now);
  }
}

// Both scopes answer alike; the error middleware turns retryAfterSeconds into Retry-After.
function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('RATE_LIMITED', { details: { retryAfterSeconds } });
}
