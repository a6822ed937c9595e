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
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
