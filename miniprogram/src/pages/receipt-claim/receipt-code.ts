import { normaliseBase32Text } from '@memberkit/shared';

/** This page, as registered in app.config.ts; the receipt's QR opens it with `?code=`. */
export const RECEIPT_CLAIM_PAGE = '/pages/receipt-claim/index';

/**
 * The claim code as the server issues it (server/src/checkout/checkout-ids.ts): 12 Crockford
 * base32 characters, printed under the QR as well. Typed codes are folded the same way the
 * server folds them (case, spaces, I/L/O read as 1/1/0) before they are checked.
 */
const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{12}$/;

export interface ReceiptLink {
  code: string;
  /** The till's hint that the sale was paid with Alipay (`p=alipay` in the QR text). */
  alipayHint: boolean;
}

function queryOf(text: string): URLSearchParams | undefined {
  const question = text.indexOf('?');
  return question === -1 ? undefined : new URLSearchParams(text.slice(question + 1));
}

/**
 * The claim code in whatever the shopper has: the QR's text (an H5 URL, or a mini-program
 * path with `?code=`, or `?r=` as the server's receipt QR writes it), a mini-program code's
 * `scene` (`code=...` or `r=...`), or the code typed by hand.
 * Undefined when nothing in it looks like a claim code.
 */
export function readReceiptLink(text: string): ReceiptLink | undefined {
  const trimmed = text.trim().replace(/\s+/g, '');
  const query =
    queryOf(trimmed) ?? (trimmed.includes('=') ? new URLSearchParams(trimmed) : undefined);
  const found = query ? (query.get('code') ?? query.get('r') ?? undefined) : trimmed;
  const code = found === undefined ? undefined : normaliseBase32Text(found);

  if (!code || !CLAIM_CODE.test(code)) return undefined;
  return { code, alipayHint: query?.get('p') === 'alipay' };
}

/** What the page was opened with: `?code=` or `?r=` (H5 URL, weapp path), or `?scene=`. */
export function receiptLinkFromParams(
  params: Record<string, string | undefined>,
): ReceiptLink | undefined {
  const code = params.code ?? params.r;
  if (code) {
    const query = new URLSearchParams({ code, p: params.p ?? '' });
    return readReceiptLink(`?${query.toString()}`);
  }
  if (params.scene) return readReceiptLink(decodeURIComponent(params.scene));
  return undefined;
}
