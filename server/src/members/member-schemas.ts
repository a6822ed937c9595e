import { PURPOSE_IDS } from '@memberkit/shared';
import { z } from 'zod';

const codePoints = (max: number) => (value: string) => [...value].length <= max;

// Control characters and bidirectional overrides make a name display as something else.
const PRINTABLE = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]*$/u;
/** Also used for other names staff and members read (the supplier register). */
export const printable = (value: string) => PRINTABLE.test(value);

/** A birth date someone alive could have: from 1900-01-01 up to today. */
const plausibleBirthDate = (value: string) =>
  value >= '1900-01-01' && value <= new Date().toISOString().slice(0, 10);

export const ChannelSchema = z.enum(['weapp', 'h5', 'website', 'service-desk']);

export const ProfileSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1)
    .refine(codePoints(40), 'at most 40 characters')
    .refine(printable, 'control characters')
    .optional(),
  gender: z.enum(['female', 'male', 'undisclosed']).optional(),
  birthDate: z.iso.date().refine(plausibleBirthDate, 'not a plausible birth date').optional(),
  province: z.string().trim().min(1).refine(codePoints(20), 'at most 20 characters').optional(),
  address: z.string().trim().min(1).refine(codePoints(120), 'at most 120 characters').optional(),
  nickname: z
    .string()
    .trim()
    .min(1)
    .refine(codePoints(20), 'at most 20 characters')
    .refine(printable, 'control characters')
    .optional(),
});

/** C-4.2.1.3b: optional fields, added only if the shopper chooses; null removes one. */
export const OptionalFieldsSchema = z.strictObject({
  email: z.email().max(120).nullable().optional(),
  shippingAddress: z.string().trim().min(1).refine(codePoints(120)).nullable().optional(),
  invoiceTitle: z.string().trim().min(1).refine(codePoints(60)).nullable().optional(),
  residentId: z.string().trim().min(15).max(18).optional(),
  plate: z.string().trim().min(7).max(10).optional(),
});

export const ConsentChoicesSchema = z.partialRecord(z.enum(PURPOSE_IDS), z.boolean());

export const SignUpSchema = z.strictObject({
  ticket: z.string().min(10).max(2000),
  noticeVersion: z.number().int().min(1),
  channel: ChannelSchema,
  choices: ConsentChoicesSchema,
  profile: ProfileSchema.default({}),
  optional: OptionalFieldsSchema.default({}),
  guideCode: z
    .string()
    .regex(/^[A-Za-z0-9]{2,16}$/)
    .optional(),
});

export type SignUpInput = z.output<typeof SignUpSchema>;
export type ProfileInput = z.output<typeof ProfileSchema>;
export type OptionalFieldsInput = z.output<typeof OptionalFieldsSchema>;
