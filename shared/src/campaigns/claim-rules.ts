import { CONSENT_PURPOSES, type CollectedField, type PurposeId } from '../consent/consent-purposes';
import { AppError, ValidationError } from '../errors/app-error';
import { normalizePhone } from '../identity/normalize-phone';
import { parseResidentId } from '../identity/parse-resident-id';

/** C-4.2.2.3 gifts and coupons, C-4.2.2.4 product samples. */
export const CAMPAIGN_KINDS = ['gift', 'coupon', 'sample'] as const;

export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/**
 * The catalogue fields a claim form may ask for (C-4.2.2.3: name, birth date, ID number,
 * address, phone, contact). Each must be declared by the campaign with a purpose whose field
 * list holds it (C-4.1.1); "interests" has no catalogue field yet and cannot be asked for.
 */
export const CLAIM_FIELDS = [
  'name',
  'gender',
  'birth_date',
  'address',
  'phone',
  'email',
  'shipping_address',
  'resident_id',
] as const satisfies readonly CollectedField[];

export type ClaimField = (typeof CLAIM_FIELDS)[number];

/** What the claim form shows beside each field (Simplified Chinese, as the mini-program). */
export const CLAIM_FIELD_LABELS: Readonly<Record<ClaimField, string>> = {
  name: '姓名',
  gender: '性别',
  birth_date: '出生日期',
  address: '地址',
  phone: '手机号',
  email: '电子邮箱',
  shipping_address: '收货地址',
  resident_id: '身份证号',
};

export interface DeclaredField {
  field: ClaimField;
  purpose: PurposeId;
  required: boolean;
  /** Why the campaign needs it, shown to the shopper before they fill it in (C-4.1.2a). */
  why: string;
}

export interface CampaignTerms {
  startsAt: Date;
  endsAt: Date;
  stock: number;
  perMemberLimit: number;
  stores: readonly string[];
  collects: readonly DeclaredField[];
}

/** Store slots are two base32 characters in the token. */
export const MAX_CAMPAIGN_STORES = 1024;

function invalid(reason: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError('CAMPAIGN_INVALID', { details: { reason, ...extra } });
}

/** Refuse a campaign definition that could not be claimed lawfully or at all. CAMPAIGN_INVALID. */
export function assertCampaignTerms(terms: CampaignTerms): void {
  if (!(terms.endsAt.getTime() > terms.startsAt.getTime())) throw invalid('window');
  if (!Number.isInteger(terms.stock) || terms.stock < 1) throw invalid('stock');
  if (!Number.isInteger(terms.perMemberLimit) || terms.perMemberLimit < 1)
    throw invalid('per-member limit');
  const stores = new Set(terms.stores);
  if (stores.size === 0 || stores.size !== terms.stores.length) throw invalid('stores');
  if (stores.size > MAX_CAMPAIGN_STORES) throw invalid('stores');

  const seen = new Set<ClaimField>();
  for (const declared of terms.collects) {
    if (seen.has(declared.field)) throw invalid('field declared twice', { field: declared.field });
    seen.add(declared.field);
    assertDeclaredField(declared);
  }
}

function assertDeclaredField(declared: DeclaredField): void {
  // C-4.1.1: the purpose named must be one whose notice lists this field.
  const purpose = CONSENT_PURPOSES[declared.purpose];
  if (!purpose || !purpose.fields.includes(declared.field))
    throw invalid('purpose does not cover field', {
      field: declared.field,
      purpose: declared.purpose,
    });
  // C-4.2.2.3: binding a phone is optional for a claim, so a campaign cannot demand one.
  if (declared.field === 'phone' && declared.required)
    throw invalid('phone is always optional', { field: 'phone' });
  if (declared.why.trim() === '') throw invalid('why is missing', { field: declared.field });
}

export type CampaignWindowState = 'upcoming' | 'open' | 'ended';

/** Open from startsAt (inclusive) until endsAt (exclusive). */
export function campaignWindowState(
  window: Pick<CampaignTerms, 'startsAt' | 'endsAt'>,
  now: Date,
): CampaignWindowState {
  if (now.getTime() < window.startsAt.getTime()) return 'upcoming';
  if (now.getTime() >= window.endsAt.getTime()) return 'ended';
  return 'open';
}

