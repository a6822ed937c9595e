import {
  AppError,
  assertCampaignOpen,
  assertCampaignTerms,
  assertClaimFields,
  campaignWindowState,
  CLAIM_FIELD_LABELS,
  CONSENT_PURPOSES,
  decodeBase32Number,
  encodeBase32Number,
  normaliseClaimValues,
  NotFoundError,
  purposesForFields,
  type ClaimField,
  type DeclaredField,
} from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { AuditLog } from '../platform/audit/audit-log';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import { isRetryableTransactionError } from '../platform/db/database-errors';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';
import type { Campaign, CampaignRepository, ClaimRecord, NewClaim } from './campaign-repository';
import type { ClaimAnswerShape, ClaimInput, CreateCampaignInput } from './campaign-schemas';
import { campaignClaimAad } from './claim-ciphertext';
import type { CollectionTokens } from './collection-tokens';
import type { PurposeFields } from './purpose-fields';
import { qrTargets, type QrTargets } from './qr-codes';
import { newCode, newRowId } from './random-codes';

// A campaign token's body: six characters of campaign code, two of store slot (its index in
// the campaign's store list), so each store's QR code says where the claim was made.
const CAMPAIGN_CODE_LENGTH = 6;
const STORE_SLOT_LENGTH = 2;
const CREATE_ATTEMPTS = 5;
const CLAIM_ATTEMPTS = 5;

interface ResolvedToken {
  campaign: Campaign;
  storeCode: string;
  tokenBody: string;
  token: string;
}

/**
 * QR campaigns for gifts, coupons and samples (C-4.2.2.3, C-4.2.2.4): staff define them, each
 * store gets a QR code holding a signed token, members claim with only the declared fields.
 */
export class CampaignService {
  constructor(
    private readonly repository: CampaignRepository,
    private readonly tokens: CollectionTokens,
    private readonly consents: ConsentService,
    private readonly purposeFields: PurposeFields,
    private readonly cipher: VaultCipher,
    private readonly audit: AuditLog,
  ) {}

