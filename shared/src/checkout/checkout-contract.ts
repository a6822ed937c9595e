import { z } from 'zod';

/**
 * The till's one write to the server (C-4.2.1.4, U-6.1.1): `POST /v1/checkouts`, a signed
 * device request from a `pos` device with an `Idempotency-Key` (design.md "Interfaces").
 * The pos-adapter sends it live for payment codes and queues it in its outbox for sales paid
 * by other means and member-code awards, so both sides parse it with these schemas.
 */
const MAX_FEN = 10_000_000_000;

/** The till's own sale number: unique per device, reused when a shopper retries with a new code. */
export const CheckoutIdSchema = z.string().regex(/^[A-Za-z0-9_]{1,24}$/);

export const CheckoutItemSchema = z.strictObject({
  sku: z.string().min(1).max(64),
  brand: z.string().min(1).max(64).optional(),
  category: z.string().min(1).max(64).optional(),
  fen: z.number().int().min(0).max(MAX_FEN),
});

/**
 * How the shopper paid: a payment code scanned at the till (charged by the server through
 * WeChat Pay or Alipay), cash, or a bank card on the acquirer's own terminal (UnionPay cards
 * and codes are taken there, never by us).
 */
export const TENDERS = ['payment-code', 'cash', 'bank-card'] as const;
export type Tender = (typeof TENDERS)[number];

export const CheckoutRequestSchema = z
  .strictObject({
    checkoutId: CheckoutIdSchema,
    amountFen: z.number().int().min(0).max(MAX_FEN),
    items: z.array(CheckoutItemSchema).max(500).default([]),
    storeId: z.string().min(1).max(40).optional(),
    tender: z.enum(TENDERS),
    /** WeChat Pay or Alipay payment code, as scanned (only with tender `payment-code`). */
    paymentCode: z
      .string()
      .regex(/^\d{16,24}$/)
      .optional(),
    /** An 18-digit member code, judged by the time it was scanned (`occurredAt`). */
    memberCode: z
      .string()
      .regex(/^88\d{16}$/)
      .optional(),
    /** When the sale happened at the till (ISO 8601 with offset); up to 72 h old when replayed. */
    occurredAt: z.iso.datetime({ offset: true }),
  })
  .refine((body) => (body.tender === 'payment-code') === (body.paymentCode !== undefined), {
    message: 'paymentCode is required with tender payment-code and only then',
    path: ['paymentCode'],
  });
export type CheckoutRequest = z.infer<typeof CheckoutRequestSchema>;

export const CHECKOUT_STATUSES = ['paid', 'declined'] as const;
export type CheckoutStatus = (typeof CHECKOUT_STATUSES)[number];

export const CheckoutAnswerSchema = z.object({
  checkoutId: z.string(),
  /** Our transaction id (`t_` + 24 hex); the same for every retry of the same sale. */
  transactionId: z.string(),
  /** `paid` (settled, also for a zero amount) or `declined` (the shopper was not charged). */
  status: z.enum(CHECKOUT_STATUSES),
  /** Which provider took the money: wechat, alipay, or none for cash, bank card and zero sales. */
  provider: z.enum(['wechat', 'alipay', 'none']),
  tender: z.enum(TENDERS),
  amountFen: z.number().int(),
  /** Why a payment was declined: the provider's code (USERPAYING timed out, AUTHCODEEXPIRE...). */
  declineCode: z.string().optional(),
  /** Set when the sale is linked to a member who holds the transaction-linking consent. */
  member: z
    .object({
      cardNo: z.string(),
      pointsAwarded: z.number().int(),
      balance: z.number().int(),
    })
    .optional(),
  /**
   * A short code for the receipt's claim QR: Alipay, cash and bank-card sales with no member
   * link. The member scans it in the mini-program to claim the points of this sale.
   */
  receiptClaim: z
    .object({
      code: z.string(),
      /** The text to print as a QR code; it opens the mini-program's claim page. */
      qrText: z.string(),
      expiresAt: z.string(),
    })
    .optional(),
  occurredAt: z.string(),
});
export type CheckoutAnswer = z.infer<typeof CheckoutAnswerSchema>;

/** `POST /v1/checkouts/:checkoutId/refunds`: money back, points back in proportion. */
export const CheckoutRefundRequestSchema = z.strictObject({
  refundId: z.string().regex(/^[A-Za-z0-9_]{1,24}$/),
  amountFen: z.number().int().min(1).max(MAX_FEN),
  reason: z.string().min(1).max(80).optional(),
});
export type CheckoutRefundRequest = z.infer<typeof CheckoutRefundRequestSchema>;

export const CheckoutRefundAnswerSchema = z.object({
  checkoutId: z.string(),
  refundId: z.string(),
  refundedFen: z.number().int(),
  pointsReversed: z.number().int(),
});
export type CheckoutRefundAnswer = z.infer<typeof CheckoutRefundAnswerSchema>;
