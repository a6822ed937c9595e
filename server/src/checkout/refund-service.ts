import {
  AppError,
  NotFoundError,
  type CheckoutRefundAnswer,
  type CheckoutRefundRequest,
} from '@memberkit/shared';
import type { CheckoutAwards } from './checkout-awards';
import { providerRefundNumber, transactionIdFor } from './checkout-ids';
import type { CheckoutRecord, CheckoutRepository } from './checkout-repository';
import type { PaymentProviders } from './payment-providers';
import type { RefundRecord, RefundRepository } from './refund-repository';
import type { SaleLocks } from './sale-locks';

export interface RefundDependencies {
  checkouts: CheckoutRepository;
  refunds: RefundRepository;
  providers: PaymentProviders;
  awards: CheckoutAwards;
  locks: SaleLocks;
}

/**
 * `POST /v1/checkouts/:checkoutId/refunds`: money back through the provider that took it (cash
 * and bank-card refunds are recorded only), never more than was paid in total, and the points
 * taken back in proportion through the points ledger. The refund is reserved and committed
 * before the provider is called; our refund number makes a retry the same refund there.
 */
export class RefundService {
  constructor(private readonly deps: RefundDependencies) {}

  async refund(
    deviceId: string,
    checkoutId: string,
    request: CheckoutRefundRequest,
  ): Promise<CheckoutRefundAnswer> {
    const id = transactionIdFor(deviceId, checkoutId);
    const sale = await this.deps.checkouts.find(id);
    if (!sale || sale.status !== 'paid') throw new NotFoundError('CHECKOUT_NOT_FOUND');

    return this.deps.locks.withLock(id, async () => {
      const refund = await this.reserve(sale, request);
      if (refund.status === 'pending') await this.pay(sale, refund);
      await this.deps.awards.reverseRefunds(id);

      const done = (await this.deps.refunds.find(id, refund.refundId)) as RefundRecord;
      return {
        checkoutId,
        refundId: done.refundId,
        refundedFen: done.amountFen,
        pointsReversed: done.pointsReversed ?? 0,
      };
    });
  }

  /** The refund as recorded: a new one only if it fits in what is left of the payment. */
  private async reserve(
    sale: CheckoutRecord,
    request: CheckoutRefundRequest,
  ): Promise<RefundRecord> {
    const earlier = await this.deps.refunds.find(sale.id, request.refundId);
    if (earlier) {
      if (earlier.amountFen !== request.amountFen)
        throw new AppError('CONFLICT', { details: { refundId: request.refundId } });
      return earlier;
    }

    await this.deps.checkouts.transaction(async (trx) => {
      if (!(await this.deps.checkouts.reserveRefund(trx, sale.id, request.amountFen)))
        throw new AppError('REFUND_EXCEEDS_PAYMENT', {
          details: { refundableFen: (sale.paidFen ?? 0) - sale.refundedFen },
        });
      await this.deps.refunds.insertPending(trx, sale.id, request.refundId, request.amountFen);
    });
    return (await this.deps.refunds.find(sale.id, request.refundId)) as RefundRecord;
  }

  private async pay(sale: CheckoutRecord, refund: RefundRecord): Promise<void> {
    if (sale.provider === 'none' || sale.provider === null || sale.paidAttempt === null) {
      await this.deps.refunds.markDone(sale.id, refund.refundId, null);
      return;
    }

    const provider = this.deps.providers.get(sale.provider);
    try {
      const { providerRefundId } = await provider.refund({
        transactionId: sale.id,
        attempt: sale.paidAttempt,
        paidFen: sale.paidFen ?? 0,
        refundFen: refund.amountFen,
        refundNumber: providerRefundNumber(sale.id, refund.refundId),
      });
      await this.deps.refunds.markDone(sale.id, refund.refundId, providerRefundId);
    } catch (error) {
      await this.giveBackIfRefused(sale, refund, error);
      throw error;
    }
  }

  /**
   * A provider that refused outright (not "try again") never moved the money: the reservation
   * goes, so the till may refund again. Anything else keeps it pending for the retry.
   */
  private async giveBackIfRefused(sale: CheckoutRecord, refund: RefundRecord, error: unknown) {
    const retryable = (error as AppError | undefined)?.details?.retryable === true;
    if (!(error instanceof AppError) || retryable) return;
    await this.deps.checkouts.transaction(async (trx) => {
      await this.deps.refunds.remove(trx, sale.id, refund.refundId);
      await this.deps.checkouts.releaseRefund(trx, sale.id, refund.amountFen);
    });
  }
}
