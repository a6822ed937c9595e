import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';

import FormError from '../../components/form-error';
import PageSection from '../../components/page-section';
import { obtainLoginCode } from '../../platform/wechat-login';
import { useBusyAction } from '../../hooks/use-busy-action';
import { isApiError, messageOf } from '../../services/api-error';
import {
  fetchTicket,
  fetchTicketOrder,
  formatYuan,
  leaveWithTicket,
  payTicket,
  takeTicket,
  TICKET_STORAGE_KEY,
  type TicketStay,
} from './parking-api';
import { interruptiblePause } from './interruptible-pause';
import { requestParkingPayment } from './request-payment';
import SimulatedPaymentButton from './simulated-payment';

const POLL_MS = 2000;
const POLL_ROUNDS = 90;

function storedTicket(): string | undefined {
  const value: unknown = Taro.getStorageSync(TICKET_STORAGE_KEY);
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * A car without a plate (C-4.2.2.6): the driver scanned the QR code at a barrier. At the entry
 * the phone takes a ticket and the barrier opens; at the exit the ticket shows the fee, is paid
 * with WeChat Pay, and the barrier opens. Nothing about the driver is asked or kept.
 */
export default function TicketView({ gate }: { gate: string }) {
  const [ticket, setTicket] = useState(storedTicket());
  const [stay, setStay] = useState<TicketStay>();
  const [note, setNote] = useState('');
  const { busy, error, setError, run } = useBusyAction();
  const [pendingOrderId, setPendingOrderId] = useState('');
  const pauseRef = useRef(interruptiblePause());

  useEffect(() => {
    if (!ticket) return;
    fetchTicket(ticket)
      .then(setStay)
      .catch((failure) => {
        // A ticket from an earlier visit: its stay is over, start afresh.
        if (isApiError(failure) && failure.code === 'PARKING_TICKET_NOT_FOUND') forgetTicket();
        else setError(messageOf(failure));
      });
  }, [ticket]);

  function forgetTicket() {
    Taro.removeStorageSync(TICKET_STORAGE_KEY);
    setTicket(undefined);
    setStay(undefined);
  }

  const enter = () =>
    run(async () => {
      const taken = await takeTicket(gate);
      Taro.setStorageSync(TICKET_STORAGE_KEY, taken.ticket);
      setNote(`已取票，欢迎光临${taken.lotName}，道闸即将打开`);
    });

  const pay = () =>
    run(async () => {
      const order = await payTicket(ticket as string, await obtainLoginCode());
      if (order.jsapi) await requestParkingPayment(order.jsapi);
      setNote('请在微信中完成支付，完成后此页自动更新');
      setPendingOrderId(order.orderId);
      try {
        await waitForTicketPayment(order.orderId);
      } finally {
        setPendingOrderId('');
      }
      setStay(await fetchTicket(ticket as string));
      setNote('支付成功，请点击“出场”');
    });

  async function waitForTicketPayment(orderId: string) {
    for (let round = 0; round < POLL_ROUNDS; round += 1) {
      const current = await fetchTicketOrder(ticket as string, orderId);
      if (current.status === 'paid') return;
      if (current.status === 'closed') throw new Error('支付未完成，请重试');
      await pauseRef.current.pause(POLL_MS);
    }
  }

  const leave = () =>
    run(async () => {
      const answer = await leaveWithTicket(ticket as string, gate);
      if (!answer.opened) return setStay({ ...(stay as TicketStay), dueFen: answer.dueFen });
      forgetTicket();
      setNote('道闸即将打开，一路顺风');
    });

  return (
    <View className="page parking" id="parking-ticket-page">
      <PageSection title="无牌车扫码" id="parking-ticket">
        {!ticket && !note ? (
          <Button
            id="parking-ticket-take"
            className="btn btn--primary"
            loading={busy}
            onClick={enter}
          >
            取票入场
          </Button>
        ) : null}
        {ticket && stay ? (
          <View>
            <Text className="parking__fee" id="parking-ticket-fee">
              {stay.dueFen > 0 ? `停车费 ${formatYuan(stay.dueFen)} 元` : '无需缴费'}
            </Text>
            {stay.dueFen > 0 ? (
              <Button
                id="parking-ticket-pay"
                className="btn btn--primary"
                loading={busy}
                onClick={pay}
              >
                微信支付
              </Button>
            ) : (
              <Button
                id="parking-ticket-exit"
                className="btn btn--primary"
                loading={busy}
                onClick={leave}
              >
                出场
              </Button>
            )}
          </View>
        ) : null}
        {note ? (
          <Text className="parking__paid" id="parking-ticket-note">
            {note}
          </Text>
        ) : null}
        {pendingOrderId ? (
          <SimulatedPaymentButton
            id="parking-ticket-simulate-pay"
            orderId={pendingOrderId}
            onDone={() => pauseRef.current.wake()}
          />
        ) : null}
        <FormError id="parking-ticket-error" message={error} />
      </PageSection>
    </View>
  );
}
