/** What the register says about a supplier's confidentiality agreement today (C-4.1.4b). */
export type AgreementState = 'valid' | 'expiring' | 'expired' | 'none';

/**
 * What the register shows: an ended supplier receives nothing whatever its agreements say, so
 * the listing must not show it as covered.
 */
export type SupplierAgreementState = AgreementState | 'ended';

/** An agreement counts as expiring this many days before its last day, so staff renew in time. */
export const EXPIRING_WITHIN_DAYS = 30;

export interface AgreementDates {
  signedOn: string;
  expiresOn: string;
}

const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * Today's date in China time ('YYYY-MM-DD'): agreements carry calendar dates as signed there,
 * and one signed to expire on the 31st still covers the whole of the 31st in the mall.
 */
export function chinaDate(now: Date): string {
  return new Date(now.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The agreement that covers `today`: signed on or before it, with the latest expiry. One
 * signed for a later start does not cover today yet.
 */
export function agreementInForce<T extends AgreementDates>(
  agreements: readonly T[],
  today: string,
): T | undefined {
  return agreements
    .filter((agreement) => agreement.signedOn <= today)
    .reduce<T | undefined>(
      (best, agreement) => (!best || agreement.expiresOn > best.expiresOn ? agreement : best),
      undefined,
    );
}

/** 'YYYY-MM-DD' strings compare as dates; the expiry day itself is still covered. */
export function agreementState(
  agreement: AgreementDates | undefined,
  today: string,
): AgreementState {
  if (!agreement) return 'none';
  if (agreement.expiresOn < today) return 'expired';

  const daysLeft = Math.round((Date.parse(agreement.expiresOn) - Date.parse(today)) / DAY_MS);
  return daysLeft <= EXPIRING_WITHIN_DAYS ? 'expiring' : 'valid';
}
