import crypto from 'node:crypto';
import type { CheckoutRequest } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { sendSigned, type HttpAnswer } from '../support/http-client';
import type { TestDatabase } from '../support/test-databases';
import { GENEROUS_SMS, joinAsMember, startMemberServer } from '../members/member-kit';

/**
 * Helpers for the checkout suites (issue #6). Payments go to the in-process WeChat Pay and
 * Alipay simulators through the real clients; polling is fast so outcome scenarios run quickly.
 */
export const FAST_PAYMENTS = {
  WECHAT_PAY_POLL_MS: '20',
  WECHAT_PAY_DEADLINE_MS: '400',
  ALIPAY_POLL_MS: '20',
  ALIPAY_DEADLINE_MS: '400',
  PAYMENT_HTTP_TIMEOUT_MS: '500',
  CHECKOUT_LEASE_SECONDS: '3',
};

export function startCheckoutServer(
  databaseUrl: string,
  overrides: Record<string, string> = {},
): Promise<RunningServer> {
  return startMemberServer(databaseUrl, { ...GENEROUS_SMS, ...FAST_PAYMENTS, ...overrides });
}

export interface Till {
  deviceId: string;
  secret: string;
}

export async function registerTill(server: RunningServer): Promise<Till> {
  return server.services.devices.register('checkout till', 'pos');
}

/** What a checkout suite shares: one server and one registered till, set in beforeAll. */
export interface CheckoutSuite {
  server: RunningServer;
  till: Till;
}

/**
 * For a describeEachDatabase body: starts the checkout server and registers its till before the
 * suite, and stops the server after it. Read the fields inside hooks and tests only.
 */
export function useCheckoutSuite(database: () => TestDatabase): CheckoutSuite {
  const suite = {} as CheckoutSuite;
  beforeAll(async () => {
    suite.server = await startCheckoutServer(database().url);
    suite.till = await registerTill(suite.server);
  });
  afterAll(async () => {
    await suite.server?.stop();
  });
  return suite;
}

function digits(count: number): string {
  return Array.from({ length: count }, () => crypto.randomInt(0, 10)).join('');
}

/** Fresh scan-gun codes of each kind (protocols/wechat-pay-micropay.md "Payment-code formats"). */
export const codes = {
  wechat: () => `13${digits(16)}`,
  alipay: () => `28${digits(16)}`,
  unionpay: () => `62${digits(17)}`,
};

let sale = 0;
export function freshCheckoutId(): string {
  sale += 1;
  return `S${process.pid}_${sale}_${digits(4)}`;
}

export function saleBody(overrides: Partial<CheckoutRequest> = {}): CheckoutRequest {
  return {
    checkoutId: freshCheckoutId(),
    amountFen: 10_000,
    items: [{ sku: 'SKU-1', fen: 10_000 }],
    tender: 'payment-code',
    occurredAt: new Date().toISOString(),
    ...overrides,
  } as CheckoutRequest;
}

/** Only the URL is needed, so a spawned `memberkit start` can be the server too. */
export function checkout(
  server: { url: string },
  till: Till,
  body: unknown,
  key: string = crypto.randomUUID(),
): Promise<HttpAnswer> {
  return sendSigned(server.url, till, 'POST', '/v1/checkouts', body, { 'Idempotency-Key': key });
}

export function refund(
  server: { url: string },
  till: Till,
  checkoutId: string,
  body: unknown,
  key: string = crypto.randomUUID(),
): Promise<HttpAnswer> {
  return sendSigned(server.url, till, 'POST', `/v1/checkouts/${checkoutId}/refunds`, body, {
    'Idempotency-Key': key,
  });
}

/** A member who agreed to membership, and to transaction linking unless told otherwise. */
export function joinShopper(server: RunningServer, linking = true) {
  return joinAsMember(server, { membership: true, transaction_linking: linking });
}

export function payments(server: RunningServer) {
  return server.simulators!.payments;
}

/** Rows of the checkout and points tables, to prove a refusal wrote nothing. */
export async function checkoutRowCounts(server: RunningServer): Promise<Record<string, number>> {
  const knex = server.services.databases.core;
  const counts: Record<string, number> = {};
  for (const table of [
    'checkout_transactions',
    'checkout_attempts',
    'checkout_refunds',
    'receipt_claims',
    'remembered_payers',
    'points_awards',
    'points_ledger',
  ]) {
    const row = await knex(table).count({ n: '*' }).first();
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

export async function saleRow(server: RunningServer, transactionId: string) {
  return server.services.databases
    .core('checkout_transactions')
    .where({ id: transactionId })
    .first();
}
