import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { isLoggedIn } from '../../services/session';
import { formatTime } from '../../services/field-labels';
import {
  claimCampaign,
  fetchCampaign,
  type CampaignView,
  type ClaimAnswer,
} from '../scan/collection-api';
import { alreadyClaimedMessage, collectionMessageOf } from '../scan/collection-messages';
import { codeFromParams, COLLECTION_PAGES } from '../scan/scanned-route';
import ClaimForm from './claim-form';
import './index.scss';

const KIND_LABELS = { gift: '礼品', coupon: '优惠券', sample: '试用装' } as const;
const STATE_LABELS = { upcoming: '未开始', open: '进行中', ended: '已结束' } as const;

/**
 * Claim a gift, coupon or sample from a store's QR code (C-4.2.2.3, C-4.2.2.4): see what the
 * campaign collects and why, fill only those fields, claim. The server decides; the same code
 * claimed again gives back the first claim, which the page says plainly.
 */
export default function CampaignPage() {
  const router = useRouter();
  const [token, setToken] = useState<string>();
  const [campaign, setCampaign] = useState<CampaignView>();
  const [values, setValues] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [message, setMessage] = useState('');
  const [claimed, setClaimed] = useState<ClaimAnswer>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    try {
      const code = codeFromParams(router.params);
      if (code?.kind !== 'campaign') return void Taro.redirectTo({ url: COLLECTION_PAGES.scan });
      setToken(code.token);
      fetchCampaign(code.token)
        .then((view) => {
          setCampaign(view);
          if (view.mine?.claimedWithThisCode)
            setMessage(alreadyClaimedMessage(view.perMemberLimit));
        })
        .catch((failure) => setError(collectionMessageOf(failure)));
    } catch (failure) {
      setError(collectionMessageOf(failure));
    }
    // Once per visit, with the code the page was opened with.
  }, []);

  async function submit() {
    if (!token || !campaign) return;
    const missing = campaign.collects.find(
      (declared) => declared.required && !(values[declared.field] ?? '').trim(),
    );
    if (missing) return setError(`请填写${missing.label}`);

    setBusy(true);
    setError('');
    try {
      const answer = await claimCampaign(token, values);
      if (answer.repeated) setMessage(alreadyClaimedMessage(campaign.perMemberLimit));
      else setClaimed(answer);
    } catch (failure) {
      setError(collectionMessageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (claimed)
    return (
      <View className="page campaign" id="campaign-page">
        <PageSection title="领取成功" id="campaign-claimed">
          <Text className="campaign__line">{claimed.campaignTitle}</Text>
          <Text className="campaign__line">领取门店：{claimed.storeCode}</Text>
          <Text className="campaign__line" id="campaign-voucher">
            领取凭证：{claimed.claimId.slice(-8).toUpperCase()}（请向门店工作人员出示）
          </Text>
          <Text className="notice-line">领取时间：{formatTime(claimed.claimedAt)}</Text>
        </PageSection>
      </View>
    );

  return (
    <View className="page campaign" id="campaign-page">
      {campaign ? (
        <PageSection title={campaign.title} id="campaign-summary">
          <Text className="campaign__kind">{KIND_LABELS[campaign.kind]}</Text>
          {campaign.description ? (
            <Text className="campaign__line">{campaign.description}</Text>
          ) : null}
          <Text className="campaign__line">
            {STATE_LABELS[campaign.state]} · 剩余 {campaign.stockLeft} 份 · 每人限领{' '}
            {campaign.perMemberLimit} 份
          </Text>
          <Text className="notice-line">
            {formatTime(campaign.startsAt)} 至 {formatTime(campaign.endsAt)} · 门店{' '}
            {campaign.storeCode}
          </Text>
        </PageSection>
      ) : null}
      {campaign ? (
        <PageSection
          title="领取需填写的信息"
          intro={
            campaign.collects.length === 0
              ? '本活动无需填写任何个人信息。'
              : '仅收集以下信息，并只用于说明的用途；绑定手机号为选填，不填也可领取。'
          }
        >
          <ClaimForm
            collects={campaign.collects}
            values={values}
            onChange={(field, value) => setValues((current) => ({ ...current, [field]: value }))}
          />
          {message ? (
            <Text className="campaign__message" id="campaign-message">
              {message}
            </Text>
          ) : null}
          <FormError id="campaign-error" message={error} />
          <View className="actions">
            {isLoggedIn() ? (
              <Button
                id="campaign-claim"
                className="btn btn--primary"
                loading={busy}
                onClick={submit}
              >
                立即领取
              </Button>
            ) : (
              <Button
                id="campaign-join"
                className="btn btn--primary"
                onClick={() => Taro.navigateTo({ url: COLLECTION_PAGES.signup })}
              >
                成为会员后领取
              </Button>
            )}
          </View>
        </PageSection>
      ) : (
        <FormError id="campaign-error" message={error} />
      )}
    </View>
  );
}
