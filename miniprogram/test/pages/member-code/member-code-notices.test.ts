import type { MyConsents, PurposeState } from '../../../src/services/api-types';
import { ApiError } from '../../../src/services/api-error';
import { fetchMyConsents } from '../../../src/services/consent-api';
import { saveSessionToken } from '../../../src/services/session';
import { secondsToWait } from '../../../src/pages/member-code/code-wait';
import {
  LINKING_ACTIONS,
  LINKING_INTROS,
  linkingStateOf,
} from '../../../src/pages/member-code/linking-notice';
import { fetchMemberCode } from '../../../src/pages/member-code/member-code-api';
import { installFetch, runAs } from '../../support/platform-env';
import { resetWechat } from '../../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../../support/taro-double').taroModule);

function linking(overrides: Partial<PurposeState>): PurposeState {
  return {
    purpose: 'transaction_linking',
    kind: 'extended',
    status: 'granted',
    noticeVersion: 1,
    needsReconsent: false,
    active: true,
    askAgain: false,
    ...overrides,
  };
}

function consentsWith(...purposes: PurposeState[]): MyConsents {
  return { noticeVersion: 1, purposes, history: [] };
}

const membership: PurposeState = { ...linking({}), purpose: 'membership', kind: 'basic' };

describe('member-code page: what showing the code earns (issue #6, C-4.2.1.4, U-6.1.1)', () => {
  it('U-6.1.1: promises this sale’s points only with the transaction-linking consent', () => {
    const state = linkingStateOf(consentsWith(membership, linking({})));

    expect(state).toBe('on');
    expect(LINKING_INTROS[state]).toContain('扫码即可累积本次消费积分');
    expect(LINKING_ACTIONS[state]).toBeUndefined();
  });

  it.each(['refused', 'withdrawn', 'none'] as const)(
    'U-6.1.1: says a member whose linking consent is %s earns no points, and links to it',
    (status) => {
      const state = linkingStateOf(consentsWith(membership, linking({ status, active: false })));

      expect(state).toBe('off');
      expect(LINKING_INTROS[state]).toContain('不会累积本次消费积分');
      expect(LINKING_INTROS[state]).not.toContain('即可累积');
      expect(LINKING_ACTIONS[state]).toContain('消费关联积分');
    },
  );

  it('U-6.1.1: asks to confirm again a linking consent given under an older notice', () => {
    const state = linkingStateOf(
      consentsWith(membership, linking({ active: false, needsReconsent: true, askAgain: true })),
    );

    expect(state).toBe('reconfirm');
    expect(LINKING_INTROS[state]).toContain('不会累积');
    expect(LINKING_ACTIONS[state]).toContain('重新确认');
  });

  it('promises nothing it does not know while the consents are unread or unreadable', () => {
    expect(linkingStateOf(undefined)).toBe('unknown');
    expect(linkingStateOf(consentsWith(membership))).toBe('unknown');
    expect(LINKING_INTROS.unknown).toContain('开启“消费关联积分”授权后');
  });

  it('reads the consents the way the account page does (GET /v1/me/consents)', async () => {
    resetWechat();
    runAs('h5');
    saveSessionToken('tk-consents');
    const calls = installFetch(() => ({
      status: 200,
      body: consentsWith(membership, linking({ status: 'withdrawn', active: false })),
    }));

    expect(linkingStateOf(await fetchMyConsents())).toBe('off');
    expect(calls[0].url).toContain('/v1/me/consents');
  });
});

describe('member-code page: waiting for the next code (issue #6, C-4.2.1.4)', () => {
  beforeEach(() => {
    resetWechat();
    runAs('h5');
    saveSessionToken('tk-member-code');
  });

  it('C-4.2.1.4: reads the wait from the 429 RATE_LIMITED answer of GET /v1/me/member-code', async () => {
    installFetch(() => ({
      status: 429,
      body: {
        error: { code: 'RATE_LIMITED', message: 'Too many', details: { retryAfterSeconds: 17 } },
      },
    }));

    const failure = await fetchMemberCode().catch((error: unknown) => error);

    expect(secondsToWait(failure)).toBe(17);
  });

  it.each([
    [undefined, 5],
    [0.2, 1],
    [-3, 1],
    [3600, 60],
    ['12', 5],
  ])('turns retryAfterSeconds %j into a wait of %d s', (retryAfterSeconds, seconds) => {
    const error = new ApiError('RATE_LIMITED', 429, undefined, { retryAfterSeconds });

    expect(secondsToWait(error)).toBe(seconds);
  });

  it('does not wait on failures that waiting will not mend', () => {
    expect(secondsToWait(new ApiError('SESSION_INVALID', 401))).toBeUndefined();
    expect(secondsToWait(new ApiError('CONSENT_REQUIRED', 403))).toBeUndefined();
    expect(secondsToWait(new Error('boom'))).toBeUndefined();
  });
});
