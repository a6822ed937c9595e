import { AppError } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import type { ConsentService } from '../consent/consent-service';
import type { WechatPort } from '../members/wechat-port';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCoreRepository } from '../vault/member-core-repository';

/**
 * Marketing messages (U-6.3.1): sent only to members whose marketing consent is active
 * (U-6.1.1), addressed by pseudonym so marketing staff never see an identity; each message
 * carries the way to unsubscribe.
 */
export class MarketingService {
  constructor(
    private readonly members: MemberCoreRepository,
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
    private readonly wechat: WechatPort,
    private readonly audit: AuditLog,
  ) {}

  async sendSubscribeMessage(
    staffId: string,
    pseudonym: string,
    templateId: string,
    data: Record<string, { value: string }>,
  ): Promise<{ sent: true }> {
    const member = await this.members.findByPseudonym(pseudonym);
    if (!member || member.status !== 'active') throw new AppError('MEMBER_NOT_FOUND');
    await this.consents.require(pseudonym, 'marketing_messages');

    const [openid] = await this.vault.readIdentifiers(member.id, 'wechat_openid', {
      actor: `staff:${staffId}`,
      purpose: 'marketing_messages',
    });
    if (!openid)
      throw new AppError('CONSENT_REQUIRED', {
        details: { purpose: 'marketing_messages', reason: 'no WeChat account bound' },
      });
    await this.wechat.sendSubscribeMessage({
      openid,
      templateId,
      page: 'pages/account/index?unsubscribe=marketing_messages',
      data,
    });
    await this.audit.record([
      {
        actor: `staff:${staffId}`,
        action: 'marketing.send',
        purpose: 'marketing_messages',
        subject: pseudonym,
        details: { templateId },
      },
    ]);
    return { sent: true };
  }
}
