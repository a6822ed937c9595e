import crypto from 'node:crypto';
import {
  AppError,
  CheckoutIdSchema,
  CheckoutItemSchema,
  CheckoutRequestSchema,
  isErrorCode,
  parseMemberCode,
  TENDERS,
  ValidationError,
  type CheckoutAnswer,
  type CheckoutRequest,
  type PaymentCodeTable,
  type Tender,
} from '@memberkit/shared';
import { z } from 'zod';
import type { Connectivity } from '@memberkit/shared/node';
import type { Attempt, CheckoutStore } from './checkout-store';
import type { Logger } from './logger';
import type { OutboxReplayer } from './outbox-replayer';
import { decideScan } from './scan-decision';
import type { HeldCodes, ScanDesk } from './scan-desk';
import { meaningOf, type AnswerMeaning } from './server-answer';
import type { ServerLink } from './server-link';

/** The till's checkout, as POST /checkouts takes it (amounts in fen, C-4.2.1.4). */
export const TillCheckoutSchema = z
  .strictObject({
    checkoutId: CheckoutIdSchema.optional(),
    amountFen: z.number().int().min(0).max(10_000_000_000),
    items: z.array(CheckoutItemSchema).max(500).default([]),
    tender: z.enum(TENDERS),
    /** A raw scan-gun line: classified here (payment code or member code). */
    code: z.string().max(64).optional(),
    paymentCode: z.string().max(64).optional(),
    memberCode: z.string().max(64).optional(),
  })
  .refine((input) => input.code === undefined || input.paymentCode === undefined, {
    message: 'give code or paymentCode, not both',
    path: ['code'],
  });
export type TillCheckoutInput = z.input<typeof TillCheckoutSchema>;
type TillCheckout = z.output<typeof TillCheckoutSchema>;

/** The server settled the sale, or it waits in the outbox (cash and bank card only). */
export type TillOutcome =
  | { kind: 'settled'; answer: CheckoutAnswer }
  | {
      kind: 'queued';
      checkoutId: string;
      tender: Tender;
      amountFen: number;
      occurredAt: string;
    };

export interface TillCheckoutDependencies {
  store: CheckoutStore;
  link: ServerLink;
  connectivity: Connectivity;
  replayer: OutboxReplayer;
  desk: ScanDesk;
  table: PaymentCodeTable;
  storeId?: string;
  checkoutBudgetMs: number;
  log: Logger;
}

/** The problem named when a member code comes in `paymentCode` (till-messages.ts shows it). */
export const MEMBER_CODE_IN_PAYMENT_CODE =
  'a member code is not a payment code: send it as memberCode';

// A sale with no payment provider is settled at once; it should not hold the till long.
const OTHER_TENDER_TIMEOUT_MS = 8000;
const HEALTH_TIMEOUT_MS = 1000;

/**
 * One checkout at the till. Payment codes need the server (nothing can be charged offline);
 * cash and bank-card sales, with or without a member code, are sent live when the server is
 * there and the outbox is empty, and otherwise queued and replayed in order. Each attempt has
 * one Idempotency-Key: a till retry of the same sale reuses it (and the same body, occurredAt
 * included); only an attempt that charged nothing and is over (declined, refused) is followed
 * by a new one with a new key.
 */
export class TillCheckouts {
  constructor(private readonly deps: TillCheckoutDependencies) {}

  /**
   * `held`: the codes the caller took off the scan desk when the request came in (the till
   * API does, before reading the body); taken here when not given. Either way they are off
   * the desk before anything can refuse the checkout, so they never wait for the next one
   * (scan-desk.ts takeHeldCodes).
   */
  async checkout(
    raw: unknown,
    held: HeldCodes = this.deps.desk.takeHeldCodes(),
  ): Promise<TillOutcome> {
    const { checkoutId: givenId, ...request } = parseInput(raw);
    const checkoutId = givenId ?? newCheckoutId();
    const attempt =
      this.openAttempt(checkoutId, request) ?? this.newAttempt(checkoutId, request, held);

    if (attempt.state === 'queued') {
      this.deps.replayer.kick();
      return queuedOutcome(attempt);
    }
    if (request.tender === 'payment-code') return this.payLive(attempt);
    return this.settleOtherTender(attempt);
  }

