import Taro from '@tarojs/taro';

import { isWeapp } from '../../platform/runtime';

export type ReceiptScan =
  | { kind: 'scanned'; text: string }
  | { kind: 'cancelled' }
  /** No scanner here (H5) or it failed: the page asks the shopper to type the code. */
  | { kind: 'type-instead' };

/**
 * wx.scanCode for the claim QR printed on a receipt. The QR holds a URL or a mini-program
 * path with `?code=`; WeChat gives the text in `result` and, for a mini-program code, the page
 * in `path`. H5 has no wx.scanCode: the shopper types the code printed under the QR.
 */
export async function scanReceiptCode(): Promise<ReceiptScan> {
  if (!isWeapp()) return { kind: 'type-instead' };

  try {
    const answer = (await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] })) as {
      result?: string;
      path?: string;
    };
    const text = (answer.path || answer.result || '').trim();

    return text ? { kind: 'scanned', text } : { kind: 'type-instead' };
  } catch (error) {
    const errMsg = (error as { errMsg?: string } | undefined)?.errMsg ?? '';

    return /cancel/i.test(errMsg) ? { kind: 'cancelled' } : { kind: 'type-instead' };
  }
}
