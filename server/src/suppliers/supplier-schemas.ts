import { COLLECTED_FIELDS } from '@memberkit/shared';
import { z } from 'zod';
import { printable } from '../members/member-schemas';

export const SupplierCodeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);

/**
 * Text the privacy officer types and the register and its audit trail show again: the same
 * check as member names, so no control character or bidirectional override can make one
 * supplier or purpose read as another.
 */
const RegisterText = (max: number) =>
  z.string().trim().min(1).max(max).refine(printable, 'control characters');

/** A calendar date as written on an agreement; refused unless it is a real day. */
const CalendarDate = z.iso.date();

export const NewSupplierBody = z.strictObject({
  code: SupplierCodeSchema,
  name: RegisterText(100),
  purpose: RegisterText(200),
  // The fields from the consent catalogue the supplier receives (C-4.1.1 names each one).
  fields: z.array(z.enum(COLLECTED_FIELDS)).min(1).max(COLLECTED_FIELDS.length),
});

export const NewAgreementBody = z.strictObject({
  reference: z.string().regex(/^[\w./-]{1,64}$/),
  signedOn: CalendarDate,
  expiresOn: CalendarDate,
  documentSha256: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/)
    .optional(),
});

export const EndSupplierBody = z.strictObject({
  reason: RegisterText(200),
});

const AgreementSchema = z.object({
  id: z.string(),
  supplierCode: z.string(),
  reference: z.string(),
  signedOn: z.string(),
  expiresOn: z.string(),
  documentSha256: z.string().nullable(),
  recordedBy: z.string(),
  recordedAt: z.string(),
});

export const SupplierViewSchema = z.object({
  code: z.string(),
  name: z.string(),
  purpose: z.string(),
  fields: z.array(z.string()),
  status: z.enum(['active', 'ended']),
  createdBy: z.string(),
  createdAt: z.string(),
  endedBy: z.string().nullable(),
  endedAt: z.string().nullable(),
  agreementState: z.enum(['valid', 'expiring', 'expired', 'none', 'ended']),
  agreementInForce: AgreementSchema.nullable(),
  agreements: z.array(AgreementSchema),
});
