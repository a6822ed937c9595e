import {
  AppError,
  ValidationError,
  classifyPaymentCode,
  normalizePaymentCode,
  type CheckoutAnswer,
  type CheckoutRequest,
} from '@memberkit/shared';
import type { CrashPoint } from '../platform/config-checkout';
import type { AttemptRecord, AttemptRepository } from './attempt-repository';
import type { CheckoutAnswers } from './checkout-answers';
import type { CheckoutAwards } from './checkout-awards';
import { newClaimCode, transactionIdFor } from './checkout-ids';
import type { CheckoutRecord, CheckoutRepository, PaidSale } from './checkout-repository';
import type { MemberLink, PayerLinks } from './payer-links';
import type {
  ChargeOutcome,
  PaymentProvider,
  PaymentProviderName,
  PaymentProviders,
} from './payment-providers';
import type { ReceiptClaimRepository } from './receipt-claim-repository';
import type { SaleLocks } from './sale-locks';

/** The member-code service (server/src/member-codes) as checkout uses it: single use. */
export interface MemberCodePort {
  consume(
    code: string,
    scannedAt: Date,
    options?: { useKey?: string; deviceId?: string },
  ): Promise<{ memberId: string; pseudonym: string; cardNo: string }>;
}

export interface CheckoutContext {
  deviceId: string;
  idempotencyKey: string;
  /** The till's address as WeChat Pay's spbill_create_ip. */
  clientIp: string;
  /** Where this server is reached, for the receipt claim QR. */
  origin: string;
}

export interface CheckoutDependencies {
  checkouts: CheckoutRepository;
  attempts: AttemptRepository;
  claims: ReceiptClaimRepository;
  providers: PaymentProviders;
  links: PayerLinks;
  awards: CheckoutAwards;
  answers: CheckoutAnswers;
  locks: SaleLocks;
  memberCodes: () => MemberCodePort;
  receiptClaimHours: number;
  crashAt: (point: CrashPoint) => void;
}

// design.md "Queued events": a sale paid by other means may reach us up to 72 h later.
const OLDEST_SALE_MS = 72 * 3600_000;
const FUTURE_SKEW_MS = 300_000;

/**
 * `POST /v1/checkouts` (C-4.2.1.4, U-6.1.1): charge the payment code, record the sale, link it
 * to a consenting member, award points. Every step is written before the next begins, so a
 * retry after a crash at any point finishes what is left: a pending attempt is settled by
 * asking the provider, never by charging again; the award is keyed by the transaction.
 */
export class CheckoutService {
  constructor(private readonly deps: CheckoutDependencies) {}

  async checkout(context: CheckoutContext, request: CheckoutRequest): Promise<CheckoutAnswer> {
    const provider = this.providerFor(request);
    const occurredAt = saleTime(request.occurredAt);
    const id = transactionIdFor(context.deviceId, request.checkoutId);

    const existing = await this.deps.checkouts.find(id);
    if (existing) assertSameSale(existing, request);
    const unpaid = existing?.status !== 'paid';
    // C-4.1.4b: a provider without a confidentiality agreement in force is refused before the
    // member code is used up or the sale is written, so the refusal changes nothing.
    if (unpaid && provider) await provider.assertMayCharge();
    const holder = unpaid
      ? await this.memberCodeLink(request, id, occurredAt, context.deviceId)
      : undefined;
    if (!existing) await this.record(id, context, request, occurredAt);

    return this.deps.locks.withLock(id, () => this.proceed(id, context, request, provider, holder));
  }

  /**
   * A payment code is sent only to WeChat Pay or Alipay; UnionPay and the rest never leave.
   * The code is classified before the amount is looked at: a zero-amount sale charges nothing,
   * but a code this server does not accept is refused whatever the amount (C-4.2.1.4).
   */
  private providerFor(request: CheckoutRequest): PaymentProvider | undefined {
    if (request.tender !== 'payment-code') return undefined;
    const kind = classifyPaymentCode(request.paymentCode ?? '');
    if (kind !== 'wechat' && kind !== 'alipay')
      throw new AppError('PAYMENT_CODE_NOT_ACCEPTED', { details: { codeClass: kind } });
    return request.amountFen === 0 ? undefined : this.deps.providers.get(kind);
  }

