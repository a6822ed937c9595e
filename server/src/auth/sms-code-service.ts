import crypto from 'node:crypto';
import { AppError, normalizePhone } from '@memberkit/shared';
import { deriveKey, type MasterKeys } from '../platform/crypto/master-keys';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import { fromSqlDateTime } from '../platform/db/sql-time';
import type { SmsGateway } from '../integrations/sms/sms-gateway';
import type { SmsCodeRepository } from './sms-code-repository';

export type SmsCodePurpose = 'login' | 'bind' | 'password';

/** A code that matched, not yet used up (see SmsCodeService.check). */
export interface SmsProof {
  phone: string;
  codeId: number;
}

/** C-4.2.1.3a: six digits, five minutes, single use, stored hashed, locked after five wrong tries. */
export const SMS_CODE_RULES = {
  digits: 6,
  validMinutes: 5,
  maxWrongAttempts: 5,
} as const;

/** Send limits per phone and per client address; configurable (config.ts) for load tests. */
export interface SmsSendLimits {
  perPhonePerMinute: number;
  perPhonePerHour: number;
  perClientPerHour: number;
}

export class SmsCodeService {
  constructor(
    private readonly repository: SmsCodeRepository,
    private readonly gateway: SmsGateway,
    private readonly cipher: VaultCipher,
    private readonly masterKeys: MasterKeys,
    private readonly limits: SmsSendLimits,
  ) {}

  async send(
    phoneText: string,
    purpose: SmsCodePurpose,
    clientAddress: string,
  ): Promise<{ expiresInSeconds: number }> {
    const phone = normalizePhone(phoneText);
    const phoneIndex = this.cipher.blindIndex('phone', phone);
    const clientHash = this.cipher.blindIndex('client_address', clientAddress).slice(-64);
    const code = crypto
      .randomInt(0, 10 ** SMS_CODE_RULES.digits)
      .toString()
      .padStart(SMS_CODE_RULES.digits, '0');
    const expiresAt = new Date(Date.now() + SMS_CODE_RULES.validMinutes * 60_000);

    // Store first, then count the others: of requests racing for one phone, the later counter
    // always sees the other's row, so at most one is sent (count-then-insert let all through).
    const id = await this.repository.insert({
      phoneIndex,
      purpose,
      codeHash: this.hashCode(phoneIndex, code),
      clientHash,
      expiresAt,
    });
    try {
      await this.enforceSendLimits(phoneIndex, clientHash, id);
      await this.gateway.sendVerificationCode(phone, code);
    } catch (error) {
      await this.repository.delete(id);
      throw error;
    }
    return { expiresInSeconds: SMS_CODE_RULES.validMinutes * 60 };
  }

  /** Check a code and use it up; returns the normalised phone it proves. */
  async verify(phoneText: string, purpose: SmsCodePurpose, code: string): Promise<string> {
    const proof = await this.check(phoneText, purpose, code);
    await this.consume(proof);
    return proof.phone;
  }

  /**
   * Check a code without using it up, for a caller with more to check before acting on it (a
   * phone binding refused because the phone is taken must leave the code usable). The try is
   * counted either way. Every failure has its own code.
   */
  async check(phoneText: string, purpose: SmsCodePurpose, code: string): Promise<SmsProof> {
    const phone = normalizePhone(phoneText);
    const phoneIndex = this.cipher.blindIndex('phone', phone);
    const record = await this.repository.latest(phoneIndex, purpose);
    if (!record) throw new AppError('SMS_CODE_INVALID');
    if (record.usedAt) throw new AppError('SMS_CODE_USED');
    if (record.attempts >= SMS_CODE_RULES.maxWrongAttempts) throw new AppError('SMS_CODE_LOCKED');
    if (fromSqlDateTime(record.expiresAt).getTime() < Date.now())
      throw new AppError('SMS_CODE_EXPIRED');

    if (!(await this.repository.claimAttempt(record.id, SMS_CODE_RULES.maxWrongAttempts)))
      throw new AppError('SMS_CODE_LOCKED');
    const offered = Buffer.from(this.hashCode(phoneIndex, String(code).trim()), 'hex');
    if (!crypto.timingSafeEqual(offered, Buffer.from(record.codeHash, 'hex')))
      throw new AppError('SMS_CODE_INVALID');

    return { phone, codeId: record.id };
  }

  /** Use a checked code up; of two racing requests with the same code, one wins. */
  async consume(proof: SmsProof): Promise<void> {
    if (!(await this.repository.markUsed(proof.codeId))) throw new AppError('SMS_CODE_USED');
  }

  /** Give a consumed code back when what it was for failed after all. */
  async restore(proof: SmsProof): Promise<void> {
    await this.repository.markUnused(proof.codeId);
  }

  private async enforceSendLimits(
    phoneIndex: string,
    clientHash: string,
    ownId: number,
  ): Promise<void> {
    const now = Date.now();
    const lastMinute = await this.repository.countSince(
      'phone_index',
      phoneIndex,
      new Date(now - 60_000),
      ownId,
    );
    const lastHour = await this.repository.countSince(
      'phone_index',
      phoneIndex,
      new Date(now - 3_600_000),
      ownId,
    );
    const fromClient = await this.repository.countSince(
      'client_hash',
      clientHash,
      new Date(now - 3_600_000),
      ownId,
    );
    const tooMany =
      lastMinute >= this.limits.perPhonePerMinute ||
      lastHour >= this.limits.perPhonePerHour ||
      fromClient >= this.limits.perClientPerHour;
    if (tooMany) throw new AppError('SMS_SEND_LIMITED');
  }

  private hashCode(phoneIndex: string, code: string): string {
    const key = deriveKey(this.masterKeys, this.masterKeys.current, 'sms-code');
    return crypto.createHmac('sha256', key).update(`${phoneIndex}:${code}`).digest('hex');
  }
}