  /**
   * The attempt a till retry continues: the same request for the same sale number, while the
   * last attempt is not over. The codes taken from the scan desk are in its stored body.
   */
  private openAttempt(checkoutId: string, request: TillRequest): Attempt | undefined {
    const latest = this.deps.store.latestAttempt(checkoutId);
    if (!latest || latest.state === 'declined' || latest.state === 'refused') return undefined;
    if (latest.saleFingerprint !== this.deps.store.fingerprint(request))
      throw new AppError('IDEMPOTENCY_MISMATCH');
    return latest;
  }

  private newAttempt(checkoutId: string, request: TillRequest, held: HeldCodes): Attempt {
    const sale = this.resolveSale(request, held);
    const body: CheckoutRequest = {
      checkoutId,
      amountFen: sale.amountFen,
      items: sale.items,
      storeId: this.deps.storeId,
      tender: sale.tender,
      paymentCode: sale.paymentCode,
      memberCode: sale.memberCode,
      occurredAt: new Date(sale.occurredAt).toISOString(),
    };
    const checked = CheckoutRequestSchema.safeParse(body);
    if (!checked.success) throw validationError(checked.error.issues);
    const fingerprint = this.deps.store.fingerprint(request);
    return this.deps.store.startAttempt(checkoutId, fingerprint, JSON.stringify(checked.data));
  }

  private resolveSale(input: TillRequest, held: HeldCodes): Sale {
    let paymentCode: string | undefined;
    let memberCode = input.memberCode === undefined ? undefined : memberCodeOf(input.memberCode);
    let memberScannedAt: number | undefined;
    if (input.paymentCode !== undefined) paymentCode = this.paymentCodeOf(input.paymentCode);
    if (input.code !== undefined) {
      // UnionPay and unknown codes are refused here, before anything is sent anywhere.
      const decision = decideScan(input.code, this.deps.table);
      if (decision.kind === 'payment') paymentCode = decision.paymentCode;
      else if (decision.kind !== 'member') throw new AppError('SCAN_CODE_UNRECOGNISED');
      else if (memberCode && memberCode !== decision.memberCode)
        throw new ValidationError([{ path: 'code', problem: 'two different member codes' }]);
      else memberCode = decision.memberCode;
    }

    if (input.tender === 'payment-code' && !paymentCode) paymentCode = held.paymentCode?.code;
    if (input.tender === 'payment-code' && !paymentCode)
      throw new ValidationError([{ path: 'paymentCode', problem: 'PAYMENT_CODE_REQUIRED' }]);
    if (input.tender !== 'payment-code' && paymentCode)
      throw new ValidationError([{ path: 'tender', problem: 'a payment code needs payment-code' }]);
    if (!memberCode) {
      memberCode = held.memberCode?.code;
      memberScannedAt = held.memberCode?.scannedAt;
    }

    return {
      amountFen: input.amountFen,
      items: input.items,
      tender: input.tender,
      paymentCode,
      memberCode,
      // Design.md "Queued events": a member code is judged by the time it was scanned.
      occurredAt: memberScannedAt ?? Date.now(),
    };
  }

  /** `paymentCode` takes a payment code only; the till is told where anything else belongs. */
  private paymentCodeOf(text: string): string {
    const decision = decideScan(text, this.deps.table);
    if (decision.kind === 'payment') return decision.paymentCode;
    const problem =
      decision.kind === 'member'
        ? MEMBER_CODE_IN_PAYMENT_CODE
        : 'a product barcode is not a payment code';
    throw new ValidationError([{ path: 'paymentCode', problem }]);
  }

  private async payLive(attempt: Attempt): Promise<TillOutcome> {
    const { link, connectivity, store } = this.deps;
    if (!connectivity.isUp && !(await link.healthy(HEALTH_TIMEOUT_MS))) {
      store.settleAttempt(attempt.idempotencyKey, 'refused');
      throw new AppError('SERVER_UNREACHABLE');
    }

    const meaning = await this.send(attempt, this.deps.checkoutBudgetMs);
    if (meaning.kind === 'settled') return { kind: 'settled', answer: meaning.answer };
    if (meaning.kind === 'refused') throw remoteError(meaning.errorCode, meaning.body);
    if (!meaning.maybeApplied && meaning.status === undefined) {
      // Never connected: nothing was charged, so the cashier takes another tender.
      store.settleAttempt(attempt.idempotencyKey, 'refused');
      throw new AppError('SERVER_UNREACHABLE');
    }
    if (!meaning.maybeApplied) throw remoteError(meaning.reason, meaning.body);
    // The shopper may have paid: keep the sale and its key; a retry asks the server again.
    store.settleAttempt(attempt.idempotencyKey, 'unknown');
    throw new AppError('PAYMENT_OUTCOME_UNKNOWN', { details: { checkoutId: attempt.checkoutId } });
  }

