import type { Knex } from 'knex';
import { ConflictError } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

export interface MemberCore {
  id: string;
  pseudonym: string | null;
  cardNo: string | null;
  tier: string;
  status: 'active' | 'deleted';
  joinedVia: string | null;
  createdAt: string;
  deletedAt: string | null;
}

/** The member core (S-5.1a): ids and pseudonyms only. */
export class MemberCoreRepository {
  constructor(private readonly knex: Knex) {}

  async insert(
    executor: Knex | Knex.Transaction,
    member: Pick<MemberCore, 'id' | 'pseudonym' | 'cardNo' | 'joinedVia'>,
  ): Promise<void> {
    try {
      await executor('members').insert({
        id: member.id,
        pseudonym: member.pseudonym,
        card_no: member.cardNo,
        joined_via: member.joinedVia,
        tier: 'regular',
        status: 'active',
        created_at: nowSql(),
      });
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE: a random id or card number collided.
      if (isUniqueViolation(error)) throw new ConflictError('CONFLICT', { cause: error });
      throw error;
    }
  }

  async findById(
    id: string,
    executor: Knex | Knex.Transaction = this.knex,
  ): Promise<MemberCore | undefined> {
    const row = await executor('members').where({ id }).first();
    return row ? mapMember(row) : undefined;
  }

  async findByCardNo(cardNo: string): Promise<MemberCore | undefined> {
    const row = await this.knex('members').where({ card_no: cardNo, status: 'active' }).first();
    return row ? mapMember(row) : undefined;
  }

  async findByPseudonym(pseudonym: string): Promise<MemberCore | undefined> {
    const row = await this.knex('members').where({ pseudonym }).first();
    return row ? mapMember(row) : undefined;
  }

  /** Delete the link between the member and their pseudonym: what stays behind is anonymous. */
  async markDeleted(executor: Knex | Knex.Transaction, id: string): Promise<void> {
    await executor('members')
      .where({ id })
      .update({ status: 'deleted', pseudonym: null, card_no: null, deleted_at: nowSql() });
  }

  async existingIds(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.knex('members').whereIn('id', ids).select('id');
    return new Set(rows.map((row: { id: string }) => row.id));
  }
}

function mapMember(row: Record<string, unknown>): MemberCore {
  return {
    id: String(row.id),
    pseudonym: (row.pseudonym as string | null) ?? null,
    cardNo: (row.card_no as string | null) ?? null,
    tier: String(row.tier),
    status: row.status as MemberCore['status'],
    joinedVia: (row.joined_via as string | null) ?? null,
    createdAt: String(row.created_at),
    deletedAt: (row.deleted_at as string | null) ?? null,
  };
}
