import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';

import PageSection from '../../components/page-section';
import PrivacySheet from '../../components/privacy-sheet';
import SmsLoginForm from '../../components/sms-login-form';
import { useNotice } from '../../hooks/use-notice';
import type { PrivacyDecision } from '../../platform/privacy';
import { appChannel } from '../../platform/runtime';
import { isApiError, messageOf } from '../../services/api-error';
import type { LoginAnswer } from '../../services/api-types';
import { signUp } from '../../services/member-api';
import { openPage, replacePage, ROUTES } from '../../services/routes';
import { saveSessionToken } from '../../services/session';
import { beginSignup, SMS_PATH_REASONS, type SignupStart } from './signup-flow';
import { EMPTY_SIGNUP, signUpInputFrom, signupProblem, type SignupDraft } from './signup-draft';
import SignupForm from './signup-form';
import './index.scss';

type Stage = 'starting' | 'privacy' | 'sms' | 'form';

function goToAccountAsMember() {
  Taro.showToast({ title: '您已是会员', icon: 'none' });
  void replacePage(ROUTES.account);
}

export default function SignupPage() {
  const { notice, error: noticeError, reload } = useNotice();
  const [stage, setStage] = useState<Stage>('starting');
  const [smsReason, setSmsReason] = useState('');
  const [ticket, setTicket] = useState<{ ticket: string; phoneVerified: boolean }>();
  const [draft, setDraft] = useState<SignupDraft>(EMPTY_SIGNUP);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const privacyAnswer = useRef<(decision: PrivacyDecision) => void>();

  function applyStart(start: SignupStart) {
    if (start.kind === 'member') return goToAccountAsMember();
    if (start.kind === 'sms') {
      setSmsReason(SMS_PATH_REASONS[start.reason]);
      return setStage('sms');
    }
    setTicket({ ticket: start.ticket, phoneVerified: start.phoneVerified });
    setStage('form');
  }

  useEffect(() => {
    const askPrivacy = () =>
      new Promise<PrivacyDecision>((resolve) => {
        privacyAnswer.current = resolve;
        setStage('privacy');
      });
    beginSignup(askPrivacy)
      .then(applyStart)
      .catch((failure) => {
        setSmsReason(messageOf(failure));
        setStage('sms');
      });
  }, []);

  function onSmsAnswer(answer: LoginAnswer) {
    if (answer.status === 'member') {
      saveSessionToken(answer.session.token);
      return goToAccountAsMember();
    }
    applyStart({ kind: 'ticket', ticket: answer.signupTicket, phoneVerified: true });
  }

  async function submit() {
    const problem = signupProblem(draft);
    if (problem || !notice || !ticket) return setError(problem ?? '请稍候，正在加载');

    setBusy(true);
    try {
      const answer = await signUp(signUpInputFrom(draft, ticket.ticket, notice, appChannel()));
      saveSessionToken(answer.session.token);
      Taro.showToast({ title: '注册成功', icon: 'success' });
      await replacePage(ticket.phoneVerified ? ROUTES.account : ROUTES.phoneBinding);
    } catch (failure) {
      if (isApiError(failure) && failure.code === 'NOTICE_VERSION_OUTDATED') await reload();
      if (isApiError(failure) && failure.code === 'SIGNUP_TICKET_INVALID') setStage('sms');
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page signup" id="signup-page">
      {stage === 'starting' ? <Text className="signup__status">正在准备注册…</Text> : null}
      {stage === 'privacy' ? (
        <PrivacySheet
          onDecide={(decision) => privacyAnswer.current?.(decision)}
          onReadNotice={() => openPage(ROUTES.privacyNotice)}
        />
      ) : null}
      {stage === 'sms' ? (
        <PageSection title="手机验证码注册" intro={smsReason} id="signup-sms">
          <SmsLoginForm
            idPrefix="signup-sms"
            channel={appChannel()}
            submitLabel="验证并继续"
            onAnswer={onSmsAnswer}
          />
        </PageSection>
      ) : null}
      {stage === 'form' && notice ? (
        <SignupForm
          notice={notice}
          draft={draft}
          error={error}
          busy={busy}
          onChange={setDraft}
          onSubmit={submit}
        />
      ) : null}
      {stage === 'form' && !notice ? (
        <Text className="signup__status">{noticeError ?? '正在加载隐私政策…'}</Text>
      ) : null}
    </View>
  );
}
