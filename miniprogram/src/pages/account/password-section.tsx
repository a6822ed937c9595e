import { Button, Input, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import { messageOf } from '../../services/api-error';
import { setPassword } from '../../services/member-api';

/** Optional website password (C-4.2.1.3b); a change needs the current one. */
export default function PasswordSection() {
  const [open, setOpen] = useState(false);
  const [newPassword, setNewPassword] = useState('');
  const [currentPassword, setCurrentPassword] = useState('');
  const [error, setError] = useState('');

  async function save() {
    if (!/^(?=.*[A-Za-z])(?=.*\d).{8,64}$/.test(newPassword))
      return setError('密码需为 8–64 位，且同时包含字母和数字');

    try {
      await setPassword(newPassword, currentPassword ? { currentPassword } : {});
      setError('');
      setOpen(false);
      setNewPassword('');
      setCurrentPassword('');
      Taro.showToast({ title: '密码已设置', icon: 'success' });
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <PageSection
      title="网站登录密码（可选）"
      intro="不设置也可用手机验证码登录网站。"
      id="account-password"
    >
      {open ? (
        <View>
          <FormField label="新密码">
            <Input
              id="password-new"
              className="field__input"
              password
              value={newPassword}
              placeholder="8–64 位，含字母和数字"
              onInput={(event) => setNewPassword(event.detail.value)}
            />
          </FormField>
          <FormField label="当前密码" optional hint="已设置过密码时必填">
            <Input
              id="password-current"
              className="field__input"
              password
              value={currentPassword}
              onInput={(event) => setCurrentPassword(event.detail.value)}
            />
          </FormField>
          <FormError id="password-error" message={error} />
          <Button id="password-save" className="btn btn--primary btn--small" onClick={save}>
            保存密码
          </Button>
        </View>
      ) : (
        <Button
          id="password-open"
          className="btn btn--plain btn--small"
          onClick={() => setOpen(true)}
        >
          设置或修改密码
        </Button>
      )}
    </PageSection>
  );
}
