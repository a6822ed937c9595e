import type { PurposeId } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import type { Databases } from '../platform/db/databases';
import type { IdentifierKind, SensitiveKind } from '../vault/identity-fields';
import type { IdentityVault } from '../vault/identity-vault';
import type { ConsentService } from './consent-service';

/**
 * Values collected for one purpose only. Withdrawing that purpose stops their use (C-4.1.2b)
 * and, since nothing else may use them (C-4.1.3b), erases them; what was done before stays.
 */
const PURPOSE_ONLY_VALUES: Partial<
  Record<PurposeId, { identifiers?: IdentifierKind[]; sensitive?: SensitiveKind[] }>
> = {
  sensitive_id: { sensitive: ['resident_id'] },
  parking: { identifiers: ['plate'] },
  transaction_linking: { identifiers: ['alipay_user'] },
};

/** Erases what a feature keeps for one purpose only, outside the vault; returns the count. */
export type PurposeEraser = (pseudonym: string) => Promise<number>;

export class WithdrawalService {
  private readonly erasers: Array<{ purpose: PurposeId; name: string; erase: PurposeEraser }> = [];

  constructor(
    private readonly databases: Databases,
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
    private readonly audit: AuditLog,
  ) {}

  /** A feature registers how to erase what it keeps for `purpose` alone (C-4.1.2b). */
  registerEraser(purpose: PurposeId, name: string, erase: PurposeEraser): void {
    this.erasers.push({ purpose, name, erase });
  }

  /** Withdraw in one action; returns how many purpose-only values were erased, by kind. */
  async withdraw(
    memberId: string,
    purpose: PurposeId,
    channel: string,
  ): Promise<Record<string, number>> {
    const member = await this.vault.requireActive(memberId);
    const pseudonym = member.pseudonym as string;
    const access = { actor: `member:${pseudonym}`, purpose: 'consent.withdraw' };
    const withdrawn = await this.consents.withdraw(
      this.databases.core,
      pseudonym,
      purpose,
      channel,
    );
    const erased: Record<string, number> = {};
    const values = PURPOSE_ONLY_VALUES[purpose] ?? {};
    for (const kind of values.identifiers ?? [])
      erased[kind] = await this.vault.unbindIdentifiers(memberId, kind, access);
    for (const kind of values.sensitive ?? [])
      erased[kind] = await this.vault.removeSensitive(memberId, kind, access);
    for (const eraser of this.erasers)
      if (eraser.purpose === purpose) erased[eraser.name] = await eraser.erase(pseudonym);
    await this.audit.record([
      {
        ...access,
        action: 'consent.withdraw',
        subject: pseudonym,
        details: { purpose, withdrawn, erased },
      },
    ]);
    return erased;
  }
}
