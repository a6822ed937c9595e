/**
 * What the identity vault holds. Profile fields are encrypted columns of member_identity;
 * identifiers are looked up exactly through blind indexes; sensitive values (C-4.1.2c,
 * S-5.1b) sit in their own table under their own keyring.
 */
export const PROFILE_FIELDS = [
  'name',
  'gender',
  'birth_date',
  'province',
  'address',
  'nickname',
  'email',
  'shipping_address',
  'invoice_title',
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];

export const IDENTIFIER_KINDS = [
  'phone',
  'wechat_openid',
  'wechat_unionid',
  'alipay_user',
  'plate',
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

export const SENSITIVE_KINDS = ['resident_id'] as const;

export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

/** Associated data binding a ciphertext to its table and column, so values cannot be swapped. */
export function profileAad(field: ProfileField): string {
  return `member_identity.${field}`;
}

export function identifierAad(kind: IdentifierKind): string {
  return `member_identifiers.${kind}`;
}

export function sensitiveAad(kind: SensitiveKind): string {
  return `member_sensitive.${kind}`;
}
