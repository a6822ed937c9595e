import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import type { CheckoutRepository } from './checkout-repository';

const POLL_MS = 100;

/**
 * One request at a time works on a sale. Two requests for one sale with different
 * Idempotency-Keys (a till that timed out and scanned a new code) would otherwise both act on
 * the same payment attempt: the second could reverse a payment the shopper is confirming. The
 * second request waits for the first; a lock left by a killed process ends with its lease,
 * which is the Idempotency-Key lease, so the till's retry always gets through.
 */
export class SaleLocks {
  constructor(
    private readonly checkouts: CheckoutRepository,
    private readonly leaseSeconds: number,
  ) {}

  async withLock<T>(transactionId: string, work: () => Promise<T>): Promise<T> {
    const owner = crypto.randomBytes(8).toString('hex');
    const giveUpAt = Date.now() + (this.leaseSeconds + 5) * 1000;
    while (!(await this.checkouts.lock(transactionId, owner, this.leaseEnd()))) {
      if (Date.now() > giveUpAt) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }

    try {
      return await work();
    } finally {
      await this.checkouts.unlock(transactionId, owner);
    }
  }

  private leaseEnd(): Date {
    return new Date(Date.now() + this.leaseSeconds * 1000);
  }
}
