import { isAppError } from '@memberkit/shared';
import type { Logger } from '../platform/logger';
import type { AwardService } from '../points/award-service';
import type { CheckoutRecord, CheckoutRepository } from './checkout-repository';
import type { RefundRepository } from './refund-repository';

export interface CheckoutAwardDependencies {
  awards: AwardService;
  checkouts: CheckoutRepository;
  refunds: RefundRepository;
  log: Logger;
}

/** The points ledger's source key of a sale: one award per transaction, whatever the retries. */
export function awardSourceKey(transactionId: string): string {
  return `checkout:${transactionId}`;
}

/**
 * Points for linked sales (U-6.4.1) through the one points ledger (server/src/points): the
 * award is idempotent by source key, so a retry after a crash at any point gives it once.
 * Refunds made before the sale was linked (a receipt claimed later) are reversed here too.
 */
export class CheckoutAwards {
  constructor(private readonly deps: CheckoutAwardDependencies) {}

  async finish(sale: CheckoutRecord): Promise<void> {
    if (sale.awardState === 'pending') await this.award(sale);
    await this.reverseRefunds(sale.id);
  }

  /** Take back points for refunds whose points were not taken back yet. */
  async reverseRefunds(transactionId: string): Promise<void> {
    const sale = await this.deps.checkouts.find(transactionId);
    if (!sale || sale.awardState === 'none' || sale.awardState === 'pending') return;

    for (const refund of await this.deps.refunds.awaitingReversal(transactionId)) {
      const points =
        sale.awardState === 'done'
          ? (
              await this.deps.awards.refund(sale.deviceId, {
                sourceKey: awardSourceKey(sale.id),
                refundKey: refund.refundId,
                amountFen: refund.amountFen,
              })
            ).pointsReversed
          : 0;
      await this.deps.refunds.recordReversal(transactionId, refund.refundId, points);
    }
  }

  private async award(sale: CheckoutRecord): Promise<void> {
    try {
      const award = await this.deps.awards.award(sale.deviceId, {
        pseudonym: sale.pseudonym as string,
        sourceKey: awardSourceKey(sale.id),
        kind: 'purchase',
        amountFen: sale.paidFen ?? 0,
        items: sale.items,
        storeId: sale.storeId ?? undefined,
        occurredAt: sale.occurredAt,
      });
      await this.deps.checkouts.finishAward(sale.id, 'done', award.points);
    } catch (error) {
      // A refusal (membership consent gone, a sale older than 72 h) will not change on retry:
      // the sale stays linked with no points. Anything else is retried by the next request.
      if (!isAppError(error) || error.status >= 500) throw error;
      this.deps.log.warn({ transactionId: sale.id, code: error.code }, 'checkout award refused');
      await this.deps.checkouts.finishAward(sale.id, 'skipped', 0);
    }
  }
}