  /** The member code is used up before anything is written: a refused code changes nothing. */
  private async memberCodeLink(
    request: CheckoutRequest,
    transactionId: string,
    occurredAt: Date,
    deviceId: string,
  ): Promise<MemberLink | null | undefined> {
    if (!request.memberCode) return undefined;
    // The till is named so that wrong codes count against it, not only against the card.
    const holder = await this.deps
      .memberCodes()
      .consume(request.memberCode, occurredAt, { useKey: transactionId, deviceId });
    // null: a member showed their code but has not agreed to linking; the sale stays anonymous.
    return (await this.deps.links.ifConsenting(holder.pseudonym, 'member-code')) ?? null;
  }

  private async record(
    id: string,
    context: CheckoutContext,
    request: CheckoutRequest,
    occurredAt: Date,
  ): Promise<void> {
    const inserted = await this.deps.checkouts.insert({
      id,
      deviceId: context.deviceId,
      checkoutId: request.checkoutId,
      storeId: request.storeId ?? null,
      tender: request.tender,
      amountFen: request.amountFen,
      items: request.items,
      occurredAt,
    });
    if (inserted) return;
    // A racing request recorded it first: it must be the same sale.
    assertSameSale((await this.deps.checkouts.find(id)) as CheckoutRecord, request);
  }

  private async proceed(
    id: string,
    context: CheckoutContext,
    request: CheckoutRequest,
    provider: PaymentProvider | undefined,
    holder: MemberLink | null | undefined,
  ): Promise<CheckoutAnswer> {
    const last = await this.deps.attempts.latest(id);
    if (last?.status === 'pending') await this.settlePending(id, last, holder);

    const sale = (await this.deps.checkouts.find(id)) as CheckoutRecord;
    if (sale.status === 'paid') return this.finishPaid(sale, context);

    // This very request ran before and its attempt was declined: that answer stands.
    const settled = last && (await this.deps.attempts.latest(id));
    if (settled?.status === 'declined' && settled.idempotencyKey === context.idempotencyKey)
      return this.deps.answers.declined(sale, request, settled.provider, settled.declineCode ?? '');

    if (!provider) {
      await this.commitPaid(sale, request, holder, {
        provider: 'none',
        attempt: null,
        providerTransactionId: null,
        paidFen: sale.amountFen,
        paidByKey: context.idempotencyKey,
      });
      return this.finishPaid(await this.reload(id), context);
    }
    return this.charge(sale, context, request, provider, holder, (last?.attempt ?? 0) + 1);
  }

  /** An attempt a killed or failed run left behind: ask the provider, never charge again. */
  private async settlePending(
    id: string,
    attempt: AttemptRecord,
    holder: MemberLink | null | undefined,
  ): Promise<void> {
    const provider = this.deps.providers.get(attempt.provider);
    const outcome = await provider.settle({ transactionId: id, attempt: attempt.attempt });
    const sale = await this.reload(id);
    await this.applyOutcome(sale, attempt, outcome, holder, sale);
  }

  private async charge(
    sale: CheckoutRecord,
    context: CheckoutContext,
    request: CheckoutRequest,
    provider: PaymentProvider,
    holder: MemberLink | null | undefined,
    attemptNumber: number,
  ): Promise<CheckoutAnswer> {
    const reference = { transactionId: sale.id, attempt: attemptNumber };
    const attempt: AttemptRecord = {
      ...reference,
      provider: provider.name,
      channelOrderNo: provider.channelOrderNo(reference),
      amountFen: sale.amountFen,
      status: 'pending',
      declineCode: null,
      idempotencyKey: context.idempotencyKey,
    };
    await this.deps.attempts.insertPending(attempt);

    const outcome = await provider.charge({
      ...reference,
      totalFen: sale.amountFen,
      paymentCode: normalizePaymentCode(request.paymentCode ?? ''),
      clientIp: context.clientIp,
    });
    await this.applyOutcome(sale, attempt, outcome, holder, request);
    if (outcome.outcome === 'declined')
      return this.deps.answers.declined(sale, request, provider.name, outcome.code);
    return this.finishPaid(await this.reload(sale.id), context);
  }

