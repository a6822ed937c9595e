import { scanCardCode } from '../../src/platform/scan-code';
import { runAs } from '../support/platform-env';
import { resetWechat, wechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

describe('scan-code', () => {
  beforeEach(() => resetWechat());

  describe('in WeChat (weapp)', () => {
    beforeEach(() => runAs('weapp'));

    it('returns the scanned card number, scanning barcodes and QR codes', async () => {
      wechat.scanAnswer = { result: ' 600000000001 ' };

      await expect(scanCardCode()).resolves.toEqual({ kind: 'scanned', text: '600000000001' });
      expect(wechat.calls).toEqual(['scanCode:["barCode","qrCode"]']);
    });

    it('says cancelled when the shopper closes the scanner', async () => {
      wechat.scanAnswer = { errMsg: 'scanCode:fail cancel' };

      await expect(scanCardCode()).resolves.toEqual({ kind: 'cancelled' });
    });

    it('asks to type the code when the scanner fails (camera refused)', async () => {
      wechat.scanAnswer = { errMsg: 'scanCode:fail privacy permission is not authorized' };

      await expect(scanCardCode()).resolves.toEqual({ kind: 'type-instead' });
    });
  });

  describe('in the browser (h5)', () => {
    it('asks to type the code, since H5 has no wx.scanCode (field-cases.md)', async () => {
      runAs('h5');

      await expect(scanCardCode()).resolves.toEqual({ kind: 'type-instead' });
      expect(wechat.calls).toEqual([]);
    });
  });
});
