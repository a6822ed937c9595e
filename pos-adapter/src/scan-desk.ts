import { AppError, type PaymentCodeTable } from '@memberkit/shared';
import { decideScan } from './scan-decision';
import type { ScannedLine } from './scan-line-splitter';

/** What the till is told about one scan; codes themselves are never echoed in full. */
export type ScanEvent =
  | { kind: 'payment'; provider: 'wechat' | 'alipay' }
  | { kind: 'member'; cardNoTail: string }
  | { kind: 'product'; barcode: string };

interface Held {
  code: string;
  scannedAt: number;
}

/** The codes a checkout takes off the desk: each still within its hold time, or absent. */
export interface HeldCodes {
  paymentCode?: Held;
  memberCode?: Held;
}

// Payment codes are valid about one minute (wechat-pay-micropay.md); hold one no longer.
const PAYMENT_CODE_HOLD_MS = 60_000;
// A member code waits for the sale it was shown for, not for the next shopper's.
const MEMBER_CODE_HOLD_MS = 180_000;
const MAX_PRODUCT_SCANS = 200;

/**
 * The scan gun's codes waiting for the till's checkout: the last payment code and member
 * code (with when they were scanned: the server judges a member code by that time), and
 * product barcodes for the till's basket. Kept in memory only: they are short-lived.
 */
export class ScanDesk {
  private paymentCode: Held | undefined;
  private memberCode: Held | undefined;
  private products: string[] = [];

  constructor(private readonly table: PaymentCodeTable) {}

  accept(line: ScannedLine, scannedAt = Date.now()): ScanEvent {
    if (line.kind === 'too-long')
      throw new AppError('SCAN_CODE_UNRECOGNISED', {
        message: 'The scan-gun line is too long for a payment or member code: scan again',
        details: { reason: 'too-long' },
      });
    const decision = decideScan(line.code, this.table);
    if (decision.kind === 'payment') {
      this.paymentCode = { code: decision.paymentCode, scannedAt };
      return { kind: 'payment', provider: decision.provider };
    }
    if (decision.kind === 'member') {
      this.memberCode = { code: decision.memberCode, scannedAt };
      return { kind: 'member', cardNoTail: decision.memberCode.slice(8, 12) };
    }
    this.products = [...this.products, decision.barcode].slice(-MAX_PRODUCT_SCANS);
    return { kind: 'product', barcode: decision.barcode };
  }

  /**
   * Both held codes, cleared from the desk whether or not the checkout uses them. A held code
   * joins only the very next checkout: one left behind by a paid, declined or refused sale
   * would otherwise join the next shopper's sale and link it to someone else (U-6.1.1).
   */
  takeHeldCodes(now = Date.now()): HeldCodes {
    const { paymentCode, memberCode } = this;
    this.paymentCode = undefined;
    this.memberCode = undefined;
    return {
      paymentCode: withinHold(paymentCode, PAYMENT_CODE_HOLD_MS, now),
      memberCode: withinHold(memberCode, MEMBER_CODE_HOLD_MS, now),
    };
  }

  /** Drops everything on the desk: held codes and product barcodes alike. */
  clear(): void {
    this.takeHeldCodes();
    this.takeProducts();
  }

  /** Product barcodes since the till last asked, oldest first. */
  takeProducts(): string[] {
    const products = this.products;
    this.products = [];
    return products;
  }

  pending(): { paymentCode: boolean; memberCode: boolean; products: number } {
    return {
      paymentCode: this.paymentCode !== undefined,
      memberCode: this.memberCode !== undefined,
      products: this.products.length,
    };
  }
}

function withinHold(held: Held | undefined, holdMs: number, now: number): Held | undefined {
  return held && now - held.scannedAt <= holdMs ? held : undefined;
}
