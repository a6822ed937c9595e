import {
  devPhoneCode,
  phoneBindingFromButton,
  readPhoneButtonEvent,
  type PhoneButtonEvent,
} from '../../src/platform/phone-number';
import { bindPhone } from '../../src/services/member-api';
import { saveSessionToken } from '../../src/services/session';
import { installFetch, runAs } from '../support/platform-env';
import { resetWechat, wechat } from '../support/taro-double';

jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);

const event = (detail: Record<string, string>) => ({ detail }) as unknown as PhoneButtonEvent;

describe('phone-number', () => {
  beforeEach(() => resetWechat());

  describe('readPhoneButtonEvent', () => {
    it('takes the code of the current getPhoneNumber flow', () => {
      expect(readPhoneButtonEvent(event({ errMsg: 'getPhoneNumber:ok', code: 'c1' }))).toEqual({
        kind: 'code',
        code: 'c1',
      });
    });

    it('takes encryptedData and iv from older clients', () => {
      const result = readPhoneButtonEvent(
        event({ errMsg: 'getPhoneNumber:ok', encryptedData: 'a+b/c==', iv: 'i+v==' }),
      );

      expect(result).toEqual({ kind: 'legacy', encryptedData: 'a+b/c==', iv: 'i+v==' });
    });

    it.each(['getPhoneNumber:fail user deny', 'getPhoneNumber:fail:user deny'])(
      'reads "%s" as the shopper saying no',
      (errMsg) => {
        expect(readPhoneButtonEvent(event({ errMsg }))).toEqual({ kind: 'denied' });
      },
    );

    it('reads a privacy refusal as a failure', () => {
      const result = readPhoneButtonEvent(
        event({ errMsg: 'getPhoneNumber:fail privacy permission is not authorized' }),
      );

      expect(result.kind).toBe('failed');
    });
  });

  describe('phoneBindingFromButton', () => {
    it('offers the SMS path when the shopper said no', () => {
      expect(() => phoneBindingFromButton({ kind: 'denied' })).toThrow(
        expect.objectContaining({ code: 'PHONE_BUTTON_DENIED' }),
      );
    });

    it('sends encryptedData with "+" byte for byte, as JSON (field-cases.md)', async () => {
      runAs('weapp');
      saveSessionToken('member-token');
      wechat.respond = () => ({ statusCode: 200, data: { phone: '139****0001' } });

      await bindPhone(
        phoneBindingFromButton({ kind: 'legacy', encryptedData: 'q+W/e+r==', iv: 'a+b==' }),
      );

      expect(wechat.requests[0]).toMatchObject({
        url: 'https://member.example.com/v1/me/phone',
        header: expect.objectContaining({
          Authorization: 'Bearer member-token',
          'Content-Type': 'application/json',
        }),
        data: { method: 'wechat-legacy', encryptedData: 'q+W/e+r==', iv: 'a+b==' },
      });
    });
  });

  describe('devPhoneCode (H5 development stand-in)', () => {
    beforeEach(() => runAs('h5'));

    it('asks the WeChat simulator for the code the button would give', async () => {
      const calls = installFetch(() => ({ status: 200, body: { code: 'phone-code' } }));

      await expect(devPhoneCode('13900000001')).resolves.toBe('phone-code');
      expect(calls[0]).toMatchObject({
        url: '/v1/dev/wechat/phone-code',
        body: { phone: '13900000001' },
      });
    });
  });
});
