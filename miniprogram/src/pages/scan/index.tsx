import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { groupTokenForDisplay, readScannedCode, type ScannedCode } from '@memberkit/shared';
import { useEffect, useState } from 'react';

import FormError from '../../components/form-error';
import FormField from '../../components/form-field';
import PageSection from '../../components/page-section';
import { ensurePermission } from '../../platform/permissions';
import { isWeapp } from '../../platform/runtime';
import { fieldList } from '../../services/field-labels';
import { fetchDeskSignup, fetchGuide, type DeskLanding, type GuideLanding } from './collection-api';
import { collectionMessageOf } from './collection-messages';
import { scanInStoreCode } from './scan-qr';
import { codeFromParams, COLLECTION_PAGES, pageFor } from './scanned-route';
import './index.scss';

type Landing =
  { kind: 'guide'; guide: GuideLanding } | { kind: 'desk'; token: string; desk: DeskLanding };

/**
 * Scan or type an in-store code (C-4.2.2.1 to C-4.2.2.5). Campaign and survey codes open their
 * page; a shopping guide's code shows who helps and the joining reward before sign-up
 * (C-4.2.2.2); a service-desk code shows what sign-up collects and that the phone is optional
 * (C-4.2.2.1). On H5 there is no camera scan: the shopper types the code.
 */
export default function ScanPage() {
  const router = useRouter();
  const [typed, setTyped] = useState('');
  const [error, setError] = useState('');
  const [landing, setLanding] = useState<Landing>();

  async function open(code: ScannedCode) {
    const page = pageFor(code);
    if (page) return Taro.redirectTo({ url: page });

    if (code.kind === 'guide')
      return setLanding({ kind: 'guide', guide: await fetchGuide(code.token) });
    setLanding({ kind: 'desk', token: code.token, desk: await fetchDeskSignup(code.token) });
  }

  async function openText(text: string) {
    setError('');
    try {
      await open(readScannedCode(text));
    } catch (failure) {
      setError(collectionMessageOf(failure));
    }
  }

  useEffect(() => {
    try {
      const code = codeFromParams(router.params);
      if (code) void open(code).catch((failure) => setError(collectionMessageOf(failure)));
    } catch (failure) {
      setError(collectionMessageOf(failure));
    }
    // Once per visit, with the parameters the page was opened with.
  }, []);

  async function scan() {
    if (!(await ensurePermission('scope.camera'))) return;

    const result = await scanInStoreCode();
    if (result.kind === 'scanned') return openText(result.text);
    if (result.kind === 'type-instead') setError('当前环境无法扫码，请输入码下方的活动码');
  }

  if (landing?.kind === 'guide') return <GuideView guide={landing.guide} />;
  if (landing?.kind === 'desk') return <DeskView token={landing.token} desk={landing.desk} />;

  return (
    <View className="page scan" id="scan-page">
      <PageSection
        title="扫码领取"
        intro="扫描门店的活动码、问卷码、导购码或服务台注册码；码中只有活动编号，不含任何个人信息。"
      >
        {isWeapp() ? (
          <View className="actions">
            <Button id="scan-camera" className="btn btn--primary" onClick={scan}>
              扫一扫
            </Button>
          </View>
        ) : null}
        <FormField label="输入活动码" hint="活动码印在二维码下方，如 C1AB 7K2M 00X9 Z4QR ST">
          <Input
            id="scan-code-input"
            className="field__input"
            maxlength={40}
            value={typed}
            placeholder="请输入 18 位活动码"
            onInput={(event) => setTyped(event.detail.value)}
          />
        </FormField>
        <FormError id="scan-error" message={error} />
        <View className="actions">
          <Button id="scan-submit" className="btn btn--plain" onClick={() => openText(typed)}>
            确定
          </Button>
        </View>
      </PageSection>
    </View>
  );
}

function GuideView({ guide }: { guide: GuideLanding }) {
  return (
    <View className="page scan" id="guide-landing">
      <PageSection title="导购邀请您加入会员">
        <Text className="scan__line" id="guide-name">
          为您服务的导购：{guide.displayName}（{guide.storeCode}）
        </Text>
        <Text className="scan__reward" id="guide-reward">
          {guide.joiningReward.text}
        </Text>
        <Text className="notice-line">
          注册时将记录是哪位导购协助了您，仅用于统计导购的服务数量。
        </Text>
        <View className="actions">
          <Button
            id="guide-join"
            className="btn btn--primary"
            onClick={() =>
              Taro.navigateTo({ url: `${COLLECTION_PAGES.signup}?guideCode=${guide.guideCode}` })
            }
          >
            成为会员
          </Button>
        </View>
      </PageSection>
    </View>
  );
}

function DeskView({ token, desk }: { token: string; desk: DeskLanding }) {
  return (
    <View className="page scan" id="desk-landing">
      <PageSection
        title="服务台注册"
        intro="请在您自己的手机上阅读隐私政策并选择授权；工作人员不会替您同意。"
      >
        <View id="desk-fields">
          {desk.purposes
            .filter((purpose) => purpose.fields.length > 0)
            .map((purpose) => (
              <Text className="scan__line" key={purpose.purpose}>
                {purpose.title}：{fieldList(purpose.fields)}
              </Text>
            ))}
        </View>
        <Text className="notice-line" id="desk-phone-optional">
          {desk.phoneBinding.text}
        </Text>
        <Text className="notice-line">注册码 {groupTokenForDisplay(token)}</Text>
        <View className="actions">
          <Button
            id="desk-join"
            className="btn btn--primary"
            onClick={() => Taro.navigateTo({ url: `${COLLECTION_PAGES.signup}?desk=${token}` })}
          >
            在本机完成注册
          </Button>
        </View>
      </PageSection>
    </View>
  );
}