  private async applyOutcome(
    sale: CheckoutRecord,
    attempt: AttemptRecord,
    outcome: ChargeOutcome,
    holder: MemberLink | null | undefined,
    tenderSource: { tender: string },
  ): Promise<void> {
    if (outcome.outcome === 'declined') {
      await this.deps.attempts.markDeclined(sale.id, attempt.attempt, outcome.code);
      return;
    }

    this.deps.crashAt('after-provider-paid');
    const payerLink = holder === undefined ? await this.payerLink(attempt.provider, outcome) : null;
    await this.commitPaid(sale, tenderSource, holder ?? payerLink, {
      provider: attempt.provider,
      attempt: attempt.attempt,
      providerTransactionId: outcome.providerTransactionId,
      paidFen: outcome.paidFen,
      paidByKey: attempt.idempotencyKey,
      payerIndex:
        attempt.provider === 'alipay' ? this.deps.links.alipayPayerIndex(outcome.payerId) : null,
    });
  }

  private async payerLink(
    provider: PaymentProviderName,
    outcome: Extract<ChargeOutcome, { outcome: 'paid' }>,
  ): Promise<MemberLink | null> {
    return (await this.deps.links.forPayer(provider, outcome.payerId)) ?? null;
  }

  /** One commit: the payment, the member link decided before it, and the receipt claim. */
  private async commitPaid(
    sale: CheckoutRecord,
    tenderSource: { tender: string },
    link: MemberLink | null | undefined,
    payment: Omit<PaidSale, 'pseudonym' | 'linkVia' | 'tender'> & { payerIndex?: string | null },
  ): Promise<void> {
    const { payerIndex, ...paid } = payment;
    const tender = tenderSource.tender;
    const needsClaim =
      !link && paid.paidFen > 0 && (paid.provider === 'alipay' || tender !== 'payment-code');

    await this.deps.checkouts.transaction(async (trx) => {
      if (paid.attempt !== null && paid.providerTransactionId)
        await this.deps.attempts.markPaid(trx, sale.id, paid.attempt, paid.providerTransactionId);
      await this.deps.checkouts.markPaid(trx, sale.id, {
        ...paid,
        tender,
        pseudonym: link?.pseudonym ?? null,
        linkVia: link?.via ?? null,
      });
      if (needsClaim)
        await this.deps.claims.insert(trx, {
          code: newClaimCode(),
          transactionId: sale.id,
          payerIndex: payerIndex ?? null,
          expiresAt: new Date(Date.now() + this.deps.receiptClaimHours * 3600_000),
        });
    });
    this.deps.crashAt('after-commit');
  }

  /** Points for a linked sale, then the answer; a sale paid under another key is not paid twice. */
  private async finishPaid(sale: CheckoutRecord, context: CheckoutContext) {
    await this.deps.awards.finish(sale);
    this.deps.crashAt('after-award');

    if (sale.paidByKey !== context.idempotencyKey)
      throw new AppError('CHECKOUT_ALREADY_PAID', { details: { transactionId: sale.id } });
    return this.deps.answers.paid(await this.reload(sale.id), context.origin);
  }

  private async reload(id: string): Promise<CheckoutRecord> {
    return (await this.deps.checkouts.find(id)) as CheckoutRecord;
  }
}

/** The same checkout id with another amount is another sale: refused, nothing changes. */
function assertSameSale(sale: CheckoutRecord, request: CheckoutRequest): void {
  if (sale.amountFen !== request.amountFen)
    throw new AppError('CHECKOUT_AMOUNT_MISMATCH', { details: { checkoutId: request.checkoutId } });
}

function saleTime(text: string): Date {
  const occurredAt = new Date(text);
  const age = Date.now() - occurredAt.getTime();
  if (!Number.isFinite(age) || age > OLDEST_SALE_MS || age < -FUTURE_SKEW_MS)
    throw new ValidationError([{ path: 'occurredAt', problem: 'future or older than 72 hours' }]);
  return occurredAt;
}
