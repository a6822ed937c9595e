import crypto from 'node:crypto';
import { assertFieldsWithin } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import type { ConsentService } from '../consent/consent-service';
import type { SessionRepository } from '../auth/session-repository';
import { PROFILE_FIELDS } from '../vault/identity-fields';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCore } from '../vault/member-core-repository';
import type { OptionalFieldsInput, ProfileInput } from './member-schemas';
import { hideIdentifierHolder } from './binding-refusal';
import type { OfflineCardRepository } from './offline-card-repository';
import type { PointsRepository } from './points-repository';
import { collectedFields, fromVaultProfile, maskPhone, toVaultProfile } from './profile-mapping';
import { PSEUDONYMOUS_COLUMNS } from './pseudonymous-tables';
import type { ReceiptSigner } from './receipts';

/** My account (C-4.2.1.3b, D-7.2): profile, export and deletion, all as the shopper. */
export class AccountService {
  private readonly exportSections: Array<{
    name: string;
    read: (pseudonym: string) => Promise<unknown>;
  }> = [];

  constructor(
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
    private readonly sessions: SessionRepository,
    private readonly points: PointsRepository,
    private readonly cards: OfflineCardRepository,
    private readonly receipts: ReceiptSigner,
    private readonly audit: AuditLog,
  ) {}

  async profile(memberId: string) {
    const member = await this.vault.requireActive(memberId);
    const access = ownAccess(member, 'membership');
    const profile = fromVaultProfile(
      await this.vault.readProfile(memberId, PROFILE_FIELDS, access),
    );
    const [phone] = await this.vault.readIdentifiers(memberId, 'phone', access);
    const wechat = await this.vault.readIdentifiers(memberId, 'wechat_openid', access);
    return {
      cardNo: member.cardNo,
      tier: member.tier,
      joinedAt: member.createdAt,
      profile,
      phone: phone ? maskPhone(phone) : null,
      wechatBound: wechat.length > 0,
      hasResidentId: Boolean(await this.vault.readSensitive(memberId, 'resident_id', access)),
      offlineCards: await this.cards.boundTo(member.pseudonym as string),
      pointsBalance: await this.points.balance(member.pseudonym as string),
    };
  }

  /** C-4.1.3a on every edit: a field no active consent allows is refused before anything is stored. */
  async updateProfile(
    memberId: string,
    profile: ProfileInput,
    optional: OptionalFieldsInput,
  ): Promise<void> {
    const member = await this.vault.requireActive(memberId);
    const allowed = await this.consents.allowedFields(member.pseudonym as string);
    assertFieldsWithin(collectedFields(profile, optional), allowed);
    const access = ownAccess(member, 'membership');
    if (optional.residentId)
      await this.vault
        .setSensitive(memberId, 'resident_id', optional.residentId, {
          ...access,
          purpose: 'sensitive_id',
        })
        .catch(hideIdentifierHolder);
    if (optional.plate)
      await this.vault
        .bindIdentifier(memberId, 'plate', optional.plate, { ...access, purpose: 'parking' })
        .catch(hideIdentifierHolder);
    const values = toVaultProfile(profile, optional);
    if (Object.keys(values).length > 0) await this.vault.updateProfile(memberId, values, access);
  }

  /** A feature that keeps records under the pseudonym adds them to the export here. */
  addExportSection(name: string, read: (pseudonym: string) => Promise<unknown>): void {
    this.exportSections.push({ name, read });
  }

  /** C-4.2.1.3b / 35273: everything we hold about the shopper, as JSON they can keep. */
  async export(memberId: string) {
    const member = await this.vault.requireActive(memberId);
    const pseudonym = member.pseudonym as string;
    const access = ownAccess(member, 'export');
    const data = {
      exportedAt: new Date().toISOString(),
      member: {
        cardNo: member.cardNo,
        tier: member.tier,
        joinedAt: member.createdAt,
        joinedVia: member.joinedVia,
      },
      profile: fromVaultProfile(await this.vault.readProfile(memberId, PROFILE_FIELDS, access)),
      phones: await this.vault.readIdentifiers(memberId, 'phone', access),
      wechatOpenids: await this.vault.readIdentifiers(memberId, 'wechat_openid', access),
      alipayPayers: await this.vault.readIdentifiers(memberId, 'alipay_user', access),
      plates: await this.vault.readIdentifiers(memberId, 'plate', access),
      residentId: (await this.vault.readSensitive(memberId, 'resident_id', access)) ?? null,
      // The pseudonym stays inside: it links every de-identified record (S-5.1a), and GET
      // /v1/me/consents leaves it out too.
      consentEvents: await this.consents.events(pseudonym),
      consents: (await this.consents.history(pseudonym)).map(
        ({ pseudonym: _internal, ...record }) => record,
      ),
      points: {
        balance: await this.points.balance(pseudonym),
        entries: await this.points.entries(pseudonym),
      },
      offlineCards: await this.cards.boundTo(pseudonym),
      ...(await this.featureSections(pseudonym)),
    };
    await this.audit.record([
      {
        actor: `member:${pseudonym}`,
        action: 'member.export',
        purpose: 'export',
        subject: pseudonym,
      },
    ]);
    return data;
  }

  /**
   * D-7.2 in one action: sessions end, identity and sensitive values are erased, records kept
   * under the pseudonym move to a fresh unlinkable one, the phone is free for a new sign-up.
   */
  async deleteAccount(memberId: string) {
    const member = await this.vault.requireActive(memberId);
    const anonymous = `anon_${crypto.randomBytes(12).toString('hex')}`;
    const anonymised: Record<string, number> = {};
    let sessionsEnded = 0;
    const { erasedValues } = await this.vault.eraseMember(
      memberId,
      ownAccess(member, 'account.delete'),
      async (stores) => {
        sessionsEnded = await this.sessions.revokeAll(stores.core, memberId);
        for (const { table, column } of PSEUDONYMOUS_COLUMNS) {
          anonymised[`${table}.${column}`] = await stores
            .core(table)
            .where(column, member.pseudonym)
            .update({ [column]: anonymous });
        }
        await this.cards.forgetPhones(stores.core, anonymous);
      },
    );
    return this.receipts.sign('deletion', {
      statement: '您的会员账户已注销：身份信息和敏感信息已删除，其余记录已匿名化，无法再与您关联。',
      deletedAt: new Date().toISOString(),
      erasedValues,
      sessionsEnded,
      anonymisedRecords: anonymised,
    });
  }

  private async featureSections(pseudonym: string): Promise<Record<string, unknown>> {
    const sections: Record<string, unknown> = {};
    for (const { name, read } of this.exportSections) sections[name] = await read(pseudonym);
    return sections;
  }
}

function ownAccess(member: MemberCore, purpose: string) {
  return { actor: `member:${member.pseudonym}`, purpose };
}
