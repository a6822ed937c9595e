import Taro from '@tarojs/taro';

import { isWeapp } from '../../platform/runtime';

export type QrScan =
  | { kind: 'scanned'; text: string }
  | { kind: 'cancelled' }
  /** No scanner here (H5) or it failed: the page asks the shopper to type the code. */
  | { kind: 'type-instead' };

/**
 * wx.scanCode for our in-store codes. A mini-program code scanned inside WeChat gives `path`
 * (`pages/campaign/index?scene=c%3D...`) and often no `result`; a plain QR code gives `result`
 * (the H5 URL). H5 has no wx.scanCode: the shopper types the code (field cases, "WeChat
 * specifics").
 */
export async function scanInStoreCode(): Promise<QrScan> {
  if (!isWeapp()) return { kind: 'type-instead' };

  try {
    const answer = (await Taro.scanCode({
      onlyFromCamera: true,
      // Mini-program codes are read under qrCode; WeChat reports them as scanType WX_CODE.
      scanType: ['qrCode'],
    })) as { result?: string; path?: string };
    const text = (answer.path || answer.result || '').trim();

    return text ? { kind: 'scanned', text } : { kind: 'type-instead' };
  } catch (error) {
    const errMsg = (error as { errMsg?: string } | undefined)?.errMsg ?? '';

    return /cancel/i.test(errMsg) ? { kind: 'cancelled' } : { kind: 'type-instead' };
  }
}