  async create(input: CreateCampaignInput, staffId: string, origin: string) {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    assertCampaignTerms({ ...input, startsAt, endsAt });

    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt += 1) {
      const campaign: Campaign = {
        id: newRowId('cp'),
        code: newCode(CAMPAIGN_CODE_LENGTH),
        kind: input.kind,
        title: input.title,
        description: input.description ?? null,
        stores: input.stores,
        collects: input.collects,
        stockTotal: input.stock,
        stockLeft: input.stock,
        perMemberLimit: input.perMemberLimit,
        startsAt: toSqlDateTime(startsAt),
        endsAt: toSqlDateTime(endsAt),
        createdBy: `staff:${staffId}`,
        createdAt: nowSql(),
      };
      if (await this.repository.insert(campaign)) return this.summaryOf(campaign, origin);
    }
    throw new AppError('CONFLICT');
  }

  async summary(campaignId: string, origin: string) {
    return this.summaryOf(await this.requireCampaign(campaignId), origin);
  }

  /** The QR targets of one store's code; the first store when none is named. */
  async qrFor(
    campaignId: string,
    storeCode: string | undefined,
    origin: string,
  ): Promise<QrTargets> {
    const campaign = await this.requireCampaign(campaignId);
    const slot = storeCode === undefined ? 0 : campaign.stores.indexOf(storeCode);
    if (slot < 0) throw new AppError('CAMPAIGN_STORE_NOT_INCLUDED', { details: { storeCode } });
    return qrTargets('campaign', this.tokenFor(campaign, slot), origin);
  }

  /** What the shopper sees before claiming: what is collected, why, and whether they can. */
  async describe(tokenText: string, pseudonym?: string) {
    const resolved = await this.resolve(tokenText);
    const { campaign } = resolved;
    const mine = pseudonym ? await this.memberState(resolved, pseudonym) : undefined;
    return {
      token: resolved.token,
      kind: campaign.kind,
      title: campaign.title,
      description: campaign.description,
      storeCode: resolved.storeCode,
      startsAt: isoOf(campaign.startsAt),
      endsAt: isoOf(campaign.endsAt),
      state: campaignWindowState(windowOf(campaign), new Date()),
      stockLeft: campaign.stockLeft,
      perMemberLimit: campaign.perMemberLimit,
      collects: campaign.collects.map(describeField),
      // C-4.2.2.3: binding a phone number is optional, and the form says so.
      phoneOptional: true,
      mine,
    };
  }

  /**
   * Claim once: the same member scanning the same code again gets the first answer back
   * (`repeated`), stock goes down exactly once per successful claim, and no member exceeds the
   * campaign's per-member limit, however many requests arrive at once.
   */
  async claim(pseudonym: string, tokenText: string, input: ClaimInput): Promise<ClaimAnswerShape> {
    const resolved = await this.resolve(tokenText);
    const { campaign } = resolved;
    let prepared: NewClaim | undefined;
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt += 1) {
      const earlier = await this.repository.findClaimByToken(
        campaign.id,
        pseudonym,
        resolved.tokenBody,
      );
      if (earlier) return answerOf(campaign, earlier, true);

      prepared ??= await this.prepareClaim(resolved, pseudonym, input);
      const outcome = await this.repository
        .claimWithinStock(prepared, campaign.perMemberLimit)
        .catch((error: unknown) => {
          // MySQL errno 1213 / 1205: the transaction rolled back whole, so it may run again.
          if (isRetryableTransactionError(error)) return { status: 'retry' as const };
          throw error;
        });
      if (outcome.status === 'claimed') return answerOf(campaign, outcome.claim, false);
      if (outcome.status === 'out-of-stock') throw new AppError('CAMPAIGN_OUT_OF_STOCK');
      if (outcome.status === 'limit-reached')
        await this.throwLimitUnlessRepeated(resolved, pseudonym);
      // 'duplicate' or 'retry': look again; a concurrent twin's claim is now the first answer.
    }
    throw new AppError('CONFLICT');
  }

  /** Staff at the counter read a claim's form values to hand the gift over; audited (S-5.5). */
  async readClaimValues(campaignId: string, claimId: string, staffId: string) {
    await this.repository.eraseValuesOfDeletedMembers();
    const campaign = await this.requireCampaign(campaignId);
    const claim = await this.repository.findClaim(campaignId, claimId);
    if (!claim) throw new NotFoundError('CLAIM_NOT_FOUND');

    const values: Partial<Record<ClaimField, string>> = claim.valuesEnc
      ? JSON.parse(await this.cipher.decrypt(claim.valuesEnc, campaignClaimAad('values', claim.id)))
      : {};
    if (claim.sensitiveEnc && (await this.isSensitiveWithdrawn(claim)))
      await this.repository.eraseSensitiveValue(claim.id);
    else if (claim.sensitiveEnc)
      values.resident_id = await this.cipher.decrypt(
        claim.sensitiveEnc,
        campaignClaimAad('sensitive', claim.id),
      );
    await this.audit.record([
      {
        actor: `staff:${staffId}`,
        action: 'decrypt',
        purpose: 'campaign-fulfilment',
        field: 'campaign_claims.values',
        subject: claim.pseudonym,
        details: { campaignId, claimId, fields: Object.keys(values) },
      },
    ]);
    return { ...answerOf(campaign, claim, false), values };
  }

  /**
   * C-4.1.2b / C-4.1.3b: an ID number was collected only under the separate sensitive consent;
   * once that is withdrawn it is erased, not shown. (Withdrawal does not call into this module
   * yet, so the erasure happens at the first read after it.)
   */
  private async isSensitiveWithdrawn(claim: ClaimRecord): Promise<boolean> {
    const states = await this.consents.states(claim.pseudonym);
    return !states.some((state) => state.purpose === 'sensitive_id' && state.active);
  }

  private async prepareClaim(
    resolved: ResolvedToken,
    pseudonym: string,
    input: ClaimInput,
  ): Promise<NewClaim> {
    const { campaign } = resolved;
    assertCampaignOpen(windowOf(campaign), new Date());
    const given = Object.fromEntries(
      Object.entries(input.fields).filter(([, value]) => value.trim() !== ''),
    );
    const fields = Object.keys(given);
    for (const purpose of purposesForFields(campaign.collects, fields))
      await this.consents.require(pseudonym, purpose);
    assertClaimFields(campaign.collects, fields, await this.purposeFields.active(pseudonym));

    const id = newRowId('cl');
    const { resident_id: residentId, ...ordinary } = normaliseClaimValues(given);
    return {
      id,
      campaignId: campaign.id,
      pseudonym,
      tokenBody: resolved.tokenBody,
      storeCode: resolved.storeCode,
      fields,
      valuesEnc:
        Object.keys(ordinary).length > 0
          ? await this.cipher.encrypt(
              'identity',
              campaignClaimAad('values', id),
              JSON.stringify(ordinary),
            )
          : null,
      sensitiveEnc: residentId
        ? await this.cipher.encrypt('sensitive', campaignClaimAad('sensitive', id), residentId)
        : null,
    };
  }

  private async throwLimitUnlessRepeated(resolved: ResolvedToken, pseudonym: string) {
    const twin = await this.repository.findClaimByToken(
      resolved.campaign.id,
      pseudonym,
      resolved.tokenBody,
    );
    if (!twin)
      throw new AppError('CLAIM_LIMIT_REACHED', {
        details: { limit: resolved.campaign.perMemberLimit },
      });
  }

  private async memberState(resolved: ResolvedToken, pseudonym: string) {
    const claims = await this.repository.countClaims(resolved.campaign.id, pseudonym);
    const withThisCode = await this.repository.findClaimByToken(
      resolved.campaign.id,
      pseudonym,
      resolved.tokenBody,
    );
    return {
      claims,
      claimedWithThisCode: Boolean(withThisCode),
      limitReached: claims >= resolved.campaign.perMemberLimit,
    };
  }

  private async resolve(tokenText: string): Promise<ResolvedToken> {
    const verified = this.tokens.verify(tokenText, 'campaign');
    const campaign = await this.repository.findByCode(verified.body.slice(0, CAMPAIGN_CODE_LENGTH));
    if (!campaign) throw new NotFoundError('CAMPAIGN_NOT_FOUND');
    const slot = decodeBase32Number(verified.body.slice(CAMPAIGN_CODE_LENGTH)) ?? -1;
    const storeCode = campaign.stores[slot];
    if (storeCode === undefined) throw new AppError('CAMPAIGN_STORE_NOT_INCLUDED');
    return { campaign, storeCode, tokenBody: verified.body, token: verified.token };
  }

  private tokenFor(campaign: Campaign, slot: number): string {
    return this.tokens.sign(
      'campaign',
      campaign.code + encodeBase32Number(slot, STORE_SLOT_LENGTH),
    );
  }

  private async requireCampaign(campaignId: string): Promise<Campaign> {
    const campaign = await this.repository.findById(campaignId);
    if (!campaign) throw new NotFoundError('CAMPAIGN_NOT_FOUND');
    return campaign;
  }

  private async summaryOf(campaign: Campaign, origin: string) {
    return {
      id: campaign.id,
      kind: campaign.kind,
      title: campaign.title,
      stockTotal: campaign.stockTotal,
      stockLeft: campaign.stockLeft,
      claims: await this.repository.countClaims(campaign.id),
      perMemberLimit: campaign.perMemberLimit,
      startsAt: isoOf(campaign.startsAt),
      endsAt: isoOf(campaign.endsAt),
      collects: campaign.collects.map(describeField),
      codes: campaign.stores.map((storeCode, slot) => ({
        storeCode,
        ...qrTargets('campaign', this.tokenFor(campaign, slot), origin),
      })),
    };
  }
}

function windowOf(campaign: Campaign) {
  return { startsAt: fromSqlDateTime(campaign.startsAt), endsAt: fromSqlDateTime(campaign.endsAt) };
}

function isoOf(sqlTime: string): string {
  return fromSqlDateTime(sqlTime).toISOString();
}

function describeField(declared: DeclaredField) {
  return {
    field: declared.field,
    label: CLAIM_FIELD_LABELS[declared.field],
    purpose: declared.purpose,
    purposeTitle: CONSENT_PURPOSES[declared.purpose].title,
    required: declared.required,
    why: declared.why,
  };
}

function answerOf(campaign: Campaign, claim: ClaimRecord, repeated: boolean): ClaimAnswerShape {
  return {
    claimId: claim.id,
    campaignTitle: campaign.title,
    kind: campaign.kind,
    storeCode: claim.storeCode,
    claimNo: claim.claimNo,
    claimedAt: isoOf(claim.createdAt),
    fields: claim.fields,
    repeated,
  };
}
