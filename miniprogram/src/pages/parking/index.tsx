import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { decodeScene, formatShanghaiLocalTime } from '@memberkit/shared';
import { useCallback, useRef, useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { useBusyAction } from '../../hooks/use-busy-action';
import { isApiError, messageOf } from '../../services/api-error';
import { isLoggedIn } from '../../services/session';
import {
  bindPlate,
  fetchMyParking,
  fetchOrder,
  formatYuan,
  payStay,
  removePlate,
  type MyParking,
  type MyStay,
} from './parking-api';
import { interruptiblePause } from './interruptible-pause';
import { requestParkingPayment } from './request-payment';
import SimulatedPaymentButton from './simulated-payment';
import TicketView from './ticket-view';
import './index.scss';

const POLL_MS = 2000;
const POLL_ROUNDS = 90;

/**
 * Parking (C-4.2.2.6, U-6.4.2). Opened from a barrier's QR code (`g`: the gate code, in the
 * URL or the mini-program code's scene) it is the ticket of a car without a plate; otherwise it
 * is the member's parking: up to 3 plates under the parking consent, current stays with the fee
 * after benefits, paying with WeChat Pay and points.
 */
export default function ParkingPage() {
  const { params } = useRouter();
  const gate = params.g ?? gateOfScene(params.scene);
  return gate ? <TicketView gate={gate} /> : <MemberParkingView />;
}

/** A mini-program code's scene `g=<gate code>`; anything unreadable is no gate. */
function gateOfScene(scene: string | undefined): string | undefined {
  if (!scene) return undefined;
  try {
    return decodeScene(scene).g;
  } catch {
    return undefined;
  }
}

function MemberParkingView() {
  const [parking, setParking] = useState<MyParking>();
  const [consentNeeded, setConsentNeeded] = useState(false);
  const [plateInput, setPlateInput] = useState('');
  const [points, setPoints] = useState('');
  const { busy, error, setError, run } = useBusyAction();
  const [paidNote, setPaidNote] = useState('');
  const [waiting, setWaiting] = useState(false);
  const [pendingOrderId, setPendingOrderId] = useState('');
  const pauseRef = useRef(interruptiblePause());

  const load = useCallback(async () => {
    if (!isLoggedIn()) return Taro.redirectTo({ url: '/pages/login/index' });

    try {
      setParking(await fetchMyParking());
      setConsentNeeded(false);
    } catch (failure) {
      const needsConsent =
        isApiError(failure) && ['CONSENT_REQUIRED', 'RECONSENT_REQUIRED'].includes(failure.code);
      setConsentNeeded(needsConsent);
      if (!needsConsent) setError(messageOf(failure));
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  const addPlate = () =>
    run(async () => {
      await bindPlate(plateInput);
      setPlateInput('');
      await load();
    });

  const dropPlate = (plate: string) =>
    run(async () => {
      await removePlate(plate);
      await load();
    });

  const pay = (stay: MyStay) =>
    run(async () => {
      const order = await payStay(stay.sessionId, Number(points) || 0);
      if (order.status !== 'paid' && order.jsapi) await requestParkingPayment(order.jsapi);
      setWaiting(order.status !== 'paid');
      setPendingOrderId(order.orderId);
      const status =
        order.status === 'paid' ? 'paid' : await waitForPayment(order.orderId, pauseRef.current);
      setWaiting(false);
      setPendingOrderId('');
      if (status === 'paid') setPaidNote('支付成功，请在规定时间内离场');
      else setError('支付未完成，请重试');
      await load();
    });

  if (consentNeeded)
    return (
      <View className="page parking" id="parking-page">
        <PageSection title="停车服务" id="parking-consent-needed">
          <Text className="section__intro">
            绑定车牌和停车缴费需要您同意“停车服务”用途。出入场时间属于行踪信息，仅用于计费。
          </Text>
          <Button
            className="btn btn--primary"
            onClick={() => Taro.navigateTo({ url: '/pages/account/index' })}
          >
            去授权
          </Button>
        </PageSection>
      </View>
    );

  return (
    <View className="page parking" id="parking-page">
      <PageSection
        title="我的车牌"
        intro={`最多绑定 ${parking?.maxPlates ?? 3} 个车牌`}
        id="parking-plates"
      >
        {(parking?.plates ?? []).map((plate, index) => (
          <View className="parking__plate" key={plate}>
            <Text id={`parking-plate-${index}`}>{plate}</Text>
            <Button
              id={`parking-plate-remove-${index}`}
              className="btn btn--plain btn--small"
              onClick={() => dropPlate(plate)}
            >
              解绑
            </Button>
          </View>
        ))}
        <View className="row">
          <Input
            id="parking-plate-input"
            className="field__input"
            maxlength={10}
            value={plateInput}
            placeholder="例如 粤B12345"
            onInput={(event) => setPlateInput(event.detail.value)}
          />
          <Button
            id="parking-plate-add"
            className="btn btn--plain btn--small"
            loading={busy}
            onClick={addPlate}
          >
            绑定
          </Button>
        </View>
      </PageSection>

      <PageSection title="在场车辆" id="parking-stays">
        {(parking?.sessions ?? []).length === 0 ? (
          <Text className="section__intro" id="parking-no-stay">
            暂无在场车辆
          </Text>
        ) : null}
        {(parking?.sessions ?? []).map((stay, index) => (
          <View className="parking__stay" key={stay.sessionId} id={`parking-stay-${index}`}>
            <Text className="parking__line">
              {stay.lotName} · {stay.plate ?? ''}
            </Text>
            <Text className="parking__line">
              入场 {formatShanghaiLocalTime(new Date(stay.entryAt))}
            </Text>
            <Text className="parking__line">{describeBenefits(stay)}</Text>
            <Text className="parking__fee" id={`parking-fee-${index}`}>
              {stay.dueFen > 0 ? `应付 ${formatYuan(stay.dueFen)} 元` : '无需缴费'}
            </Text>
            {stay.dueFen > 0 ? (
              <View>
                <Input
                  id={`parking-points-${index}`}
                  className="field__input"
                  type="number"
                  value={points}
                  placeholder="使用积分抵扣（可选）"
                  onInput={(event) => setPoints(event.detail.value)}
                />
                <Button
                  id={`parking-pay-${index}`}
                  className="btn btn--primary"
                  loading={busy}
                  onClick={() => pay(stay)}
                >
                  微信支付
                </Button>
              </View>
            ) : null}
          </View>
        ))}
        {waiting ? (
          <Text className="parking__line" id="parking-waiting">
            请在微信中完成支付，完成后此页自动更新
          </Text>
        ) : null}
        {waiting && pendingOrderId ? (
          <SimulatedPaymentButton
            id="parking-simulate-pay"
            orderId={pendingOrderId}
            onDone={() => pauseRef.current.wake()}
          />
        ) : null}
        {paidNote ? (
          <Text className="parking__paid" id="parking-paid">
            {paidNote}
          </Text>
        ) : null}
      </PageSection>
      <FormError id="parking-error" message={error} />
    </View>
  );
}

function describeBenefits(stay: MyStay): string {
  const benefits = stay.benefits;
  if (!benefits) return '';
  if (benefits.hasActivePass) return '月卡车辆，停车免费';
  const hours = benefits.tierFreeHours + benefits.spendFreeHours;
  return hours > 0 ? `会员权益：免费停车 ${hours} 小时` : '';
}

/** Until the server says paid (a notification or its query): the client's word is no proof. */
async function waitForPayment(
  orderId: string,
  pause: ReturnType<typeof interruptiblePause>,
): Promise<'paid' | 'closed' | 'pending'> {
  for (let round = 0; round < POLL_ROUNDS; round += 1) {
    const order = await fetchOrder(orderId);
    if (order.status !== 'pending') return order.status;
    await pause.pause(POLL_MS);
  }
  return 'pending';
}
