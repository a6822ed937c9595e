import type { Knex } from 'knex';
import { nowSql, toSqlDateTime } from '../platform/db/sql-time';

export interface SessionRecord {
  memberId: string;
  channel: string;
  sessionKeyEnc: string | null;
  expiresAt: string;
  revokedAt: string | null;
}

export class SessionRepository {
  constructor(private readonly knex: Knex) {}

  async insert(
    tokenHash: string,
    session: { memberId: string; channel: string; sessionKeyEnc: string | null; expiresAt: Date },
  ): Promise<void> {
    await this.knex('member_sessions').insert({
      token_hash: tokenHash,
      member_id: session.memberId,
      channel: session.channel,
      session_key_enc: session.sessionKeyEnc,
      created_at: nowSql(),
      expires_at: toSqlDateTime(session.expiresAt),
    });
  }

  async find(tokenHash: string): Promise<SessionRecord | undefined> {
    const row = await this.knex('member_sessions').where({ token_hash: tokenHash }).first();
    if (!row) return undefined;
    return {
      memberId: row.member_id,
      channel: row.channel,
      sessionKeyEnc: row.session_key_enc ?? null,
      expiresAt: String(row.expires_at),
      revokedAt: row.revoked_at ?? null,
    };
  }

  async updateSessionKey(tokenHash: string, sessionKeyEnc: string): Promise<void> {
    await this.knex('member_sessions')
      .where({ token_hash: tokenHash })
      .update({ session_key_enc: sessionKeyEnc });
  }

  /** D-7.2: every session of a member ends at once; the WeChat session key goes with it. */
  async revokeAll(executor: Knex | Knex.Transaction, memberId: string): Promise<number> {
    return executor('member_sessions')
      .where({ member_id: memberId })
      .whereNull('revoked_at')
      .update({ revoked_at: nowSql(), session_key_enc: null });
  }

  async revoke(tokenHash: string): Promise<void> {
    await this.knex('member_sessions')
      .where({ token_hash: tokenHash })
      .update({ revoked_at: nowSql(), session_key_enc: null });
  }
}
