import type { Knex } from 'knex';
import type { CollectedField, PurposeId } from '@memberkit/shared';
import { nowSql } from '../platform/db/sql-time';

/** What a notice version covers: for each purpose, the fields it allows under that version. */
export type NoticeScope = Partial<Record<PurposeId, CollectedField[]>>;

export interface PrivacyNotice {
  version: number;
  text: string;
  textHash: string;
  scope: NoticeScope;
  publishedBy: string;
  publishedAt: string;
}

export class NoticeRepository {
  constructor(private readonly knex: Knex) {}

  async latest(executor: Knex | Knex.Transaction = this.knex): Promise<PrivacyNotice | undefined> {
    const row = await executor('privacy_notices').orderBy('version', 'desc').first();
    return row ? mapNotice(row) : undefined;
  }

  async find(version: number): Promise<PrivacyNotice | undefined> {
    const row = await this.knex('privacy_notices').where({ version }).first();
    return row ? mapNotice(row) : undefined;
  }

  async insert(
    executor: Knex | Knex.Transaction,
    notice: Omit<PrivacyNotice, 'publishedAt'>,
  ): Promise<void> {
    await executor('privacy_notices').insert({
      version: notice.version,
      text: notice.text,
      text_hash: notice.textHash,
      scope: JSON.stringify(notice.scope),
      published_by: notice.publishedBy,
      published_at: nowSql(),
    });
  }
}

function mapNotice(row: Record<string, unknown>): PrivacyNotice {
  return {
    version: Number(row.version),
    text: String(row.text),
    textHash: String(row.text_hash),
    scope: JSON.parse(String(row.scope)) as NoticeScope,
    publishedBy: String(row.published_by),
    publishedAt: String(row.published_at),
  };
}
