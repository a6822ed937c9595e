import { Button, View } from '@tarojs/components';
import { useEffect, useState } from 'react';

import FormError from '../../components/form-error';
import { isWeapp } from '../../platform/runtime';
import { messageOf } from '../../services/api-error';
import { isSimulatedPaymentOffered, simulatePayment } from './parking-api';

interface Props {
  id: string;
  orderId: string;
  /** Called once the server answered; the page then checks the order as it always does. */
  onDone(): void;
}

/**
 * A browser has no WeChat payment sheet (design.md "How the parts talk"). In the H5 build of a
 * development server this button stands in for the shopper confirming on the phone; it is
 * shown only when the server offers it, and never in the weapp build, where wx.requestPayment
 * (request-payment.ts) is the only way to pay.
 */
export default function SimulatedPaymentButton({ id, orderId, onDone }: Props) {
  const [offered, setOffered] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    if (!isWeapp()) void isSimulatedPaymentOffered().then(setOffered);
  }, []);

  if (isWeapp() || !offered) return null;

  async function pay() {
    setBusy(true);
    try {
      await simulatePayment(orderId);
      setError('');
      onDone();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View>
      <Button id={id} className="btn btn--plain" loading={busy} onClick={pay}>
        模拟支付（开发环境）
      </Button>
      <FormError id={`${id}-error`} message={error} />
    </View>
  );
}
