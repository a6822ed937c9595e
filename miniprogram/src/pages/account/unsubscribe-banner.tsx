import { CONSENT_PURPOSES, isPurposeId } from '@memberkit/shared';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import { messageOf } from '../../services/api-error';
import type { PurposeState } from '../../services/api-types';
import { withdrawConsent } from '../../services/consent-api';

interface UnsubscribeBannerProps {
  /** From a message's link: pages/account/index?unsubscribe=marketing_messages. */
  purpose?: string;
  states: PurposeState[];
  onWithdrawn: () => void;
}

/** Every marketing message links here: unsubscribing is one tap at the top (U-6.3.1). */
export default function UnsubscribeBanner({
  purpose,
  states,
  onWithdrawn,
}: UnsubscribeBannerProps) {
  const [error, setError] = useState('');
  if (!purpose || !isPurposeId(purpose)) return null;

  const state = states.find((candidate) => candidate.purpose === purpose);
  if (!state?.active || state.kind !== 'extended') return null;

  async function unsubscribe() {
    if (!purpose || !isPurposeId(purpose)) return;

    try {
      await withdrawConsent(purpose);
      Taro.showToast({ title: '已退订', icon: 'none' });
      onWithdrawn();
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <View className="section unsubscribe" id="unsubscribe-banner">
      <Text className="section__title">退订“{CONSENT_PURPOSES[purpose].title}”</Text>
      <Text className="section__intro">退订后立即停止发送，不影响会员服务。</Text>
      <Button
        id="unsubscribe-confirm"
        className="btn btn--primary btn--small"
        onClick={unsubscribe}
      >
        立即退订
      </Button>
      <FormError id="unsubscribe-error" message={error} />
    </View>
  );
}
