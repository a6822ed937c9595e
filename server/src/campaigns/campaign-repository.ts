import type { Knex } from 'knex';
import type { CampaignKind, DeclaredField } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';

export interface Campaign {
  id: string;
  code: string;
  kind: CampaignKind;
  title: string;
  description: string | null;
  stores: string[];
  collects: DeclaredField[];
  stockTotal: number;
  stockLeft: number;
  perMemberLimit: number;
  startsAt: string;
  endsAt: string;
  createdBy: string;
  createdAt: string;
}

export interface ClaimRecord {
  id: string;
  campaignId: string;
  pseudonym: string;
  tokenBody: string;
  storeCode: string;
  claimNo: number;
  fields: string[];
  valuesEnc: string | null;
  sensitiveEnc: string | null;
  createdAt: string;
}

export type NewClaim = Omit<ClaimRecord, 'claimNo' | 'createdAt'>;

export type ClaimOutcome =
  | { status: 'claimed'; claim: ClaimRecord }
  | { status: 'out-of-stock' }
  | { status: 'limit-reached' }
  | { status: 'duplicate' };

class LimitReached extends Error {}

// Pseudonyms D-7.2 account deletion moves rows to (account-service.ts): `anon_<hex>`. No live
// pseudonym starts with `anon` (they are `p_<hex>`), so the prefix needs no LIKE escape, which
// SQLite and MySQL would read differently.
const ERASED_PSEUDONYM = 'anon%';

/** Campaigns and their claims. The claim transaction is the only writer of stock_left. */
export class CampaignRepository {
  constructor(private readonly knex: Knex) {}

  /** False when the random code is taken (MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE). */
  async insert(campaign: Campaign): Promise<boolean> {
    try {
      await this.knex('campaigns').insert({
        id: campaign.id,
        code: campaign.code,
        kind: campaign.kind,
        title: campaign.title,
        description: campaign.description,
        stores: JSON.stringify(campaign.stores),
        collects: JSON.stringify(campaign.collects),
        stock_total: campaign.stockTotal,
        stock_left: campaign.stockLeft,
        per_member_limit: campaign.perMemberLimit,
        starts_at: campaign.startsAt,
        ends_at: campaign.endsAt,
        created_by: campaign.createdBy,
        created_at: campaign.createdAt,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<Campaign | undefined> {
    const row = await this.knex('campaigns').where({ id }).first();
    return row ? mapCampaign(row) : undefined;
  }

  async findByCode(code: string): Promise<Campaign | undefined> {
    const row = await this.knex('campaigns').where({ code }).first();
    return row ? mapCampaign(row) : undefined;
  }

  async findClaimByToken(
    campaignId: string,
    pseudonym: string,
    tokenBody: string,
  ): Promise<ClaimRecord | undefined> {
    const row = await this.knex('campaign_claims')
      .where({ campaign_id: campaignId, pseudonym, token_body: tokenBody })
      .first();
    return row ? mapClaim(row) : undefined;
  }

  async findClaim(campaignId: string, claimId: string): Promise<ClaimRecord | undefined> {
    const row = await this.knex('campaign_claims')
      .where({ campaign_id: campaignId, id: claimId })
      .first();
    return row ? mapClaim(row) : undefined;
  }

  async countClaims(campaignId: string, pseudonym?: string): Promise<number> {
    const query = this.knex('campaign_claims').where({ campaign_id: campaignId });
    if (pseudonym) query.andWhere({ pseudonym });
    const row = await query.count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  /**
   * One claim in one transaction. Taking stock comes first: the conditional UPDATE locks the
   * campaign row, so every claim of this campaign waits its turn here and the count below sees
   * every claim committed before it (InnoDB takes the read snapshot at the first plain read,
   * after the lock). Stock never goes below zero, and a claim that fails later rolls its unit
   * back with it. The unique keys backstop both rules.
   */
  async claimWithinStock(claim: NewClaim, perMemberLimit: number): Promise<ClaimOutcome> {
    try {
      return await this.knex.transaction(async (trx) => {
        const taken = await trx('campaigns')
          .where({ id: claim.campaignId })
          .andWhere('stock_left', '>', 0)
          .decrement('stock_left', 1);
        if (Number(taken) === 0) return { status: 'out-of-stock' as const };

        const row = await trx('campaign_claims')
          .where({ campaign_id: claim.campaignId, pseudonym: claim.pseudonym })
          .count({ n: '*' })
          .first();
        const claimsSoFar = Number(row?.n ?? 0);
        // Thrown, not returned, so the unit of stock taken above is rolled back.
        if (claimsSoFar >= perMemberLimit) throw new LimitReached();

        const record = { ...claim, claimNo: claimsSoFar + 1, createdAt: nowSql() };
        await trx('campaign_claims').insert(toClaimRow(record));
        return { status: 'claimed' as const, claim: record };
      });
    } catch (error) {
      if (error instanceof LimitReached) return { status: 'limit-reached' };
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE: the same token, or the same claim number,
      // was claimed by a concurrent request of this member; the transaction rolled back.
      if (isUniqueViolation(error)) return { status: 'duplicate' };
      throw error;
    }
  }

  async eraseSensitiveValue(claimId: string): Promise<void> {
    await this.knex('campaign_claims').where({ id: claimId }).update({ sensitive_enc: null });
  }

  /**
   * D-7.2: claims of deleted accounts keep their (anonymised) row for statistics, but their
   * form values go. Run before any read of values, so no deleted shopper's value is shown.
   */
  async eraseValuesOfDeletedMembers(): Promise<number> {
    return this.knex('campaign_claims')
      .where('pseudonym', 'like', ERASED_PSEUDONYM)
      .andWhere((query) => query.whereNotNull('values_enc').orWhereNotNull('sensitive_enc'))
      .update({ values_enc: null, sensitive_enc: null });
  }
}

function toClaimRow(claim: ClaimRecord) {
  return {
    id: claim.id,
    campaign_id: claim.campaignId,
    pseudonym: claim.pseudonym,
    token_body: claim.tokenBody,
    store_code: claim.storeCode,
    claim_no: claim.claimNo,
    fields: JSON.stringify(claim.fields),
    values_enc: claim.valuesEnc,
    sensitive_enc: claim.sensitiveEnc,
    created_at: claim.createdAt,
  };
}

function mapCampaign(row: Record<string, unknown>): Campaign {
  return {
    id: String(row.id),
    code: String(row.code),
    kind: row.kind as CampaignKind,
    title: String(row.title),
    description: (row.description as string | null) ?? null,
    stores: JSON.parse(String(row.stores)),
    collects: JSON.parse(String(row.collects)),
    stockTotal: Number(row.stock_total),
    stockLeft: Number(row.stock_left),
    perMemberLimit: Number(row.per_member_limit),
    startsAt: String(row.starts_at),
    endsAt: String(row.ends_at),
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
  };
}

function mapClaim(row: Record<string, unknown>): ClaimRecord {
  return {
    id: String(row.id),
    campaignId: String(row.campaign_id),
    pseudonym: String(row.pseudonym),
    tokenBody: String(row.token_body),
    storeCode: String(row.store_code),
    claimNo: Number(row.claim_no),
    fields: JSON.parse(String(row.fields)),
    valuesEnc: (row.values_enc as string | null) ?? null,
    sensitiveEnc: (row.sensitive_enc as string | null) ?? null,
    createdAt: String(row.created_at),
  };
}
