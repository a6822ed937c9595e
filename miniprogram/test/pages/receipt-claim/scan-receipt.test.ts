import { scanReceiptCode } from '../../../src/pages/receipt-claim/scan-receipt';
import { runAs } from '../../support/platform-env';
import { resetWechat, wechat } from '../../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../../support/taro-double').taroModule);

describe('receipt-claim page: scan-receipt (issue #6)', () => {
  beforeEach(() => resetWechat());

  describe('in WeChat (weapp)', () => {
    beforeEach(() => runAs('weapp'));

    it('returns the QR text, scanning QR codes only', async () => {
      wechat.scanAnswer = {
        result: ' https://mall.example.cn/h5/#/pages/receipt-claim/index?code=R7K2 ',
      };

      await expect(scanReceiptCode()).resolves.toEqual({
        kind: 'scanned',
        text: 'https://mall.example.cn/h5/#/pages/receipt-claim/index?code=R7K2',
      });
      expect(wechat.calls).toEqual(['scanCode:["qrCode"]']);
    });

    it('says cancelled when the shopper closes the scanner', async () => {
      wechat.scanAnswer = { errMsg: 'scanCode:fail cancel' };

      await expect(scanReceiptCode()).resolves.toEqual({ kind: 'cancelled' });
    });

    it('asks to type the code when the camera is refused', async () => {
      wechat.scanAnswer = { errMsg: 'scanCode:fail privacy permission is not authorized' };

      await expect(scanReceiptCode()).resolves.toEqual({ kind: 'type-instead' });
    });
  });

  describe('in the browser (h5)', () => {
    it('asks to type the code and never calls wx.scanCode', async () => {
      runAs('h5');

      await expect(scanReceiptCode()).resolves.toEqual({ kind: 'type-instead' });
      expect(wechat.calls).toEqual([]);
    });
  });
});
