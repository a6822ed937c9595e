import { z } from 'zod';
import { memberSession } from '../auth/auth-middleware';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';

const pseudonymOf = (ctx: AppContext) => ctx.state.pseudonym as string;

// Receipt claim codes are 12 Crockford base32 characters (checkout-ids.ts), in any case.
const ReceiptClaimCodeSchema = z.string().regex(/^[0-9A-Za-z]{12}$/);

export const ReceiptClaimBody = z.strictObject({
  code: ReceiptClaimCodeSchema,
  rememberAlipayPayer: z.boolean().default(false),
});

export const ReceiptClaimAnswerSchema = z.object({
  transactionId: z.string(),
  amountFen: z.number().int(),
  occurredAt: z.string(),
  pointsAwarded: z.number().int(),
  balance: z.number().int(),
  rememberedAlipayPayer: z.boolean(),
});

export const ReceiptPreviewSchema = z.object({
  amountFen: z.number().int(),
  occurredAt: z.string(),
  provider: z.enum(['wechat', 'alipay', 'none']),
});

/** A linked sale as the member sees it: what, when, where, points; never a payer id. */
export const MemberTransactionSchema = z.object({
  transactionId: z.string(),
  occurredAt: z.string(),
  storeId: z.string().nullable(),
  tender: z.string(),
  provider: z.string(),
  amountFen: z.number().int(),
  refundedFen: z.number().int(),
  pointsAwarded: z.number().int(),
  linkedBy: z.string(),
});

/** The member's side of checkout in the mini-program (C-4.2.1.4, U-6.1.1). */
export function registerCheckoutMemberRoutes(api: ApiRouter, services: Services): void {
  const session = memberSession(services.sessions, services.vault);
  const { checkout } = services;

  api.route({
    method: 'post',
    path: '/v1/me/receipt-claims',
    summary:
      'Claim the points of a sale from its receipt QR (needs the transaction-linking consent)',
    tags: ['checkout'],
    security: 'memberSession',
    before: [session],
    body: ReceiptClaimBody,
    response: ReceiptClaimAnswerSchema,
    handler: ({ body, ctx }) =>
      checkout.receiptClaims.claim(pseudonymOf(ctx), body.code, body.rememberAlipayPayer),
  });

  // No rate limit of its own, like the claim: a code holds 60 random bits (checkout-ids.ts).
  api.route({
    method: 'get',
    path: '/v1/me/receipt-claims/:code',
    summary: 'The sale behind a receipt claim code, before claiming it (amount, time, provider)',
    tags: ['checkout'],
    security: 'memberSession',
    before: [session],
    // Any text: what is not a claimable code is RECEIPT_CLAIM_INVALID, as the page expects.
    params: z.object({ code: z.string().max(64) }),
    response: ReceiptPreviewSchema,
    handler: ({ params }) => checkout.receiptClaims.preview(params.code),
  });

  api.route({
    method: 'get',
    path: '/v1/me/transactions',
    summary: 'My sales linked to my membership, newest first',
    tags: ['checkout'],
    security: 'memberSession',
    before: [session],
    response: z.object({ transactions: z.array(MemberTransactionSchema) }),
    handler: async ({ ctx }) => ({
      transactions: await checkout.memberTransactions.list(pseudonymOf(ctx)),
    }),
  });
}
