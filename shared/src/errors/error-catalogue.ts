/**
 * Every error code the product answers with, in one place. The HTTP status lives beside the
 * code so that the server, the adapters and the mini-program agree on what a code means.
 * Messages are for people (cashiers, shoppers, staff); tests assert on codes, never messages.
 */
export const ERROR_CATALOGUE = {
  // Input shape and HTTP
  VALIDATION_FAILED: { status: 400, message: 'The request does not match the expected shape' },
  JSON_INVALID: { status: 400, message: 'The request body is not valid JSON' },
  BODY_TOO_LARGE: { status: 413, message: 'The request body is larger than allowed' },
  CONTENT_TYPE_UNSUPPORTED: { status: 415, message: 'Send the body as application/json' },
  NOT_FOUND: { status: 404, message: 'No such resource' },
  METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed here' },
  CONFLICT: { status: 409, message: 'The request conflicts with stored data' },
  RATE_LIMITED: { status: 429, message: 'Too many requests; try again later' },
  INTERNAL: { status: 500, message: 'Something went wrong on our side' },

  // Shared domain parsing
  MONEY_INVALID: { status: 400, message: 'Not a valid amount of money' },
  PHONE_INVALID: { status: 400, message: 'Not a mainland China mobile number' },
  RESIDENT_ID_INVALID: { status: 400, message: 'Not a valid resident identity number' },
  PLATE_INVALID: { status: 400, message: 'Not a valid licence plate' },

  // Configuration and keys
  CONFIG_INVALID: { status: 500, message: 'The configuration is invalid' },
  MASTER_KEY_MISSING: { status: 500, message: 'No master key is configured' },
  KEY_VERSION_MISSING: {
    status: 500,
    message: 'The key version this value was written with is not available',
  },
  CIPHERTEXT_INVALID: { status: 500, message: 'A stored encrypted value is damaged' },

  // Vault and members
  MEMBER_NOT_FOUND: { status: 404, message: 'No such member' },
  PHONE_ALREADY_REGISTERED: {
    status: 409,
    message: 'This phone number already belongs to a member',
  },
  IDENTIFIER_ALREADY_BOUND: { status: 409, message: 'This identifier already belongs to a member' },

  // Audit
  AUDIT_CHAIN_BROKEN: { status: 500, message: 'The audit chain does not verify' },

  // Devices (design.md "Interfaces")
  DEVICE_UNKNOWN: { status: 401, message: 'This device is not registered or was revoked' },
  SIGNATURE_INVALID: { status: 401, message: 'The request signature does not verify' },
  TIMESTAMP_STALE: { status: 401, message: 'The request timestamp is outside the allowed window' },
  NONCE_REPLAYED: { status: 401, message: 'This request nonce was already used' },
  DEVICE_HEADERS_MISSING: { status: 401, message: 'Device authentication headers are missing' },

  // Idempotency (design.md "Interfaces")
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, message: 'This write needs an Idempotency-Key header' },
  IDEMPOTENCY_MISMATCH: {
    status: 409,
    message: 'This idempotency key was used with another request',
  },
  IDEMPOTENCY_IN_PROGRESS: {
    status: 409,
    message: 'A request with this idempotency key is still running',
  },

  // Parking and mini-program scenes (shared/src/parking, shared/src/scene)
  PARKING_TIME_INVALID: { status: 400, message: 'Not a valid or possible parking time' },
  PARKING_TARIFF_INVALID: { status: 400, message: 'The parking tariff is not valid' },
  PARKING_BENEFITS_INVALID: { status: 400, message: 'The parking benefits are not valid' },
  SCENE_INVALID: { status: 400, message: 'Not a valid mini-program code scene' },

  // Members and consent (C-4.1.x, U-6.x, D-7.2)
  FIELD_NOT_ALLOWED: { status: 400, message: 'No purpose you agreed to allows this field' },
  CONSENT_REQUIRED: { status: 403, message: 'This use needs your consent first' },
  RECONSENT_REQUIRED: {
    status: 403,
    message: 'The privacy notice changed: agree again to use this feature',
  },
  NOTICE_VERSION_OUTDATED: {
    status: 409,
    message: 'A newer privacy notice was published; read it first',
  },
  NOTICE_NOT_FOUND: { status: 404, message: 'No such privacy notice version' },
  BASIC_CONSENT_REQUIRED: { status: 400, message: 'Membership needs the basic membership consent' },
  SENSITIVE_CONSENT_REQUIRED: {
    status: 400,
    message: 'Sensitive information needs its own, separate consent',
  },
  SESSION_REQUIRED: { status: 401, message: 'Log in first' },
  SESSION_INVALID: { status: 401, message: 'Your session has ended; log in again' },
  STAFF_TOKEN_INVALID: { status: 401, message: 'Staff authentication failed' },
  STAFF_ROLE_FORBIDDEN: { status: 403, message: 'Your staff role does not allow this' },
  SIGNUP_TICKET_INVALID: {
    status: 400,
    message: 'The sign-up ticket is invalid or expired; log in again',
  },
  ALREADY_MEMBER: { status: 409, message: 'You are already a member' },
  SMS_CODE_INVALID: { status: 400, message: 'The verification code is wrong' },
  SMS_CODE_EXPIRED: {
    status: 400,
    message: 'The verification code has expired; request a new one',
  },
  SMS_CODE_USED: {
    status: 400,
    message: 'The verification code was already used; request a new one',
  },
  SMS_CODE_LOCKED: { status: 429, message: 'Too many wrong codes; request a new one later' },
  SMS_SEND_LIMITED: { status: 429, message: 'Too many codes requested; wait before asking again' },
  PHONE_NOT_BOUND: { status: 409, message: 'Bind a phone number first' },
  CARD_NOT_FOUND: { status: 404, message: 'No such membership card' },
  CARD_PHONE_MISMATCH: { status: 400, message: 'The card is registered to another phone number' },
  CARD_ALREADY_BOUND: { status: 409, message: 'This card is already bound to a member' },
  PASSWORD_INVALID: { status: 401, message: 'Phone number or password is wrong' },
  PASSWORD_WEAK: {
    status: 400,
    message: 'Choose a password of 8 to 64 characters with letters and digits',
  },
  PASSWORD_CHANGE_UNVERIFIED: {
    status: 403,
    message: 'Confirm with your current password or a fresh SMS code',
  },

  // WeChat and SMS gateway integrations (protocols/wechat-miniprogram.md, sms-gateway.md)
  WECHAT_LOGIN_FAILED: { status: 401, message: 'WeChat login failed; please try again' },
  WECHAT_PHONE_CODE_INVALID: {
    status: 400,
    message: 'The phone number authorisation is invalid or used; please tap again',
  },
  WECHAT_DECRYPT_FAILED: {
    status: 400,
    message: 'The phone number could not be read; please tap the button again',
  },
  PHONE_WATERMARK_MISMATCH: {
    status: 400,
    message: 'The phone number data was issued for another mini-program',
  },
  SUBSCRIBE_NOT_ALLOWED: { status: 403, message: 'The shopper has not allowed this notification' },
  WECHAT_API_FAILED: { status: 502, message: 'WeChat did not answer as expected' },
  SMS_RATE_LIMITED: { status: 429, message: 'Too many codes sent to this number; try again later' },
  SMS_GATEWAY_FAILED: { status: 502, message: 'The SMS code could not be sent' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
