import type { Knex } from 'knex';
import { ConflictError } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';
import type { IdentifierKind, ProfileField, SensitiveKind } from './identity-fields';

export type EncryptedProfile = Partial<Record<ProfileField, string | null>>;

/** The identity and sensitive vault tables. Every value here is ciphertext or a blind index. */
export class IdentityRepository {
  constructor(private readonly knex: Knex) {}

  /** A new member's profile: a plain insert, so no gap lock is taken on a missing key. */
  async insertProfile(
    executor: Knex | Knex.Transaction,
    memberId: string,
    profile: EncryptedProfile,
  ): Promise<void> {
    const columns = Object.fromEntries(
      Object.entries(profile).map(([field, value]) => [`${field}_enc`, value]),
    );
    const now = nowSql();
    await executor('member_identity').insert({
      member_id: memberId,
      ...columns,
      created_at: now,
      updated_at: now,
    });
  }

  async upsertProfile(
    executor: Knex | Knex.Transaction,
    memberId: string,
    profile: EncryptedProfile,
  ): Promise<void> {
    const columns = Object.fromEntries(
      Object.entries(profile).map(([field, value]) => [`${field}_enc`, value]),
    );
    const now = nowSql();
    const updated = await executor('member_identity')
      .where({ member_id: memberId })
      .update({ ...columns, updated_at: now });
    if (updated === 0) {
      await executor('member_identity').insert({
        member_id: memberId,
        ...columns,
        created_at: now,
        updated_at: now,
      });
    }
  }

  async readProfile(
    memberId: string,
    fields: readonly ProfileField[],
  ): Promise<EncryptedProfile | undefined> {
    const row = await this.knex('member_identity')
      .where({ member_id: memberId })
      .first(fields.map((field) => `${field}_enc as ${field}`));
    return row ?? undefined;
  }

  async insertIdentifier(
    executor: Knex | Knex.Transaction,
    table: 'member_identifiers' | 'member_sensitive',
    row: {
      memberId: string;
      kind: IdentifierKind | SensitiveKind;
      valueEnc: string;
      blindIndex: string;
    },
  ): Promise<void> {
    try {
      await executor(table).insert({
        member_id: row.memberId,
        kind: row.kind,
        value_enc: row.valueEnc,
        blind_index: row.blindIndex,
        created_at: nowSql(),
      });
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE on (kind, blind_index): someone holds it.
      if (isUniqueViolation(error))
        throw new ConflictError('IDENTIFIER_ALREADY_BOUND', {
          details: { kind: row.kind },
          cause: error,
        });
      throw error;
    }
  }

  async findMemberId(
    table: 'member_identifiers' | 'member_sensitive',
    kind: string,
    blindIndexes: string[],
    executor: Knex | Knex.Transaction = this.knex,
  ): Promise<string | undefined> {
    const row = await executor(table)
      .where({ kind })
      .whereIn('blind_index', blindIndexes)
      .first('member_id');
    return row?.member_id;
  }

  async listIdentifiers(
    table: 'member_identifiers' | 'member_sensitive',
    memberId: string,
    kind?: string,
  ): Promise<Array<{ id: number; kind: string; valueEnc: string }>> {
    const query = this.knex(table).where({ member_id: memberId }).orderBy('id');
    if (kind) query.andWhere({ kind });
    const rows = await query.select('id', 'kind', 'value_enc');
    return rows.map((row: { id: number; kind: string; value_enc: string }) => ({
      id: row.id,
      kind: row.kind,
      valueEnc: row.value_enc,
    }));
  }

  async deleteIdentifier(
    executor: Knex | Knex.Transaction,
    table: 'member_identifiers' | 'member_sensitive',
    memberId: string,
    id: number,
  ): Promise<void> {
    await executor(table).where({ member_id: memberId, id }).delete();
  }

  /** D-7.2: erase every identity and sensitive value of a member. */
  async eraseMember(executor: Knex | Knex.Transaction, memberId: string): Promise<number> {
    const identifiers = await executor('member_identifiers')
      .where({ member_id: memberId })
      .delete();
    const sensitive = await executor('member_sensitive').where({ member_id: memberId }).delete();
    const profile = await executor('member_identity').where({ member_id: memberId }).delete();
    const password = await executor('member_passwords').where({ member_id: memberId }).delete();
    return identifiers + sensitive + profile + password;
  }

  async memberIdsCreatedBefore(
    table: string,
    before: string,
    afterMemberId: string,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.knex(table)
      .where('created_at', '<', before)
      .andWhere('member_id', '>', afterMemberId)
      .distinct('member_id')
      .orderBy('member_id')
      .limit(limit);
    return rows.map((row: { member_id: string }) => row.member_id);
  }
}
