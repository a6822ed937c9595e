/**
 * What the rest of the server needs from an SMS provider. Providers differ in signing but not
 * in shape (protocols/sms-gateway.md), so services depend on this and never on a client.
 *
 * Rejections are AppErrors: PHONE_INVALID when the gateway says the number is not a mobile
 * number (the shopper's problem), SMS_RATE_LIMITED when the gateway's own per-number limit is
 * hit, SMS_GATEWAY_FAILED for everything that is ours to fix.
 */
export interface SmsGateway {
  sendVerificationCode(phone: string, code: string): Promise<void>;
}
