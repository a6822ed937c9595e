import { Text, View } from '@tarojs/components';
import { useState } from 'react';

import PageSection from '../../components/page-section';
import SmsLoginForm from '../../components/sms-login-form';
import type { LoginAnswer } from '../../services/api-types';
import { openPage, replacePage, ROUTES } from '../../services/routes';
import { saveSessionToken } from '../../services/session';
import { keepPendingTicket } from '../../services/signup-ticket-store';
import PasswordLoginForm from './password-login-form';
import './index.scss';

type Method = 'sms' | 'password';

/** Website login (C-4.2.1.2): phone + SMS code; a password only for those who set one. */
export default function LoginPage() {
  const [method, setMethod] = useState<Method>('sms');
  const [newShopper, setNewShopper] = useState(false);

  function enter(token: string) {
    saveSessionToken(token);
    void replacePage(ROUTES.account);
  }

  function onSmsAnswer(answer: LoginAnswer) {
    if (answer.status === 'member') return enter(answer.session.token);

    keepPendingTicket({ ticket: answer.signupTicket, phoneVerified: true });
    setNewShopper(true);
  }

  return (
    <View className="page login" id="login-page">
      <Text className="login__title">会员登录</Text>
      <View className="chips login__tabs">
        <View
          id="login-tab-sms"
          className={`chip ${method === 'sms' ? 'chip--active' : ''}`}
          onClick={() => setMethod('sms')}
        >
          验证码登录
        </View>
        <View
          id="login-tab-password"
          className={`chip ${method === 'password' ? 'chip--active' : ''}`}
          onClick={() => setMethod('password')}
        >
          密码登录
        </View>
      </View>
      <PageSection title={method === 'sms' ? '手机验证码登录' : '密码登录'}>
        {method === 'sms' ? (
          <SmsLoginForm
            idPrefix="login-sms"
            channel="website"
            submitLabel="登录"
            onAnswer={onSmsAnswer}
          />
        ) : (
          <PasswordLoginForm onToken={enter} />
        )}
      </PageSection>
      {newShopper ? (
        <PageSection title="该手机号还不是会员" id="login-new-shopper">
          <Text className="notice-line">
            我们没有保存任何信息。阅读隐私政策并选择授权后即可成为会员。
          </Text>
          <Text
            className="link"
            id="login-go-signup"
            onClick={() => openPage(ROUTES.privacyNotice, { next: 'signup' })}
          >
            立即成为会员
          </Text>
        </PageSection>
      ) : null}
    </View>
  );
}
