import { AppError } from '@memberkit/shared';
import { wechatPaySignatureMatches, type WechatPaySignType } from './wechat-pay-signature';
import { parseWechatXml, toWechatXml } from './wechat-pay-xml';

/**
 * The payment result WeChat POSTs to notify_url (protocols/wechat-pay-micropay.md "Paying
 * inside the mini-program"). The same notification arrives again until it is answered with
 * SUCCESS, so the caller applies it once (by out_trade_no) and answers SUCCESS every time.
 */
export type WechatPayNotification =
  | {
      paid: true;
      outTradeNo: string;
      transactionId: string;
      openid: string;
      totalFen: number;
      /** time_end as ISO 8601 in Beijing time. */
      timeEnd: string;
    }
  | { paid: false; outTradeNo: string; errCode: string };

export interface NotificationCredentials {
  appId: string;
  mchId: string;
  apiKey: string;
  signType: WechatPaySignType;
}

/** The exact answer WeChat Pay expects once a notification has been applied (or seen before). */
export const WECHAT_PAY_NOTIFY_SUCCESS_ANSWER =
  '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>';

/** Tells WeChat to send the notification again later. */
export function wechatPayNotifyFailAnswer(message: string): string {
  return toWechatXml({ return_code: 'FAIL', return_msg: message });
}

/**
 * Verifies before reading anything: signature (with the sign_type the notification names,
 * which must be ours; MD5 when absent), merchant, and when given the amount of our order.
 * Throws WECHAT_PAY_NOTIFY_INVALID with the reason only.
 */
export function verifyWechatPayNotification(
  xml: string,
  credentials: NotificationCredentials,
  expectedFen?: number,
): WechatPayNotification {
  const fields = readNotification(xml);
  if (fields.return_code !== 'SUCCESS') throw notifyInvalid('not-success');

  const signType = fields.sign_type || 'MD5';
  if (signType !== credentials.signType) throw notifyInvalid('sign-type');
  if (!wechatPaySignatureMatches(fields, credentials.apiKey, credentials.signType))
    throw notifyInvalid('bad-signature');
  if (fields.appid !== credentials.appId || fields.mch_id !== credentials.mchId)
    throw notifyInvalid('wrong-merchant');
  if (!fields.out_trade_no) throw notifyInvalid('incomplete');

  if (fields.result_code !== 'SUCCESS')
    return { paid: false, outTradeNo: fields.out_trade_no, errCode: fields.err_code ?? 'FAIL' };
  return paidNotification(fields, expectedFen);
}

function paidNotification(
  fields: Record<string, string>,
  expectedFen: number | undefined,
): WechatPayNotification {
  const { out_trade_no: outTradeNo, transaction_id: transactionId, openid } = fields;
  if (!transactionId || !openid || !/^\d+$/.test(fields.total_fee ?? '') || !fields.time_end)
    throw notifyInvalid('incomplete');

  const totalFen = Number(fields.total_fee);
  if (expectedFen !== undefined && totalFen !== expectedFen) throw notifyInvalid('amount-mismatch');
  return {
    paid: true,
    outTradeNo,
    transactionId,
    openid,
    totalFen,
    timeEnd: beijingIso(fields.time_end),
  };
}

function readNotification(xml: string): Record<string, string> {
  try {
    return parseWechatXml(xml);
  } catch {
    throw notifyInvalid('unreadable');
  }
}

function notifyInvalid(reason: string): AppError {
  return new AppError('WECHAT_PAY_NOTIFY_INVALID', { details: { reason } });
}

/** WeChat's yyyyMMddHHmmss (Beijing time) as ISO 8601 with its offset; other text unchanged. */
export function beijingIso(timeEnd: string): string {
  const parts = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(timeEnd);
  if (!parts) return timeEnd;
  const [, year, month, day, hour, minute, second] = parts;
  return `${year}-${month}-${day}T${hour}:${minute}:${second}+08:00`;
}
