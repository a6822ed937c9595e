import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import PrivacySheet from '../../components/privacy-sheet';
import SmsCodeButton from '../../components/sms-code-button';
import { answerPrivacyPrompt, listenForPrivacyPrompt } from '../../platform/privacy';
import { messageOf } from '../../services/api-error';
import { bindPhone, type PhoneBindingBody } from '../../services/member-api';
import { cleanPhoneInput, isMainlandMobile } from '../../services/phone-format';
import { openPage, replacePage, ROUTES } from '../../services/routes';
import WechatPhoneButton from './wechat-phone-button';
import './index.scss';

/** Phone binding after sign-up (C-4.2.1.3a): by SMS code, or WeChat's button; "可跳过". */
export default function PhoneBindingPage() {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [privacyAsked, setPrivacyAsked] = useState(false);

  // WeChat blocks the phone-number button until the privacy guide is agreed to.
  useEffect(() => listenForPrivacyPrompt(() => setPrivacyAsked(true)), []);

  async function bind(binding: () => Promise<PhoneBindingBody>) {
    setBusy(true);
    try {
      const answer = await bindPhone(await binding());
      Taro.showToast({ title: `已绑定 ${answer.phone}`, icon: 'none' });
      await replacePage(ROUTES.account);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  function bindBySms() {
    const cleaned = cleanPhoneInput(phone);
    if (!isMainlandMobile(cleaned)) return setError('请输入正确的中国大陆手机号');
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位验证码');

    void bind(async () => ({ method: 'sms', phone: cleaned, code }));
  }

  return (
    <View className="page phone-binding" id="phone-binding-page">
      <PageSection
        title="绑定手机号（可跳过）"
        intro="手机号用于找回账户、网站登录和绑定实体会员卡。绑定不是必需的，您可以跳过，以后在“我的”中再绑定。"
      >
        <FormField label="手机号">
          <Input
            id="phone-number"
            className="field__input"
            type="number"
            maxlength={11}
            value={phone}
            placeholder="请输入手机号"
            onInput={(event) => setPhone(event.detail.value)}
          />
        </FormField>
        <FormField label="短信验证码">
          <View className="row">
            <Input
              id="phone-code"
              className="field__input"
              type="number"
              maxlength={6}
              value={code}
              placeholder="6 位验证码"
              onInput={(event) => setCode(event.detail.value)}
            />
            <SmsCodeButton
              id="phone-send-code"
              phone={cleanPhoneInput(phone)}
              purpose="bind"
              onError={setError}
            />
          </View>
        </FormField>
        <FormError id="phone-error" message={error} />
        <View className="actions">
          <Button id="phone-bind" className="btn btn--primary" loading={busy} onClick={bindBySms}>
            验证并绑定
          </Button>
          <WechatPhoneButton typedPhone={cleanPhoneInput(phone)} onBinding={bind} />
          <Button
            id="phone-skip"
            className="btn btn--plain"
            onClick={() => replacePage(ROUTES.account)}
          >
            跳过，以后再说
          </Button>
        </View>
      </PageSection>
      <Text className="notice-line phone-binding__note">
        手机号仅用于会员服务，加密保存。
        <Text className="link" onClick={() => openPage(ROUTES.privacyNotice)}>
          查看隐私政策
        </Text>
      </Text>
      {privacyAsked ? (
        <PrivacySheet
          onDecide={(decision) => {
            answerPrivacyPrompt(decision);
            setPrivacyAsked(false);
            if (decision === 'refused') setError('您未同意隐私保护提示，可使用短信验证码绑定');
          }}
          onReadNotice={() => openPage(ROUTES.privacyNotice)}
        />
      ) : null}
    </View>
  );
}
