import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';

import { messageOf } from '../services/api-error';
import type { Channel, LoginAnswer } from '../services/api-types';
import { loginWithSmsCode } from '../services/auth-api';
import { cleanPhoneInput, isMainlandMobile } from '../services/phone-format';
import FormError from './form-error';
import FormField from './form-field';
import SmsCodeButton from './sms-code-button';

interface SmsLoginFormProps {
  idPrefix: string;
  channel: Channel;
  submitLabel: string;
  onAnswer: (answer: LoginAnswer, phone: string) => void;
}

/** Phone + six-digit SMS code: the website login and the mini-program's SMS path. */
export default function SmsLoginForm({
  idPrefix,
  channel,
  submitLabel,
  onAnswer,
}: SmsLoginFormProps) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit() {
    const cleaned = cleanPhoneInput(phone);
    if (!isMainlandMobile(cleaned)) return setError('请输入正确的中国大陆手机号');
    if (!/^\d{6}$/.test(code)) return setError('请输入 6 位验证码');

    setBusy(true);
    try {
      onAnswer(await loginWithSmsCode(cleaned, code, channel), cleaned);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View>
      <FormField label="手机号">
        <Input
          id={`${idPrefix}-phone`}
          className="field__input"
          type="number"
          maxlength={11}
          value={phone}
          placeholder="请输入手机号"
          onInput={(event) => setPhone(event.detail.value)}
        />
      </FormField>
      <FormField label="验证码">
        <View className="row">
          <Input
            id={`${idPrefix}-code`}
            className="field__input"
            type="number"
            maxlength={6}
            value={code}
            placeholder="6 位验证码"
            onInput={(event) => setCode(event.detail.value)}
          />
          <SmsCodeButton
            id={`${idPrefix}-send`}
            phone={cleanPhoneInput(phone)}
            purpose="login"
            onError={setError}
          />
        </View>
      </FormField>
      <FormError id={`${idPrefix}-error`} message={error} />
      <View className="actions">
        <Button
          id={`${idPrefix}-submit`}
          className="btn btn--primary"
          loading={busy}
          onClick={submit}
        >
          {submitLabel}
        </Button>
      </View>
    </View>
  );
}
