import { CONSENT_PURPOSES, type PurposeId } from '@memberkit/shared';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { appChannel } from '../../platform/runtime';
import { messageOf } from '../../services/api-error';
import type { MyConsents, PurposeState } from '../../services/api-types';
import { recordConsents, withdrawConsent } from '../../services/consent-api';
import { CONSENT_STATUS_LABELS } from '../../services/field-labels';
import ConsentHistory from './consent-history';

interface ConsentSectionProps {
  consents: MyConsents;
  onChanged: () => void;
}

function canGrant(state: PurposeState): boolean {
  if (state.purpose === 'sensitive_id') return false;

  return !state.active && (state.kind === 'extended' || state.needsReconsent);
}

/**
 * My consents: each extended purpose withdrawn in one tap, as easily as it was given
 * (C-4.1.2b), or opted into one by one (U-6.6.1b). Withdrawing the basic membership consent is
 * closing the account, offered below as "注销账户".
 */
export default function ConsentSection({ consents, onChanged }: ConsentSectionProps) {
  const [error, setError] = useState('');
  const [busy, setBusy] = useState<PurposeId>();

  async function change(purpose: PurposeId, action: 'grant' | 'withdraw') {
    setBusy(purpose);
    try {
      if (action === 'withdraw') await withdrawConsent(purpose);
      else await recordConsents(consents.noticeVersion, { [purpose]: true }, appChannel());
      setError('');
      Taro.showToast({ title: action === 'withdraw' ? '已撤回' : '已同意', icon: 'none' });
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  }

  const reconsent = consents.purposes.some((state) => state.askAgain);

  return (
    <PageSection
      title="我的授权"
      intro={`依据《会员隐私政策》第 ${consents.noticeVersion} 版。撤回后立即停止相应处理，不影响撤回前已进行的处理。`}
      id="account-consents"
    >
      {reconsent ? (
        <Text className="form-error">隐私政策已更新，请重新确认标记的授权。</Text>
      ) : null}
      {consents.purposes.map((state) => (
        <View className="consent-row" key={state.purpose} id={`consent-${state.purpose}`}>
          <View className="consent-row__text">
            <Text className="consent-row__title">{CONSENT_PURPOSES[state.purpose].title}</Text>
            <Text
              className={`consent-row__status ${state.active ? 'consent-row__status--on' : ''}`}
              id={`consent-${state.purpose}-status`}
            >
              {CONSENT_STATUS_LABELS[state.status]}
              {state.noticeVersion ? `（第 ${state.noticeVersion} 版）` : ''}
              {state.askAgain ? ' · 需重新确认' : ''}
            </Text>
          </View>
          {state.active && state.kind === 'extended' ? (
            <Button
              id={`consent-${state.purpose}-withdraw`}
              className="btn btn--plain btn--small"
              loading={busy === state.purpose}
              onClick={() => change(state.purpose, 'withdraw')}
            >
              撤回
            </Button>
          ) : null}
          {canGrant(state) ? (
            <Button
              id={`consent-${state.purpose}-grant`}
              className="btn btn--plain btn--small"
              loading={busy === state.purpose}
              onClick={() => change(state.purpose, 'grant')}
            >
              同意
            </Button>
          ) : null}
          {state.kind === 'basic' && state.active ? (
            <Text className="consent-row__hint">撤回即注销账户</Text>
          ) : null}
        </View>
      ))}
      <FormError id="consent-error" message={error} />
      <ConsentHistory history={consents.history} />
    </PageSection>
  );
}
