import type { Knex } from 'knex';
import type { PurposeId } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

export type ConsentStatus = 'granted' | 'refused' | 'withdrawn';

export interface ConsentRecord {
  id: number;
  pseudonym: string;
  purpose: PurposeId;
  noticeVersion: number;
  status: ConsentStatus;
  channel: string;
  needsReconsent: boolean;
  decidedAt: string;
  withdrawnAt: string | null;
}

export interface ConsentEvent {
  purpose: PurposeId;
  noticeVersion: number;
  action: 'granted' | 'refused' | 'withdrawn';
  channel: string;
  at: string;
}

async function appendEvent(
  executor: Knex | Knex.Transaction,
  event: {
    pseudonym: string;
    purpose: string;
    notice_version: number;
    action: string;
    channel: string;
  },
): Promise<void> {
  await executor('consent_events').insert({ ...event, at: nowSql() });
}

export class ConsentRepository {
  constructor(private readonly knex: Knex) {}

  /** Record a decision for a notice version; deciding again on the same version replaces it. */
  async decide(
    executor: Knex | Knex.Transaction,
    decision: {
      pseudonym: string;
      purpose: PurposeId;
      noticeVersion: number;
      status: 'granted' | 'refused';
      channel: string;
    },
  ): Promise<void> {
    const key = {
      pseudonym: decision.pseudonym,
      purpose: decision.purpose,
      notice_version: decision.noticeVersion,
    };
    const columns = {
      status: decision.status,
      channel: decision.channel,
      needs_reconsent: false,
      decided_at: nowSql(),
      withdrawn_at: null,
    };
    // Insert first: an UPDATE of a missing key takes a gap lock on MySQL, and concurrent
    // sign-ups then deadlock (errno 1213). A duplicate key means a decision to replace.
    try {
      await executor('consents').insert({ ...key, ...columns });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await executor('consents').where(key).update(columns);
    }
    await appendEvent(executor, { ...key, action: decision.status, channel: decision.channel });
  }

  async withdraw(
    executor: Knex | Knex.Transaction,
    pseudonym: string,
    purpose: PurposeId,
    channel: string,
  ): Promise<number> {
    const granted = await executor('consents')
      .where({ pseudonym, purpose, status: 'granted' })
      .select('notice_version');
    if (granted.length === 0) return 0;
    await executor('consents')
      .where({ pseudonym, purpose, status: 'granted' })
      .update({ status: 'withdrawn', withdrawn_at: nowSql() });
    for (const row of granted) {
      await appendEvent(executor, {
        pseudonym,
        purpose,
        notice_version: row.notice_version,
        action: 'withdrawn',
        channel,
      });
    }
    return granted.length;
  }

  /** Every decision ever taken, oldest first. */
  async events(pseudonym: string): Promise<ConsentEvent[]> {
    const rows = await this.knex('consent_events').where({ pseudonym }).orderBy('id');
    return rows.map((row: Record<string, unknown>) => ({
      purpose: row.purpose as PurposeId,
      noticeVersion: Number(row.notice_version),
      action: row.action as ConsentEvent['action'],
      channel: String(row.channel),
      at: String(row.at),
    }));
  }

  /** The newest decision per purpose: that is the shopper's current choice. */
  async latestPerPurpose(
    pseudonym: string,
    executor: Knex | Knex.Transaction = this.knex,
  ): Promise<ConsentRecord[]> {
    const rows = await executor('consents')
      .where({ pseudonym })
      .orderBy([
        { column: 'purpose' },
        { column: 'notice_version', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    const latest = new Map<string, ConsentRecord>();
    for (const row of rows.map(mapConsent))
      if (!latest.has(row.purpose)) latest.set(row.purpose, row);
    return [...latest.values()];
  }

  async history(pseudonym: string): Promise<ConsentRecord[]> {
    const rows = await this.knex('consents').where({ pseudonym }).orderBy('id');
    return rows.map(mapConsent);
  }

  /** U-6.1.2: consents given under older notices for purposes whose scope widened. */
  async markNeedsReconsent(
    executor: Knex | Knex.Transaction,
    purposes: PurposeId[],
    beforeVersion: number,
  ): Promise<number> {
    if (purposes.length === 0) return 0;
    return executor('consents')
      .whereIn('purpose', purposes)
      .andWhere('notice_version', '<', beforeVersion)
      .andWhere({ status: 'granted' })
      .update({ needs_reconsent: true });
  }

  /** D-7.2: move a deleted member's consent records to an unlinkable pseudonym. */
  async anonymise(
    executor: Knex | Knex.Transaction,
    pseudonym: string,
    anonymous: string,
  ): Promise<number> {
    return executor('consents').where({ pseudonym }).update({ pseudonym: anonymous });
  }
}

function mapConsent(row: Record<string, unknown>): ConsentRecord {
  return {
    id: Number(row.id),
    pseudonym: String(row.pseudonym),
    purpose: row.purpose as PurposeId,
    noticeVersion: Number(row.notice_version),
    status: row.status as ConsentStatus,
    channel: String(row.channel),
    needsReconsent: Boolean(Number(row.needs_reconsent)),
    decidedAt: String(row.decided_at),
    withdrawnAt: (row.withdrawn_at as string | null) ?? null,
  };
}
