import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { keepJson } from '../../platform/save-json';
import { messageOf } from '../../services/api-error';
import type { SignedReceipt } from '../../services/api-types';
import { fetchConsentReceipt } from '../../services/consent-api';
import { CONSENT_STATUS_LABELS, formatTime } from '../../services/field-labels';

interface ReceiptPurpose {
  purpose: string;
  title: string;
  status: keyof typeof CONSENT_STATUS_LABELS;
  noticeVersion: number | null;
}

/** A signed consent receipt the shopper can keep: what they agreed to, and when. */
export default function ReceiptSection() {
  const [receipt, setReceipt] = useState<SignedReceipt>();
  const [error, setError] = useState('');

  async function load() {
    try {
      setReceipt(await fetchConsentReceipt());
      setError('');
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  async function keep() {
    if (!receipt) return;

    const how = await keepJson(`consent-receipt-${receipt.receiptId}.json`, receipt);
    Taro.showToast({ title: how === 'copied' ? '已复制到剪贴板' : '已下载', icon: 'none' });
  }

  const purposes = (receipt?.purposes as ReceiptPurpose[] | undefined) ?? [];

  return (
    <PageSection title="授权回执" intro="带签名的回执，可保存备查。" id="account-receipt">
      {receipt ? (
        <View className="receipt" id="consent-receipt">
          <Text className="notice-line">
            回执编号 {receipt.receiptId} · 签发于 {formatTime(receipt.issuedAt)}
          </Text>
          {purposes.map((item) => (
            <Text className="receipt__line" key={item.purpose}>
              {item.title}：{CONSENT_STATUS_LABELS[item.status] ?? item.status}
              {item.noticeVersion ? `（第 ${item.noticeVersion} 版）` : ''}
            </Text>
          ))}
          <Text className="notice-line receipt__signature">
            签名 {receipt.signature.slice(0, 24)}…
          </Text>
          <Button className="btn btn--plain btn--small" onClick={keep}>
            保存回执
          </Button>
        </View>
      ) : (
        <Button id="receipt-show" className="btn btn--plain btn--small" onClick={load}>
          查看授权回执
        </Button>
      )}
      <FormError id="receipt-error" message={error} />
    </PageSection>
  );
}
