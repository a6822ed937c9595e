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
  DEVICE_NAME_INVALID: {
    status: 400,
    message: 'A device name is 1 to 64 characters, without control characters',
  },

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

  // In-store collection: QR campaigns, surveys, shopping guides, service desk (C-4.2.2.1-5)
  QR_TOKEN_INVALID: {
    status: 400,
    message: 'This code is not valid; scan it again or check what you typed',
  },
  CAMPAIGN_INVALID: { status: 400, message: 'The campaign definition is not valid' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: 'No such campaign' },
  CAMPAIGN_STORE_NOT_INCLUDED: {
    status: 400,
    message: 'This store does not take part in the campaign',
  },
  CAMPAIGN_NOT_STARTED: { status: 409, message: 'This campaign has not started yet' },
  CAMPAIGN_ENDED: { status: 409, message: 'This campaign has ended' },
  CAMPAIGN_OUT_OF_STOCK: { status: 409, message: 'Everything in this campaign has been claimed' },
  CLAIM_LIMIT_REACHED: {
    status: 409,
    message: 'You have already claimed as many as each member may',
  },
  CLAIM_FIELD_REQUIRED: { status: 400, message: 'Fill in every required field of the form' },
  CLAIM_NOT_FOUND: { status: 404, message: 'No such claim' },
  SURVEY_INVALID: { status: 400, message: 'The survey definition is not valid' },
  SURVEY_NOT_FOUND: { status: 404, message: 'No such survey' },
  SURVEY_CLOSED: { status: 409, message: 'This survey is closed' },
  SURVEY_ALREADY_ANSWERED: { status: 409, message: 'You have already answered this survey' },
  SURVEY_ANSWER_INVALID: { status: 400, message: 'An answer does not fit its question' },
  GUIDE_NOT_FOUND: { status: 404, message: 'No such shopping guide' },
  DESK_SIGNUP_NOT_FOUND: { status: 404, message: 'No such service-desk sign-up' },
  DESK_SIGNUP_EXPIRED: {
    status: 410,
    message: 'This sign-up code has expired; ask the service desk for a new one',
  },
  DESK_SIGNUP_USED: { status: 409, message: 'This sign-up code has already been used' },

  // Points, tiers and redemption (U-6.4.1, U-6.4.2, U-6.6.1a, U-6.7.2)
  POINTS_RULES_INVALID: { status: 400, message: 'The points programme is not valid' },
  POINTS_AWARD_INVALID: { status: 400, message: 'The points award request is not valid' },
  POINTS_MEMBER_REQUIRED: {
    status: 400,
    message: 'Give either a member card number or a pseudonym',
  },
  POINTS_EVENT_TIME_INVALID: {
    status: 400,
    message: 'The event time is in the future or older than 72 hours',
  },
  POINTS_SOURCE_CONFLICT: {
    status: 409,
    message: 'This source key was already used for another member or amount',
  },
  POINTS_AWARD_NOT_FOUND: { status: 404, message: 'No points award has this source key' },
  POINTS_REFUND_EXCEEDS: {
    status: 409,
    message: 'The refund is larger than what is left to refund',
  },
  POINTS_INSUFFICIENT: { status: 409, message: 'Not enough points' },
  POINTS_OFFSET_INVALID: { status: 400, message: 'The points offset is not valid' },
  POINTS_ITEM_NOT_FOUND: { status: 404, message: 'No such catalogue item' },
  POINTS_ITEM_OUT_OF_STOCK: { status: 409, message: 'This catalogue item is out of stock' },
  POINTS_RESERVATION_NOT_FOUND: { status: 404, message: 'No such points reservation' },
  POINTS_RESERVATION_SETTLED: {
    status: 409,
    message: 'This reservation was already committed, released or expired',
  },
  POINTS_FULFILMENT_FAILED: { status: 502, message: 'The redemption could not be fulfilled' },

  // Parking: gates, sessions, payment, kiosks (C-4.2.2.6, U-6.4.2)
  PARKING_LOT_NOT_FOUND: { status: 404, message: 'No such car park' },
  PARKING_GATE_NOT_FOUND: { status: 404, message: 'No such gate, or it is not served here' },
  PARKING_GATE_DEVICE_INVALID: {
    status: 400,
    message: 'deviceId does not name an active parking adapter',
  },
  PARKING_SESSION_NOT_FOUND: { status: 404, message: 'No such parking session' },
  PARKING_EVENT_TIME_INVALID: {
    status: 400,
    message: 'The gate event time is in the future or older than 72 hours',
  },
  PARKING_PLATE_LIMIT: { status: 409, message: 'A member can bind at most 3 plates' },
  PARKING_PLATE_NOT_BOUND: { status: 404, message: 'This plate is not bound to you' },
  PARKING_NOTHING_TO_PAY: { status: 409, message: 'There is nothing to pay for this stay' },
  PARKING_ORDER_NOT_FOUND: { status: 404, message: 'No such parking payment' },
  PARKING_ORDER_NOT_PENDING: {
    status: 409,
    message: 'This parking payment is no longer waiting to be paid',
  },
  SIMULATED_PAYMENT_UNAVAILABLE: {
    status: 409,
    message: 'Simulated payment needs the development WeChat Pay simulator',
  },
  PARKING_PAYMENT_FAILED: { status: 502, message: 'The payment could not be started' },
  PARKING_KIOSK_TOKEN_INVALID: { status: 401, message: 'This kiosk is not paired or was revoked' },
  PARKING_PAIRING_CODE_INVALID: {
    status: 400,
    message: 'The pairing code is wrong or expired; ask staff for a new one',
  },
  PARKING_TICKET_NOT_FOUND: { status: 404, message: 'No such parking ticket' },
  PARKING_NO_CAR_WAITING: {
    status: 409,
    message: 'No car without a plate is waiting at this gate; drive up to the barrier first',
  },
  PARKING_REVIEW_NOT_FOUND: { status: 404, message: 'No such plate review' },
  PARKING_REVIEW_RESOLVED: { status: 409, message: 'This plate review was already resolved' },
  PARKING_PASS_INVALID: { status: 400, message: 'The monthly pass is not valid' },
  PARKING_COMMAND_NOT_FOUND: { status: 404, message: 'No such gate instruction' },

  // Payment-code checkout: WeChat Pay and Alipay (issue #6, protocols/wechat-pay-micropay.md,
  // protocols/alipay-barcode.md)
  PAYMENT_AMOUNT_ZERO: {
    status: 400,
    message: 'A zero amount is settled at the till; no payment provider is called',
  },
  PAYMENT_ORDER_NUMBER_INVALID: {
    status: 400,
    message: 'This order number cannot be sent to the payment provider',
  },
  PAYMENT_OUTCOME_UNKNOWN: {
    status: 502,
    message:
      'The payment provider has not said whether the shopper paid; check before charging again',
  },
  WECHAT_PAY_FAILED: {
    status: 502,
    message: 'WeChat Pay refused the request or did not answer as expected',
  },
  WECHAT_PAY_NOTIFY_INVALID: {
    status: 400,
    message: 'The WeChat Pay notification does not verify',
  },
  ALIPAY_FAILED: {
    status: 502,
    message: 'Alipay refused the request or did not answer as expected',
  },

  // Till checkout, member codes and receipt claims (issue #6, C-4.2.1.4, U-6.1.1)
  CHECKOUT_NOT_FOUND: { status: 404, message: 'No such sale' },
  CHECKOUT_ALREADY_PAID: {
    status: 409,
    message: 'This sale is already paid; it is not charged again',
  },
  CHECKOUT_AMOUNT_MISMATCH: {
    status: 409,
    message: 'This sale number was used before with another amount',
  },
  PAYMENT_CODE_NOT_ACCEPTED: {
    status: 422,
    message: 'This kind of payment code is not accepted here',
  },
  REFUND_EXCEEDS_PAYMENT: {
    status: 409,
    message: 'The refunds would be more than was paid',
  },
  MEMBER_CODE_INVALID: { status: 400, message: 'Not a member code' },
  MEMBER_CODE_REFUSED: {
    status: 422,
    message: 'This member code is expired, already used or unknown; show a fresh one',
  },
  RECEIPT_CLAIM_INVALID: {
    status: 404,
    message: 'This receipt code is unknown, expired or already claimed',
  },

  // Supplier register (C-4.1.4b) and online shopping events (C-4.2.1.5)
  SUPPLIER_NOT_FOUND: { status: 404, message: 'No such supplier in the register' },
  SUPPLIER_ALREADY_REGISTERED: { status: 409, message: 'A supplier with this code is registered' },
  SUPPLIER_ENDED: { status: 409, message: 'The relationship with this supplier has ended' },
  SUPPLIER_AGREEMENT_INVALID: {
    status: 400,
    message: 'An agreement is signed on or before today and expires after the day it was signed',
  },
  SUPPLIER_NOT_REGISTERED: {
    status: 409,
    message: 'This supplier is not in the register or has ended; no customer data goes to it',
  },
  SUPPLIER_AGREEMENT_MISSING: {
    status: 409,
    message:
      'No confidentiality agreement is on file for this supplier; no customer data goes to it',
  },
  SUPPLIER_AGREEMENT_EXPIRED: {
    status: 409,
    message: "The supplier's confidentiality agreement has expired; no customer data goes to it",
  },
  SUPPLIER_SCOPE_EXCEEDED: {
    status: 409,
    message: 'The supplier is not registered to receive these fields',
  },
  ONLINE_EVENT_TIME_INVALID: {
    status: 400,
    message: 'The online event time is in the future or older than 72 hours',
  },
  ONLINE_EVENT_KEY_CONFLICT: {
    status: 409,
    message: 'This event key was already used for another event',
  },

  // The pos-adapter's local API for the till (issue #6)
  SCAN_CODE_UNRECOGNISED: {
    status: 422,
    message: 'This code is neither a payment code nor a member code; scan again',
  },
  SERVER_UNREACHABLE: {
    status: 503,
    message: 'The server cannot be reached; a payment code needs it: take another tender',
  },
  TILL_API_LOOPBACK_ONLY: {
    status: 403,
    message: 'This adapter answers only the till software on the same machine',
  },

  // Members and auth hardening: single-use sign-up tickets, login throttling, no registration
  // oracles (C-4.1.4a security, C-4.2.1.3a)
  SIGNUP_TICKET_USED: {
    status: 409,
    message: 'This sign-up ticket was already used; log in again',
  },
  BINDING_REFUSED: {
    status: 422,
    message: 'This card or detail cannot be added; check what you entered or ask the service desk',
  },

  // HTTP edge: precise codes for headers and encodings (design.md "Interfaces" keeps its own)
  CONTENT_ENCODING_UNSUPPORTED: {
    status: 415,
    message: 'Send the body uncompressed, or compressed with gzip, deflate or br',
  },
  CONTENT_ENCODING_INVALID: {
    status: 400,
    message: 'The request body could not be decompressed as its Content-Encoding says',
  },
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    message: 'The Idempotency-Key header must be 1 to 128 characters of letters, digits, _ . : -',
  },
  NONCE_INVALID: {
    status: 400,
    message: 'The X-Nonce header must be 32 to 128 hex characters (at least 16 random bytes)',
  },
  HEADERS_TOO_LARGE: { status: 431, message: 'The request headers are larger than allowed' },
  REQUEST_MALFORMED: { status: 400, message: 'The HTTP request could not be read' },
  TIMESTAMP_INVALID: {
    status: 400,
    message: 'The X-Timestamp header must be the send time in whole Unix seconds',
  },
  DEVICE_KIND_FORBIDDEN: {
    status: 403,
    message: 'This device is registered, but not as a kind of device this route admits',
  },
  ONLINE_EVENT_NOT_RECORDED: {
    status: 422,
    message: 'This event was not recorded for this member',
  },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
