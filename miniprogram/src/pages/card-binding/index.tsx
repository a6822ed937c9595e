import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import { ensurePermission } from '../../platform/permissions';
import { isWeapp } from '../../platform/runtime';
import { scanCardCode } from '../../platform/scan-code';
import { isApiError, messageOf } from '../../services/api-error';
import { bindCard } from '../../services/member-api';
import { openPage, ROUTES } from '../../services/routes';
import './index.scss';

interface BoundCard {
  cardNo: string;
  pointsMoved: number;
  balance: number;
}

/** C-4.2.1.3a: a shopper with an offline card binds it; its points move to the account. */
export default function CardBindingPage() {
  const [cardNo, setCardNo] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [bound, setBound] = useState<BoundCard>();
  const [needsPhone, setNeedsPhone] = useState(false);

  async function scan() {
    if (!(await ensurePermission('scope.camera'))) return;

    const result = await scanCardCode();
    if (result.kind === 'scanned') setCardNo(result.text.replace(/\D/g, ''));
    if (result.kind === 'type-instead') setError('当前环境无法扫码，请直接输入卡号');
  }

  async function submit() {
    const cleaned = cardNo.replace(/\s/g, '');
    if (!/^\d{6,20}$/.test(cleaned)) return setError('请输入 6–20 位数字卡号');

    setBusy(true);
    try {
      setBound(await bindCard(cleaned));
      setError('');
      Taro.showToast({ title: '绑定成功', icon: 'success' });
    } catch (failure) {
      setNeedsPhone(isApiError(failure) && failure.code === 'PHONE_NOT_BOUND');
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (bound)
    return (
      <View className="page card-binding" id="card-binding-page">
        <PageSection title="绑定成功" id="card-bound">
          <Text className="card-binding__result">卡号 {bound.cardNo}</Text>
          <Text className="card-binding__result" id="card-points-moved">
            转入积分 {bound.pointsMoved}，当前积分 {bound.balance}
          </Text>
          <View className="actions">
            <Button className="btn btn--primary" onClick={() => openPage(ROUTES.account)}>
              查看我的账户
            </Button>
          </View>
        </PageSection>
      </View>
    );

  return (
    <View className="page card-binding" id="card-binding-page">
      <PageSection
        title="绑定实体会员卡"
        intro="实体卡需登记在您已绑定的手机号下；绑定后卡内积分将转入您的会员账户。"
      >
        <FormField label="会员卡号" hint={isWeapp() ? '扫码需使用相机，仅用于读取卡号' : undefined}>
          <View className="row">
            <Input
              id="card-number"
              className="field__input"
              type="number"
              maxlength={20}
              value={cardNo}
              placeholder="请输入卡背面的卡号"
              onInput={(event) => setCardNo(event.detail.value)}
            />
            <Button id="card-scan" className="btn btn--plain btn--small" onClick={scan}>
              扫码
            </Button>
          </View>
        </FormField>
        <FormError id="card-error" message={error} />
        {needsPhone ? (
          <Text className="link" id="card-bind-phone" onClick={() => openPage(ROUTES.phoneBinding)}>
            去绑定手机号
          </Text>
        ) : null}
        <View className="actions">
          <Button id="card-submit" className="btn btn--primary" loading={busy} onClick={submit}>
            绑定
          </Button>
        </View>
      </PageSection>
    </View>
  );
}
