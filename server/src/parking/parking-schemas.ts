import { z } from 'zod';
import { TariffSchema } from './parking-policy';

const CAMERA_SERIAL = z.string().regex(/^[\w.:-]{1,48}$/);

/** A camera read as the adapter forwards it (lpr-camera-push.md, AlarmInfoPlate). */
export const GateEventBody = z.strictObject({
  cameraSerial: CAMERA_SERIAL,
  recordId: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  occurredAt: z.number().int().min(0).max(1e11),
  plate: z.string().max(24).nullable(),
  confidence: z.number().int().min(0).max(100).optional(),
  cameraOffline: z.boolean().optional(),
  cameraClockOff: z.boolean().optional(),
  outcome: z.strictObject({ opened: z.boolean() }).optional(),
});

export const GateDecisionSchema = z.object({
  open: z.boolean(),
  reason: z.string(),
  display: z.array(z.string()),
  voice: z.string(),
  feeFen: z.number().nullable(),
  replayed: z.boolean(),
});

export const OfflineRulesSchema = z.object({
  generatedAt: z.string(),
  lots: z.array(
    z.object({
      lotId: z.string(),
      hashKey: z.string(),
      unknownEntry: z.enum(['open', 'closed']),
      gates: z.array(z.object({ cameraSerial: z.string(), direction: z.enum(['entry', 'exit']) })),
      passes: z.array(z.object({ plateHash: z.string(), validUntil: z.string() })),
      paid: z.array(z.object({ plateHash: z.string(), graceUntil: z.string() })),
    }),
  ),
});

export const GateCommandsSchema = z.object({
  commands: z.array(
    z.object({
      id: z.string(),
      cameraSerial: z.string(),
      kind: z.enum(['open', 'trigger']),
      reason: z.string(),
      expiresAt: z.string(),
    }),
  ),
});

export const PlateBody = z.strictObject({ plate: z.string().min(1).max(24) });

const STATUS = z.enum(['free', 'paid', 'pass', 'fee-due']);

export const StaySummarySchema = z.object({
  status: STATUS,
  dueFen: z.number(),
  grossFen: z.number(),
  paidFen: z.number(),
  withinGrace: z.boolean(),
  stayMinutes: z.number(),
  freeMinutesApplied: z.number(),
  benefits: z
    .object({ hasActivePass: z.boolean(), tierFreeHours: z.number(), spendFreeHours: z.number() })
    .nullable(),
});

export const MemberStaySchema = StaySummarySchema.extend({
  sessionId: z.string(),
  lotName: z.string(),
  plate: z.string().nullable(),
  entryAt: z.string(),
});

export const PaymentSchema = z.object({
  orderId: z.string(),
  status: z.enum(['pending', 'paid', 'closed']),
  dueFen: z.number(),
  amountFen: z.number(),
  pointsUsed: z.number(),
  pointsOffsetFen: z.number(),
  expiresAt: z.string(),
  jsapi: z
    .object({
      timeStamp: z.string(),
      nonceStr: z.string(),
      package: z.string(),
      signType: z.string(),
      paySign: z.string(),
    })
    .optional(),
  codeUrl: z.string().optional(),
});

export const NewLotBody = z.strictObject({
  name: z.string().min(1).max(100),
  tariff: TariffSchema,
  /** Checked whole by parsePolicy (LotPolicySchema); missing fields take their defaults. */
  policy: z.record(z.string(), z.unknown()).optional(),
});

export const LotSchema = z.object({
  id: z.string(),
  name: z.string(),
  tariff: TariffSchema,
  policy: z.record(z.string(), z.unknown()),
});

export const NewGateBody = z.strictObject({
  name: z.string().min(1).max(100),
  direction: z.enum(['entry', 'exit']),
  cameraSerial: CAMERA_SERIAL,
  deviceId: z.string().min(1).max(40),
});

export const NewPassBody = z.strictObject({
  cardNo: z.string().regex(/^\d{10}$/),
  lotId: z.string().min(1).max(32),
  validFrom: z.iso.datetime({ offset: true }),
  validUntil: z.iso.datetime({ offset: true }),
});

export const ResolveReviewBody = z.strictObject({
  sessionId: z.string().min(1).max(32).nullable(),
  openGate: z.boolean().default(false),
});
