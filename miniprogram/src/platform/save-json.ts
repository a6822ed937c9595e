import Taro from '@tarojs/taro';

import { isWeapp } from './runtime';

/**
 * Lets the shopper keep a JSON document (data export, receipts). H5 downloads a file; a
 * mini-program cannot hand a file to the shopper, so it copies the text to the clipboard.
 */
export async function keepJson(fileName: string, data: unknown): Promise<'downloaded' | 'copied'> {
  const text = JSON.stringify(data, null, 2);

  if (isWeapp()) {
    await Taro.setClipboardData({ data: text });
    return 'copied';
  }

  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return 'downloaded';
}
