import { claimProblemOf } from '../../../src/pages/receipt-claim/receipt-claim-messages';
import { ApiError } from '../../../src/services/api-error';

jest.mock('@tarojs/taro', () => jest.requireActual('../../support/taro-double').taroModule);

describe('receipt-claim page: what a refused claim says (issue #6, U-6.1.1)', () => {
  it('explains an unknown, expired or claimed code without a consent link', () => {
    const problem = claimProblemOf(new ApiError('RECEIPT_CLAIM_INVALID', 404));

    expect(problem.needsLinkingConsent).toBe(false);
    expect(problem.message).toContain('小票码');
  });

  it('points to the transaction-linking consent when that consent is missing', () => {
    const problem = claimProblemOf(
      new ApiError('CONSENT_REQUIRED', 403, undefined, { purpose: 'transaction_linking' }),
    );

    expect(problem.needsLinkingConsent).toBe(true);
    expect(problem.message).toContain('消费关联积分');
  });

  it('asks to agree again when the notice for that purpose changed', () => {
    const problem = claimProblemOf(
      new ApiError('RECONSENT_REQUIRED', 403, undefined, { purpose: 'transaction_linking' }),
    );

    expect(problem.needsLinkingConsent).toBe(true);
  });

  it('does not send a member whose other consent is missing to the linking switch', () => {
    const problem = claimProblemOf(
      new ApiError('CONSENT_REQUIRED', 403, undefined, { purpose: 'membership' }),
    );

    expect(problem.needsLinkingConsent).toBe(false);
  });

  it('falls back to the shared Chinese texts for anything else', () => {
    expect(claimProblemOf(new ApiError('NETWORK_ERROR')).message).toBe(
      '网络连接失败，请检查网络后重试',
    );
  });
});
