import Taro from '@tarojs/taro';

import { isWeapp } from './runtime';

/** The id of our agree button; WeChat checks that this button was really tapped. */
export const PRIVACY_AGREE_BUTTON_ID = 'privacy-agree';

export type PrivacyDecision = 'agreed' | 'refused';

type ResolvePrompt = (option: Taro.onNeedPrivacyAuthorization.ResolveOption) => void;

let pendingPrompt: ResolvePrompt | undefined;

/**
 * wx.getPrivacySetting: true while the shopper has not agreed to the privacy guide (or WeChat
 * asks again because new data types were declared: the re-consent trigger, U-6.1.2). H5 has
 * no WeChat privacy guide: nothing to agree to there.
 */
export function isPrivacyAgreementNeeded(): Promise<boolean> {
  if (!isWeapp()) return Promise.resolve(false);

  return new Promise((resolve) => {
    Taro.getPrivacySetting({
      success: (result) => resolve(result.needAuthorization),
      // An old base library without the API blocks nothing.
      fail: () => resolve(false),
    });
  });
}

/**
 * wx.onNeedPrivacyAuthorization: WeChat calls `show` when a blocked API (phone number,
 * camera...) is used before agreement; the API waits until answerPrivacyPrompt. Returns a
 * function that forgets the pending prompt (WeChat keeps one listener, the latest).
 */
export function listenForPrivacyPrompt(show: () => void): () => void {
  if (!isWeapp()) return () => undefined;

  Taro.onNeedPrivacyAuthorization((resolve) => {
    pendingPrompt = resolve;
    resolve({ event: 'exposureAuthorization' });
    show();
  });

  return () => {
    pendingPrompt = undefined;
  };
}

/**
 * The shopper's answer. Agreeing is recorded by WeChat through the button with
 * openType="agreePrivacyAuthorization"; we then let the waiting API go on. Refusing makes the
 * waiting API fail, and the page offers the SMS path instead (field-cases.md).
 */
export function answerPrivacyPrompt(decision: PrivacyDecision): void {
  const resolve = pendingPrompt;
  pendingPrompt = undefined;
  if (!isWeapp() || !resolve) return;

  if (decision === 'agreed') resolve({ event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID });
  else resolve({ event: 'disagree' });
}

/** WeChat's own page with the full privacy guide; H5 shows our notice page instead. */
export function openWechatPrivacyContract(): Promise<boolean> {
  if (!isWeapp()) return Promise.resolve(false);

  return new Promise((resolve) => {
    Taro.openPrivacyContract({ success: () => resolve(true), fail: () => resolve(false) });
  });
}