  private async settleOtherTender(attempt: Attempt): Promise<TillOutcome> {
    const { store, connectivity } = this.deps;
    // A sale already settled (a till retry) is asked again, never queued a second time.
    const unsent = attempt.state === 'sending';
    // Behind a backlog, a new sale waits its turn: the outbox is replayed strictly in order.
    if (unsent && (store.backlog() > 0 || !connectivity.isUp)) return this.queue(attempt);

    const meaning = await this.send(
      attempt,
      Math.min(OTHER_TENDER_TIMEOUT_MS, this.deps.checkoutBudgetMs),
    );
    if (meaning.kind === 'settled') return { kind: 'settled', answer: meaning.answer };
    if (meaning.kind === 'refused') throw remoteError(meaning.errorCode, meaning.body);
    if (!unsent) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    return this.queue(attempt);
  }

  private queue(attempt: Attempt): TillOutcome {
    const occurredAt = Date.parse(JSON.parse(attempt.body).occurredAt);
    this.deps.store.enqueue(attempt, occurredAt);
    this.deps.log.info({ checkoutId: attempt.checkoutId }, 'checkout queued');
    this.deps.replayer.kick();
    return queuedOutcome(attempt);
  }

  private async send(attempt: Attempt, timeoutMs: number): Promise<AnswerMeaning> {
    const { link, store, connectivity, log } = this.deps;
    const meaning = meaningOf(
      await link.postCheckout(attempt.body, attempt.idempotencyKey, timeoutMs),
    );
    if (meaning.kind === 'settled')
      store.settleAttempt(attempt.idempotencyKey, meaning.state, meaning.answer);
    if (meaning.kind === 'refused')
      store.settleAttempt(attempt.idempotencyKey, 'refused', meaning.body);
    if (meaning.kind === 'try-later' && (meaning.status === undefined || meaning.status >= 500))
      connectivity.markDown();
    else connectivity.markUp();
    log.info(
      {
        checkoutId: attempt.checkoutId,
        outcome: meaning.kind === 'settled' ? meaning.state : meaning.kind,
        errorCode: meaning.kind === 'refused' ? meaning.errorCode : undefined,
      },
      'checkout sent',
    );
    return meaning;
  }
}

interface Sale {
  amountFen: number;
  items: TillCheckout['items'];
  tender: Tender;
  paymentCode?: string;
  memberCode?: string;
  occurredAt: number;
}

type TillRequest = Omit<TillCheckout, 'checkoutId'>;

function parseInput(raw: unknown): TillCheckout {
  const parsed = TillCheckoutSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw validationError(parsed.error.issues);
}

function validationError(issues: z.core.$ZodIssue[]): ValidationError {
  return new ValidationError(
    issues.map((issue) => ({ path: issue.path.join('.'), problem: issue.message })),
  );
}

function memberCodeOf(text: string): string {
  const code = text.replace(/\s/g, '');
  parseMemberCode(code);
  return code;
}

/** A sale number when the till sends none: 24 characters of the contract's alphabet. */
function newCheckoutId(): string {
  return `P${Date.now().toString(36)}${crypto.randomBytes(8).toString('hex')}`.slice(0, 24);
}

function queuedOutcome(attempt: Attempt): TillOutcome {
  const body = JSON.parse(attempt.body) as CheckoutRequest;
  return {
    kind: 'queued',
    checkoutId: body.checkoutId,
    tender: body.tender,
    amountFen: body.amountFen,
    occurredAt: body.occurredAt,
  };
}

/** The server's refusal, passed on to the till with the same code. */
function remoteError(code: string, body: unknown): AppError {
  const details = (body as { error?: { details?: Record<string, unknown> } } | undefined)?.error
    ?.details;
  if (isErrorCode(code)) return new AppError(code, { details });
  return new AppError('INTERNAL', { details: { serverCode: code } });
}
