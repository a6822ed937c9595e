import crypto from 'node:crypto';
import argon2 from 'argon2';
import type { Knex } from 'knex';
import { AppError } from '@memberkit/shared';
import type { LoginThrottle } from '../auth/login-throttle';
import type { SessionService } from '../auth/session-service';
import type { SmsCodeService } from '../auth/sms-code-service';
import { nowSql } from '../platform/db/sql-time';
import type { IdentityVault } from '../vault/identity-vault';

const STRONG_ENOUGH = /^(?=.*[A-Za-z])(?=.*\d).{8,64}$/;

/**
 * Website passwords (C-4.2.1.2, C-4.2.1.3b): optional; argon2id; a change asks for the current
 * password or a fresh SMS code to the bound phone.
 */
export class PasswordService {
  private standIn?: Promise<string>;

  constructor(
    private readonly vaultKnex: Knex,
    private readonly vault: IdentityVault,
    private readonly smsCodes: SmsCodeService,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
  ) {}

  async set(
    memberId: string,
    newPassword: string,
    proof: { currentPassword?: string; smsCode?: string },
  ): Promise<void> {
    if (!STRONG_ENOUGH.test(newPassword)) throw new AppError('PASSWORD_WEAK');
    const existing = await this.hashOf(memberId);
    if (existing) await this.requireProof(memberId, existing, proof);
    const passwordHash = await argon2.hash(newPassword, { type: argon2.argon2id });
    const updated = await this.vaultKnex('member_passwords')
      .where({ member_id: memberId })
      .update({ password_hash: passwordHash, updated_at: nowSql() });
    if (updated === 0)
      await this.vaultKnex('member_passwords').insert({
        member_id: memberId,
        password_hash: passwordHash,
        updated_at: nowSql(),
      });
  }

  async remove(
    memberId: string,
    proof: { currentPassword?: string; smsCode?: string },
  ): Promise<void> {
    const existing = await this.hashOf(memberId);
    if (!existing) return;
    await this.requireProof(memberId, existing, proof);
    await this.vaultKnex('member_passwords').where({ member_id: memberId }).delete();
  }

  async hasPassword(memberId: string): Promise<boolean> {
    return Boolean(await this.hashOf(memberId));
  }

  /**
   * Same answer for an unknown phone and a wrong password: nothing to learn from trying. Also
   * the same time: without a hash of its own, the password is checked against a stand-in hash,
   * or a fast answer would tell which phones belong to members. Tries are throttled per
   * account and per client before anything is checked (login-throttle.ts, C-4.1.4a).
   */
  async login(
    phone: string,
    password: string,
    clientAddress: string,
  ): Promise<{ token: string; expiresAt: string }> {
    const attempt = await this.throttle.admit(phone, clientAddress);
    const member = await this.vault.findMemberByIdentifier('phone', phone).catch(() => undefined);
    const hash = member ? await this.hashOf(member.id) : undefined;
    const matches = await argon2.verify(hash ?? (await this.standInHash()), password);
    if (!member || !hash || !matches) throw new AppError('PASSWORD_INVALID');
    await this.throttle.succeeded(attempt);
    return this.sessions.issue(member.id, 'website');
  }

  private standInHash(): Promise<string> {
    this.standIn ??= argon2.hash(crypto.randomBytes(16).toString('hex'), {
      type: argon2.argon2id,
    });
    return this.standIn;
  }

  private async requireProof(
    memberId: string,
    hash: string,
    proof: { currentPassword?: string; smsCode?: string },
  ): Promise<void> {
    if (proof.currentPassword && (await argon2.verify(hash, proof.currentPassword))) return;
    if (proof.smsCode) {
      const [phone] = await this.vault.readIdentifiers(memberId, 'phone', {
        actor: 'system:password',
        purpose: 'membership',
      });
      if (phone) {
        await this.smsCodes.verify(phone, 'password', proof.smsCode);
        return;
      }
    }
    throw new AppError('PASSWORD_CHANGE_UNVERIFIED');
  }

  private async hashOf(memberId: string): Promise<string | undefined> {
    const row = await this.vaultKnex('member_passwords')
      .where({ member_id: memberId })
      .first('password_hash');
    return row?.password_hash;
  }
}
