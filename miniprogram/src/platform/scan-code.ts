import Taro from '@tarojs/taro';

import { isWeapp } from './runtime';

export type ScanResult =
  | { kind: 'scanned'; text: string }
  | { kind: 'cancelled' }
  /** No scanner here (H5) or it failed: the page asks the shopper to type the code. */
  | { kind: 'type-instead' };

/**
 * wx.scanCode for the card number printed as a barcode on an offline card. H5 has no
 * wx.scanCode: scanning falls back to typing (field-cases.md "WeChat specifics").
 */
export async function scanCardCode(): Promise<ScanResult> {
  if (!isWeapp()) return { kind: 'type-instead' };

  try {
    const result = await Taro.scanCode({ onlyFromCamera: false, scanType: ['barCode', 'qrCode'] });
    const text = (result.result ?? '').trim();

    return text ? { kind: 'scanned', text } : { kind: 'type-instead' };
  } catch (error) {
    const errMsg = (error as { errMsg?: string } | undefined)?.errMsg ?? '';

    return /cancel/i.test(errMsg) ? { kind: 'cancelled' } : { kind: 'type-instead' };
  }
}
