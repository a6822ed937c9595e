import { Button } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import { useCountdown } from '../hooks/use-countdown';
import { messageOf } from '../services/api-error';
import { sendSmsCode, type SmsPurpose } from '../services/auth-api';
import { isMainlandMobile } from '../services/phone-format';

/** The server allows one code per phone per minute; the button waits as long. */
export const SMS_RESEND_SECONDS = 60;

interface SmsCodeButtonProps {
  id: string;
  phone: string;
  purpose: SmsPurpose;
  onError: (message: string) => void;
  onSent?: () => void;
}

/** "获取验证码", then "重新获取(59s)" counting down before a resend is allowed. */
export default function SmsCodeButton({ id, phone, purpose, onError, onSent }: SmsCodeButtonProps) {
  const { secondsLeft, start } = useCountdown(SMS_RESEND_SECONDS);
  const [sending, setSending] = useState(false);
  const [sentOnce, setSentOnce] = useState(false);

  async function send() {
    if (!isMainlandMobile(phone)) {
      onError('请输入正确的中国大陆手机号');
      return;
    }

    setSending(true);
    try {
      await sendSmsCode(phone, purpose);
      start();
      setSentOnce(true);
      onError('');
      Taro.showToast({ title: '验证码已发送', icon: 'none' });
      onSent?.();
    } catch (error) {
      onError(messageOf(error));
    } finally {
      setSending(false);
    }
  }

  const waiting = secondsLeft > 0;
  const label = waiting ? `重新获取(${secondsLeft}s)` : sentOnce ? '重新获取' : '获取验证码';

  return (
    <Button
      id={id}
      className="btn btn--plain btn--small"
      disabled={waiting || sending}
      onClick={send}
    >
      {label}
    </Button>
  );
}
