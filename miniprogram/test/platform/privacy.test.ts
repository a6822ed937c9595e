import {
  answerPrivacyPrompt,
  isPrivacyAgreementNeeded,
  listenForPrivacyPrompt,
  PRIVACY_AGREE_BUTTON_ID,
} from '../../src/platform/privacy';
import { runAs } from '../support/platform-env';
import { resetWechat, triggerPrivacyPrompt, wechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

describe('privacy', () => {
  beforeEach(() => resetWechat());

  describe('in WeChat (weapp)', () => {
    beforeEach(() => runAs('weapp'));

    it('needs agreement while WeChat says the privacy guide is not agreed to', async () => {
      wechat.needPrivacyAuthorization = true;

      await expect(isPrivacyAgreementNeeded()).resolves.toBe(true);
    });

    it('needs nothing once agreed, or on a base library without the API', async () => {
      await expect(isPrivacyAgreementNeeded()).resolves.toBe(false);
      wechat.needPrivacyAuthorization = 'unsupported';
      await expect(isPrivacyAgreementNeeded()).resolves.toBe(false);
    });

    it('lets the blocked API go on with our agree button when the shopper agrees', () => {
      const shown = jest.fn();
      listenForPrivacyPrompt(shown);

      const answers = triggerPrivacyPrompt();
      answerPrivacyPrompt('agreed');

      expect(shown).toHaveBeenCalledTimes(1);
      expect(answers).toEqual([
        { event: 'exposureAuthorization' },
        { event: 'agree', buttonId: PRIVACY_AGREE_BUTTON_ID },
      ]);
    });

    it('makes the blocked API fail when the shopper refuses', () => {
      listenForPrivacyPrompt(() => undefined);

      const answers = triggerPrivacyPrompt();
      answerPrivacyPrompt('refused');

      expect(answers.at(-1)).toEqual({ event: 'disagree' });
    });

    it('answers each prompt once, and nothing after the listener is dropped', () => {
      const stop = listenForPrivacyPrompt(() => undefined);
      const answers = triggerPrivacyPrompt();
      answerPrivacyPrompt('agreed');
      answerPrivacyPrompt('refused');
      triggerPrivacyPrompt();
      stop();
      answerPrivacyPrompt('agreed');

      expect(answers.filter((answer) => answer.event !== 'exposureAuthorization')).toHaveLength(1);
    });
  });

  describe('in the browser (h5)', () => {
    beforeEach(() => runAs('h5'));

    it('has nothing to agree to and never touches the WeChat API', async () => {
      await expect(isPrivacyAgreementNeeded()).resolves.toBe(false);
      listenForPrivacyPrompt(() => undefined);
      answerPrivacyPrompt('agreed');

      expect(wechat.calls).toEqual([]);
    });
  });
});
