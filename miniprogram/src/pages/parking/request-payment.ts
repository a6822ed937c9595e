import Taro from '@tarojs/taro';

import { isWeapp } from '../../platform/runtime';
import type { JsapiPayment } from './parking-api';

export type PaymentPrompt = 'confirmed' | 'cancelled' | 'outside-wechat';

/**
 * wx.requestPayment (protocols/wechat-pay-micropay.md, JSAPI). Its success is not proof of
 * payment: the page still waits until the server says the order is paid. Outside WeChat (the
 * H5 build) there is no payment sheet; the shopper pays in WeChat and the page waits the same.
 */
export async function requestParkingPayment(payment: JsapiPayment): Promise<PaymentPrompt> {
  if (!isWeapp()) return 'outside-wechat';

  try {
    await Taro.requestPayment({
      timeStamp: payment.timeStamp,
      nonceStr: payment.nonceStr,
      package: payment.package,
      signType: payment.signType as 'MD5',
      paySign: payment.paySign,
    });
    return 'confirmed';
  } catch {
    return 'cancelled';
  }
}
