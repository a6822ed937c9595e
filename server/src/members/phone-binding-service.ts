import { AppError } from '@memberkit/shared';
import type { SessionService } from '../auth/session-service';
import type { SmsCodeService } from '../auth/sms-code-service';
import type { ConsentService } from '../consent/consent-service';
import type { IdentityVault } from '../vault/identity-vault';
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
    const phone = await this.provePhone(sessionTokenHash, binding);
    const access = { actor: `member:${member.pseudonym}`, purpose: 'membership' };
    const holder = await this.vault.findMemberByIdentifier('phone', phone);
    if (holder && holder.id !== memberId) throw new AppError('PHONE_ALREADY_REGISTERED');
    if (!holder) {
      await this.vault.unbindIdentifiers(memberId, 'phone', access);
      await this.vault.bindIdentifier(memberId, 'phone', phone, access);
    }
    return { phone: `${phone.slice(0, 3)}****${phone.slice(7)}` };
  }

  private async provePhone(sessionTokenHash: string, binding: PhoneBinding): Promise<string> {
    if (binding.method === 'sms') return this.smsCodes.verify(binding.phone, 'bind', binding.code);
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
