import { AppError, ConflictError, NotFoundError } from '@memberkit/shared';
import type { AuditLog } from '../platform/audit/audit-log';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import { isRetryableTransactionError } from '../platform/db/database-errors';
import { inBothStores, type Databases, type StoreTransactions } from '../platform/db/databases';
import {
  identifierAad,
  profileAad,
  sensitiveAad,
  type IdentifierKind,
  type ProfileField,
  type SensitiveKind,
} from './identity-fields';
import type { IdentityRepository } from './identity-repository';
import type { MemberCore, MemberCoreRepository } from './member-core-repository';
import { normaliseIdentifier } from './normalise-identifier';
import { newCardNumber, newMemberId, newPseudonym } from './random-ids';

export interface NewMemberInput {
  profile?: Partial<Record<ProfileField, string>>;
  identifiers?: Array<{ kind: IdentifierKind; value: string }>;
  sensitive?: Array<{ kind: SensitiveKind; value: string }>;
  joinedVia?: string;
  /**
   * Runs inside the same write as the member itself, e.g. to record consents: "agree ->
   * consent recorded before the phone is bound" holds because both commit together.
   */
  withinCreation?: (stores: StoreTransactions, member: MemberCore) => Promise<void>;
}

/** Who reads a personal value and why: every decrypt leaves an audit row (S-5.5). */
export interface Access {
  actor: string;
  purpose: string;
}

const CREATE_ATTEMPTS = 5;

/**
 * The personal-data vault (S-5.1a, S-5.1b, S-5.3a): the only way into identity and sensitive
 * values. Values are encrypted the moment they arrive; lookups go through blind indexes.
 */
export class IdentityVault {
  constructor(
    private readonly databases: Databases,
    private readonly cipher: VaultCipher,
    private readonly audit: AuditLog,
    private readonly members: MemberCoreRepository,
    private readonly identity: IdentityRepository,
  ) {}

