import type { CollectedField } from '@memberkit/shared';
import type { ProfileField } from '../vault/identity-fields';
import type { OptionalFieldsInput, ProfileInput } from './member-schemas';

type ProfileValues = Partial<Record<ProfileField, string | null>>;

const PROFILE_COLUMNS: Record<keyof ProfileInput, ProfileField> = {
  name: 'name',
  gender: 'gender',
  birthDate: 'birth_date',
  province: 'province',
  address: 'address',
  nickname: 'nickname',
};

const OPTIONAL_COLUMNS: Record<'email' | 'shippingAddress' | 'invoiceTitle', ProfileField> = {
  email: 'email',
  shippingAddress: 'shipping_address',
  invoiceTitle: 'invoice_title',
};

/** The API's camelCase profile as vault columns; undefined means "not given", null "remove". */
export function toVaultProfile(
  profile: ProfileInput,
  optional: OptionalFieldsInput = {},
): ProfileValues {
  const values: ProfileValues = {};
  for (const [key, column] of Object.entries(PROFILE_COLUMNS) as Array<
    [keyof ProfileInput, ProfileField]
  >) {
    if (profile[key] !== undefined) values[column] = profile[key] as string;
  }
  for (const [key, column] of Object.entries(OPTIONAL_COLUMNS) as Array<
    [keyof typeof OPTIONAL_COLUMNS, ProfileField]
  >) {
    if (optional[key] !== undefined) values[column] = optional[key] ?? null;
  }
  return values;
}

/** The catalogue fields a request collects (C-4.1.3a), ignoring removals. */
export function collectedFields(
  profile: ProfileInput,
  optional: OptionalFieldsInput = {},
): CollectedField[] {
  const fields = Object.entries(toVaultProfile(profile, optional))
    .filter(([, value]) => value !== null)
    .map(([column]) => column as CollectedField);
  if (optional.residentId) fields.push('resident_id');
  if (optional.plate) fields.push('plate');
  return fields;
}

export function fromVaultProfile(values: ProfileValues) {
  return {
    name: values.name ?? null,
    gender: values.gender ?? null,
    birthDate: values.birth_date ?? null,
    province: values.province ?? null,
    address: values.address ?? null,
    nickname: values.nickname ?? null,
    email: values.email ?? null,
    shippingAddress: values.shipping_address ?? null,
    invoiceTitle: values.invoice_title ?? null,
  };
}

export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(7)}`;
}
