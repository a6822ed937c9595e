import { CAMPAIGN_KINDS, CLAIM_FIELDS, PURPOSE_IDS } from '@memberkit/shared';
import { z } from 'zod';

export const StoreCodeSchema = z.string().regex(/^[A-Za-z0-9-]{1,16}$/);

export const DeclaredFieldSchema = z.strictObject({
  field: z.enum(CLAIM_FIELDS),
  purpose: z.enum(PURPOSE_IDS),
  required: z.boolean().default(false),
  why: z.string().trim().min(1).max(200),
});

export const CreateCampaignSchema = z.strictObject({
  kind: z.enum(CAMPAIGN_KINDS),
  title: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000).optional(),
  stock: z.number().int().min(1).max(1_000_000),
  perMemberLimit: z.number().int().min(1).max(100).default(1),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }),
  stores: z.array(StoreCodeSchema).min(1).max(1024),
  collects: z.array(DeclaredFieldSchema).max(CLAIM_FIELDS.length).default([]),
});

export type CreateCampaignInput = z.output<typeof CreateCampaignSchema>;

/**
 * The claim form: field name -> value. Names are checked against the campaign's declaration
 * by the claim rules (FIELD_NOT_ALLOWED naming the field), so the schema only bounds them.
 */
export const ClaimSchema = z.strictObject({
  fields: z.record(z.string().regex(/^[a-z_]{1,32}$/), z.string().max(200)).default({}),
});

export type ClaimInput = z.output<typeof ClaimSchema>;

export const CollectsAnswer = z.array(
  z.object({
    field: z.string(),
    label: z.string(),
    purpose: z.string(),
    purposeTitle: z.string(),
    required: z.boolean(),
    why: z.string(),
  }),
);

export const ClaimAnswer = z.object({
  claimId: z.string(),
  campaignTitle: z.string(),
  kind: z.string(),
  storeCode: z.string(),
  claimNo: z.number(),
  claimedAt: z.string(),
  fields: z.array(z.string()),
  repeated: z.boolean(),
});

export type ClaimAnswerShape = z.input<typeof ClaimAnswer>;