export function assertCampaignOpen(
  window: Pick<CampaignTerms, 'startsAt' | 'endsAt'>,
  now: Date,
): void {
  const state = campaignWindowState(window, now);
  if (state === 'upcoming') throw new AppError('CAMPAIGN_NOT_STARTED');
  if (state === 'ended') throw new AppError('CAMPAIGN_ENDED');
}

/** The purposes the submitted fields are collected for, by the campaign's declaration. */
export function purposesForFields(
  declared: readonly DeclaredField[],
  submitted: Iterable<string>,
): PurposeId[] {
  const purposes = new Set<PurposeId>();
  for (const field of submitted) {
    const declaration = declared.find((candidate) => candidate.field === field);
    if (declaration) purposes.add(declaration.purpose);
  }

  return [...purposes];
}

/**
 * C-4.1.3a on a claim: only declared fields, each under its declared purpose, which the member
 * has consented to and whose notice scope holds the field (C-4.1.3b: the field must be allowed
 * for that purpose, not merely for some other one); every required field present. Names the
 * field (never its value). FIELD_NOT_ALLOWED, CONSENT_REQUIRED, CLAIM_FIELD_REQUIRED.
 * `fieldsByPurpose` holds the member's active purposes only.
 */
export function assertClaimFields(
  declared: readonly DeclaredField[],
  submitted: Iterable<string>,
  fieldsByPurpose: ReadonlyMap<PurposeId, ReadonlySet<CollectedField>>,
): void {
  const given = new Set(submitted);
  for (const field of given) {
    const declaration = declared.find((candidate) => candidate.field === field);
    if (!declaration)
      throw new AppError('FIELD_NOT_ALLOWED', { details: { field, reason: 'not declared' } });
    const allowed = fieldsByPurpose.get(declaration.purpose);
    if (!allowed)
      throw new AppError('CONSENT_REQUIRED', { details: { purpose: declaration.purpose, field } });
    if (!allowed.has(declaration.field))
      throw new AppError('FIELD_NOT_ALLOWED', {
        details: { field, purpose: declaration.purpose },
      });
  }

  const missing = declared.find(
    (declaration) => declaration.required && !given.has(declaration.field),
  );
  if (missing) throw new AppError('CLAIM_FIELD_REQUIRED', { details: { field: missing.field } });
}

/** A member never holds more than the per-member limit of one campaign. CLAIM_LIMIT_REACHED. */
export function assertWithinMemberLimit(claimsSoFar: number, perMemberLimit: number): void {
  if (claimsSoFar >= perMemberLimit)
    throw new AppError('CLAIM_LIMIT_REACHED', { details: { limit: perMemberLimit } });
}

const GENDERS = ['female', 'male', 'undisclosed'];
const MAX_TEXT_CODE_POINTS = 120;

/**
 * Claim form values in the form they are stored: phone and ID number normalised (PHONE_INVALID,
 * RESIDENT_ID_INVALID), a real calendar date, a known gender, trimmed text of sensible length
 * (VALIDATION_FAILED naming the field). Empty values count as not given.
 */
export function normaliseClaimValues(
  values: Partial<Record<ClaimField, string>>,
): Partial<Record<ClaimField, string>> {
  const normalised: Partial<Record<ClaimField, string>> = {};
  for (const [field, raw] of Object.entries(values) as Array<[ClaimField, string | undefined]>) {
    const text = String(raw ?? '').trim();
    if (text !== '') normalised[field] = normaliseValue(field, text);
  }

  return normalised;
}

function normaliseValue(field: ClaimField, text: string): string {
  if (field === 'phone') return normalizePhone(text);
  if (field === 'resident_id') return parseResidentId(text).id;
  if (field === 'birth_date' && !isCalendarDate(text)) throw badValue(field, 'not a date');
  if (field === 'gender' && !GENDERS.includes(text)) throw badValue(field, 'unknown gender');
  if ([...text].length > MAX_TEXT_CODE_POINTS) throw badValue(field, 'too long');
  return text;
}

function badValue(field: ClaimField, problem: string): ValidationError {
  return new ValidationError([{ path: `fields.${field}`, problem }]);
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text;
}
