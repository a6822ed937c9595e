import { isApiError, messageOf } from '../../services/api-error';

/** The purpose a claim needs; the server names it in the refusal's details. */
const LINKING_PURPOSE = 'transaction_linking';
const CONSENT_CODES = ['CONSENT_REQUIRED', 'RECONSENT_REQUIRED'];

export interface ClaimProblem {
  message: string;
  /** True when the fix is to turn on the transaction-linking consent (U-6.1.1). */
  needsLinkingConsent: boolean;
}

function purposeOf(details: unknown): string | undefined {
  const purpose = (details as { purpose?: unknown } | undefined)?.purpose;
  return typeof purpose === 'string' ? purpose : undefined;
}

/** Chinese texts for what claiming a receipt can run into; the rest from the shared table. */
export function claimProblemOf(error: unknown): ClaimProblem {
  if (!isApiError(error)) return { message: messageOf(error), needsLinkingConsent: false };

  if (error.code === 'RECEIPT_CLAIM_INVALID')
    return {
      message: '该小票码无效、已过期或已被领取。请核对小票上的积分码，或联系服务台。',
      needsLinkingConsent: false,
    };
  const purpose = purposeOf(error.details) ?? LINKING_PURPOSE;
  if (CONSENT_CODES.includes(error.code) && purpose === LINKING_PURPOSE)
    return {
      message:
        error.code === 'RECONSENT_REQUIRED'
          ? '“消费关联积分”授权的内容已更新，请重新确认授权后再领取积分。'
          : '领取消费积分需要先开启“消费关联积分”授权：将这笔消费与您的会员账户关联。',
      needsLinkingConsent: true,
    };
  return { message: error.message, needsLinkingConsent: false };
}
