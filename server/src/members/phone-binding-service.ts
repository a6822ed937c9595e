import { AppError } from '@memberkit/shared';
import type { SessionService } from '../auth/session-service';
import type { SmsCodeService } from '../auth/sms-code-service';
import type { ConsentService } from '../consent/consent-service';
import type { Access, IdentityVault } from '../vault/identity-vault';
import type { LegacyPhoneDecryptor, WechatPort } from './wechat-port';

export type PhoneBinding =
  | { method: 'sms'; phone: string; code: string }
  | { method: 'wechat'; code: string }
  | { method: 'wechat-legacy'; encryptedData: string; iv: string };

/**
 * Phone binding, always optional (C-4.2.1.3a, C-4.2.2.1): by SMS code, or by WeChat's
 * phone-number button (the `code` flow, or the legacy encryptedData flow with the watermark
 * appid checked). A failure stores nothing; a new phone replaces the old one.
 */
export class PhoneBindingService {
  constructor(
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
    private readonly smsCodes: SmsCodeService,
    private readonly sessions: SessionService,
    private readonly wechat: WechatPort,
    private readonly decryptLegacy: LegacyPhoneDecryptor,
    private readonly appId: string,
  ) {}

  async bind(
    memberId: string,
    sessionTokenHash: string,
    binding: PhoneBinding,
  ): Promise<{ phone: string }> {
    const member = await this.vault.requireActive(memberId);
    await this.consents.require(member.pseudonym as string, 'membership');
    const access = { actor: `member:${member.pseudonym}`, purpose: 'membership' };
    if (binding.method !== 'sms') {
      const phone = await this.provePhone(sessionTokenHash, binding);
      await this.bindIfFree(memberId, phone, access);
      return { phone: maskedPhone(phone) };
    }

    // The code is checked first (a wrong code must not learn whether the phone is taken), and
    // used up only once the phone is known to be free, and given back if binding fails after
    // all: a refusal leaves it usable, e.g. once the shopper's old account lets go of the phone.
    const proof = await this.smsCodes.check(binding.phone, 'bind', binding.code);
    await this.requireFree(memberId, proof.phone);
    await this.smsCodes.consume(proof);
    await this.bindIfFree(memberId, proof.phone, access).catch(async (error: unknown) => {
      await this.smsCodes.restore(proof);
      throw error;
    });
    return { phone: maskedPhone(proof.phone) };
  }

  private async requireFree(memberId: string, phone: string): Promise<boolean> {
    const holder = await this.vault.findMemberByIdentifier('phone', phone);
    if (holder && holder.id !== memberId) throw new AppError('PHONE_ALREADY_REGISTERED');
    return !holder;
  }

  private async bindIfFree(memberId: string, phone: string, access: Access): Promise<void> {
    if (!(await this.requireFree(memberId, phone))) return;
    await this.vault.unbindIdentifiers(memberId, 'phone', access);
    // Taken between the check and the write by a racing binding (unique blind index).
    await this.vault.bindIdentifier(memberId, 'phone', phone, access).catch((error: unknown) => {
      const taken = error instanceof AppError && error.code === 'IDENTIFIER_ALREADY_BOUND';
      throw taken ? new AppError('PHONE_ALREADY_REGISTERED', { cause: error }) : error;
    });
  }

  private async provePhone(
    sessionTokenHash: string,
    binding: Exclude<PhoneBinding, { method: 'sms' }>,
  ): Promise<string> {
    if (binding.method === 'wechat')
      return mainlandNumber(await this.wechat.getPhoneNumber(binding.code));
    const sessionKey = await this.sessions.wechatSessionKey(sessionTokenHash);
    if (!sessionKey) throw new AppError('WECHAT_DECRYPT_FAILED');
    return mainlandNumber(
      this.decryptLegacy({
        sessionKey,
        encryptedData: binding.encryptedData,
        iv: binding.iv,
        expectedAppId: this.appId,
      }),
    );
  }
}

function mainlandNumber(info: { purePhoneNumber: string; countryCode: string }): string {
  if (info.countryCode !== '86') throw new AppError('PHONE_INVALID');
  return info.purePhoneNumber;
}

function maskedPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}
