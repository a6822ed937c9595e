import { api } from '../../services/api-client';
import { isApiError } from '../../services/api-error';

/** What the server may say about a sale before it is claimed (all optional). */
export interface ReceiptPreview {
  amountFen?: number;
  occurredAt?: string;
  provider?: 'wechat' | 'alipay' | 'none';
}

/** The answer of POST /v1/me/receipt-claims: the points at least, the sale when given. */
export interface ReceiptClaimAnswer extends ReceiptPreview {
  pointsAwarded: number;
  balance?: number;
  rememberedAlipayPayer?: boolean;
}

const claimPath = (code: string) => `/v1/me/receipt-claims/${encodeURIComponent(code)}`;

/**
 * The sale behind a claim code, when the server offers a look before claiming; undefined when
 * it does not (the page then claims without showing the sale first). A code the server knows
 * to be bad still throws, so the shopper hears it before tapping anything.
 */
export async function previewReceipt(code: string): Promise<ReceiptPreview | undefined> {
  try {
    return await api.get<ReceiptPreview>(claimPath(code));
  } catch (failure) {
    if (isApiError(failure) && failure.code === 'RECEIPT_CLAIM_INVALID') throw failure;
    if (isApiError(failure) && failure.status === 401) throw failure;
    return undefined;
  }
}

export function claimReceipt(code: string, rememberAlipayPayer?: boolean) {
  const body = rememberAlipayPayer === undefined ? { code } : { code, rememberAlipayPayer };
  return api.post<ReceiptClaimAnswer>('/v1/me/receipt-claims', body);
}