  async createMember(input: NewMemberInput): Promise<MemberCore> {
    const prepared = await this.prepareValues(input);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await inBothStores(this.databases, (stores) =>
          this.insertMember(stores, input, prepared),
        );
      } catch (error) {
        // A colliding random card number, or MySQL errno 1213 between concurrent sign-ups:
        // the whole write rolled back, so running it again is safe.
        const isCardCollision = error instanceof ConflictError && error.code === 'CONFLICT';
        const mayRetry = isCardCollision || isRetryableTransactionError(error);
        if (!mayRetry || attempt >= CREATE_ATTEMPTS) throw error;
      }
    }
  }

  async findMemberByIdentifier(
    kind: IdentifierKind | SensitiveKind,
    value: string,
  ): Promise<MemberCore | undefined> {
    const normalised = normaliseIdentifier(kind, value);
    const table = kind === 'resident_id' ? 'member_sensitive' : 'member_identifiers';
    const memberId = await this.identity.findMemberId(
      table,
      kind,
      this.cipher.blindIndexCandidates(kind, normalised),
    );
    if (!memberId) return undefined;
    const member = await this.members.findById(memberId);
    return member?.status === 'active' ? member : undefined;
  }

  async updateProfile(
    memberId: string,
    profile: Partial<Record<ProfileField, string | null>>,
    access: Access,
  ): Promise<void> {
    const member = await this.requireActive(memberId);
    const encrypted = await this.encryptProfile(profile);
    await this.databases.vault.transaction(async (trx) => {
      await this.identity.upsertProfile(trx, memberId, encrypted);
      await this.audit.record(
        [
          {
            ...access,
            action: 'profile.update',
            subject: member.pseudonym ?? undefined,
            details: { fields: Object.keys(profile) },
          },
        ],
        trx,
      );
    });
  }

  /** Decrypt profile fields for one purpose; one audit row per field read. */
  async readProfile(
    memberId: string,
    fields: readonly ProfileField[],
    access: Access,
  ): Promise<Partial<Record<ProfileField, string | null>>> {
    const member = await this.requireActive(memberId);
    const encrypted = (await this.identity.readProfile(memberId, fields)) ?? {};
    const result: Partial<Record<ProfileField, string | null>> = {};
    for (const field of fields) {
      const ciphertext = encrypted[field];
      result[field] = ciphertext ? await this.cipher.decrypt(ciphertext, profileAad(field)) : null;
    }

    await this.audit.record(
      fields.map((field) => ({
        ...access,
        action: 'decrypt',
        field: `profile.${field}`,
        subject: member.pseudonym ?? undefined,
      })),
    );
    return result;
  }

  async readIdentifiers(memberId: string, kind: IdentifierKind, access: Access): Promise<string[]> {
    const member = await this.requireActive(memberId);
    const rows = await this.identity.listIdentifiers('member_identifiers', memberId, kind);
    const values = await Promise.all(
      rows.map((row) => this.cipher.decrypt(row.valueEnc, identifierAad(kind))),
    );
    await this.audit.record([
      {
        ...access,
        action: 'decrypt',
        field: `identifier.${kind}`,
        subject: member.pseudonym ?? undefined,
        details: { count: values.length },
      },
    ]);
    return values;
  }

  async readSensitive(
    memberId: string,
    kind: SensitiveKind,
    access: Access,
  ): Promise<string | undefined> {
    const member = await this.requireActive(memberId);
    const [row] = await this.identity.listIdentifiers('member_sensitive', memberId, kind);
    if (!row) return undefined;
    const value = await this.cipher.decrypt(row.valueEnc, sensitiveAad(kind));
    await this.audit.record([
      {
        ...access,
        action: 'decrypt',
        field: `sensitive.${kind}`,
        subject: member.pseudonym ?? undefined,
      },
    ]);
    return value;
  }

  async bindIdentifier(
    memberId: string,
    kind: IdentifierKind,
    value: string,
    access: Access,
  ): Promise<void> {
    const member = await this.requireActive(memberId);
    const normalised = normaliseIdentifier(kind, value);
    const existing = await this.identity.findMemberId(
      'member_identifiers',
      kind,
      this.cipher.blindIndexCandidates(kind, normalised),
    );
    if (existing === memberId) return;
    if (existing) throw new ConflictError('IDENTIFIER_ALREADY_BOUND', { details: { kind } });
    const valueEnc = await this.cipher.encrypt('identity', identifierAad(kind), normalised);
    await this.databases.vault.transaction(async (trx) => {
      await this.identity.insertIdentifier(trx, 'member_identifiers', {
        memberId,
        kind,
        valueEnc,
        blindIndex: this.cipher.blindIndex(kind, normalised),
      });
      await this.audit.record(
        [
          {
            ...access,
            action: 'identifier.bind',
            field: `identifier.${kind}`,
            subject: member.pseudonym ?? undefined,
          },
        ],
        trx,
      );
    });
  }

  /** Remove every identifier of a kind (a phone being replaced, a plate unbound). */
  async unbindIdentifiers(memberId: string, kind: IdentifierKind, access: Access): Promise<number> {
    return this.removeValues(memberId, 'member_identifiers', kind, access);
  }

  /** Erase the sensitive value of a kind, e.g. when its separate consent is withdrawn. */
  async removeSensitive(memberId: string, kind: SensitiveKind, access: Access): Promise<number> {
    return this.removeValues(memberId, 'member_sensitive', kind, access);
  }

  private async removeValues(
    memberId: string,
    table: 'member_identifiers' | 'member_sensitive',
    kind: IdentifierKind | SensitiveKind,
    access: Access,
  ): Promise<number> {
    const member = await this.requireActive(memberId);
    const rows = await this.identity.listIdentifiers(table, memberId, kind);
    const field = table === 'member_sensitive' ? `sensitive.${kind}` : `identifier.${kind}`;
    await this.databases.vault.transaction(async (trx) => {
      for (const row of rows) await this.identity.deleteIdentifier(trx, table, memberId, row.id);
      const entry = {
        ...access,
        action: `${field}.remove`,
        field,
        subject: member.pseudonym ?? undefined,
      };
      await this.audit.record([{ ...entry, details: { count: rows.length } }], trx);
    });
    return rows.length;
  }

  /** Add or replace the sensitive value of a kind (C-4.1.2c: only under its separate consent). */
  async setSensitive(
    memberId: string,
    kind: SensitiveKind,
    value: string,
    access: Access,
  ): Promise<void> {
    const member = await this.requireActive(memberId);
    const normalised = normaliseIdentifier(kind, value);
    const valueEnc = await this.cipher.encrypt('sensitive', sensitiveAad(kind), normalised);
    const existing = await this.identity.listIdentifiers('member_sensitive', memberId, kind);
    await this.databases.vault.transaction(async (trx) => {
      for (const row of existing)
        await this.identity.deleteIdentifier(trx, 'member_sensitive', memberId, row.id);
      await this.identity.insertIdentifier(trx, 'member_sensitive', {
        memberId,
        kind,
        valueEnc,
        blindIndex: this.cipher.blindIndex(kind, normalised),
      });
      await this.audit.record(
        [
          {
            ...access,
            action: 'sensitive.set',
            field: `sensitive.${kind}`,
            subject: member.pseudonym ?? undefined,
          },
        ],
        trx,
      );
    });
  }

  /**
   * D-7.2: erase identity and sensitive values and cut the member-pseudonym link; records kept
   * under the old pseudonym can no longer be tied to anyone. The phone is free again at once.
   */
  async eraseMember(
    memberId: string,
    access: Access,
    withinErasure?: (stores: StoreTransactions, member: MemberCore) => Promise<void>,
  ): Promise<{ erasedValues: number; pseudonym: string | null }> {
    const member = await this.requireActive(memberId);
    let erasedValues = 0;
    await inBothStores(this.databases, async (stores) => {
      await withinErasure?.(stores, member);
      erasedValues = await this.identity.eraseMember(stores.vault, memberId);
      await this.members.markDeleted(stores.core, memberId);
      await this.audit.record(
        [
          {
            ...access,
            action: 'member.erase',
            subject: member.pseudonym ?? undefined,
            details: { erasedValues },
          },
        ],
        stores.vault,
      );
    });
    return { erasedValues, pseudonym: member.pseudonym };
  }

  async requireActive(memberId: string): Promise<MemberCore> {
    const member = await this.members.findById(memberId);
    if (!member || member.status !== 'active') throw new NotFoundError('MEMBER_NOT_FOUND');
    return member;
  }

  private async prepareValues(input: NewMemberInput) {
    const profile = await this.encryptProfile(input.profile ?? {});
    const identifiers = await Promise.all(
      (input.identifiers ?? []).map(async ({ kind, value }) => {
        const normalised = normaliseIdentifier(kind, value);
        return {
          kind,
          normalised,
          valueEnc: await this.cipher.encrypt('identity', identifierAad(kind), normalised),
          blindIndex: this.cipher.blindIndex(kind, normalised),
        };
      }),
    );
    const sensitive = await Promise.all(
      (input.sensitive ?? []).map(async ({ kind, value }) => {
        const normalised = normaliseIdentifier(kind, value);
        return {
          kind,
          normalised,
          valueEnc: await this.cipher.encrypt('sensitive', sensitiveAad(kind), normalised),
          blindIndex: this.cipher.blindIndex(kind, normalised),
        };
      }),
    );
    return { profile, identifiers, sensitive };
  }

  private async insertMember(
    stores: StoreTransactions,
    input: NewMemberInput,
    prepared: Awaited<ReturnType<IdentityVault['prepareValues']>>,
  ): Promise<MemberCore> {
    for (const identifier of prepared.identifiers) {
      const holder = await this.identity.findMemberId(
        'member_identifiers',
        identifier.kind,
        this.cipher.blindIndexCandidates(identifier.kind, identifier.normalised),
        stores.vault,
      );
      if (holder && (await this.members.findById(holder, stores.core))) {
        throw new ConflictError(
          identifier.kind === 'phone' ? 'PHONE_ALREADY_REGISTERED' : 'IDENTIFIER_ALREADY_BOUND',
          { details: { kind: identifier.kind } },
        );
      }
      // Vault rows of a sign-up whose core half never committed: clear them now rather than
      // make the shopper wait for the reconciler (design.md, "One write, two stores").
      if (holder) await this.identity.eraseMember(stores.vault, holder);
    }

    const id = newMemberId();
    const pseudonym = newPseudonym();
    await this.identity.insertProfile(stores.vault, id, prepared.profile);
    for (const identifier of prepared.identifiers) {
      await this.identity.insertIdentifier(stores.vault, 'member_identifiers', {
        memberId: id,
        ...identifier,
      });
    }
    for (const value of prepared.sensitive) {
      await this.identity.insertIdentifier(stores.vault, 'member_sensitive', {
        memberId: id,
        ...value,
      });
    }

    await this.members.insert(stores.core, {
      id,
      pseudonym,
      cardNo: newCardNumber(),
      joinedVia: input.joinedVia ?? null,
    });
    const created = await this.members.findById(id, stores.core);
    if (!created) throw new AppError('INTERNAL');
    await input.withinCreation?.(stores, created);
    await this.audit.record(
      [
        {
          actor: `member:${pseudonym}`,
          action: 'member.create',
          purpose: 'membership',
          subject: pseudonym,
        },
      ],
      stores.vault,
    );
    return created;
  }

  private async encryptProfile(
    profile: Partial<Record<ProfileField, string | null>>,
  ): Promise<Partial<Record<ProfileField, string | null>>> {
    const entries = await Promise.all(
      Object.entries(profile).map(
        async ([field, value]) =>
          [
            field,
            value == null || value === ''
              ? null
              : await this.cipher.encrypt('identity', profileAad(field as ProfileField), value),
          ] as const,
      ),
    );
    return Object.fromEntries(entries);
  }
}
