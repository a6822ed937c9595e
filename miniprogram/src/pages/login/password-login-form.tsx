import { Button, Input, View } from '@tarojs/components';
import { useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import { messageOf } from '../../services/api-error';
import { loginWithPassword } from '../../services/auth-api';
import { cleanPhoneInput, isMainlandMobile } from '../../services/phone-format';

/** Phone + password, for members who set a website password (optional). */
export default function PasswordLoginForm({ onToken }: { onToken: (token: string) => void }) {
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit() {
    const cleaned = cleanPhoneInput(phone);
    if (!isMainlandMobile(cleaned)) return setError('请输入正确的中国大陆手机号');
    if (!password) return setError('请输入密码');

    setBusy(true);
    try {
      onToken((await loginWithPassword(cleaned, password)).token);
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
          id="login-password-phone"
          className="field__input"
          type="number"
          maxlength={11}
          value={phone}
          placeholder="请输入手机号"
          onInput={(event) => setPhone(event.detail.value)}
        />
      </FormField>
      <FormField label="密码">
        <Input
          id="login-password"
          className="field__input"
          password
          value={password}
          placeholder="请输入密码"
          onInput={(event) => setPassword(event.detail.value)}
        />
      </FormField>
      <FormError id="login-password-error" message={error} />
      <View className="actions">
        <Button
          id="login-password-submit"
          className="btn btn--primary"
          loading={busy}
          onClick={submit}
        >
          登录
        </Button>
      </View>
    </View>
  );
}
