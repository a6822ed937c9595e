import { z } from 'zod';
import { memberSession } from '../auth/auth-middleware';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';

const pseudonymOf = (ctx: AppContext) => ctx.state.pseudonym as string;

export const ReceiptClaimBody = z.strictObject({
  code: z.string().regex(/^[0-9A-Za-z]{12}$/),
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
