import { signWechatPay } from '../../src/integrations/wechat-pay/wechat-pay-signature';
import { toWechatXml } from '../../src/integrations/wechat-pay/wechat-pay-xml';
import type { RunningServer } from '../../src/server';
import { attachWechatPay, postNotification, type PayRig } from '../parking/parking-kit';
import { describeEachDatabase } from '../support/test-databases';
import { capturingLogger, testServer } from '../support/test-services';

const FAIL_CODE = '<return_code><![CDATA[FAIL]]></return_code>';
// The API key attachWechatPay gives the simulator and the client.
const SIMULATOR_API_KEY = '8b1a9953c4611296a827abf8c47804d7';

describeEachDatabase(
  'WeChat Pay notify_url at the HTTP edge (C-4.2.2.6, protocols/wechat-pay-micropay.md)',
  (database) => {
    let server: RunningServer;
    let pay: PayRig;
    const captured = capturingLogger('info');

    beforeAll(async () => {
      server = await testServer(database().url, {}, captured.log);
      pay = await attachWechatPay(server);
    });

    afterAll(async () => {
      await pay.stop();
      await server.stop();
    });

    beforeEach(() => {
      captured.lines.length = 0;
    });

    /** A paid notification for an order, signed with the given API key. */
    function notification(apiKey: string): string {
      const fields = {
        return_code: 'SUCCESS',
        result_code: 'SUCCESS',
        appid: server.services.config.wechat.appId,
        mch_id: '1900000109',
        nonce_str: 'ibuaiVcKdpRxkhJA',
        out_trade_no: 'PK-NOT-A-REAL-ORDER',
        transaction_id: '4200000000202403090000000001',
        openid: 'oTestNotifyOpenid00000000000',
        total_fee: '600',
        time_end: '20240309101500',
      };
      return toWechatXml({ ...fields, sign: signWechatPay(fields, apiKey, 'MD5') });
    }

    function logEntries(): Array<Record<string, unknown>> {
      return captured.lines.map((line) => JSON.parse(line));
    }

    describe('a notification with a bad signature', () => {
      it('answers the FAIL XML WeChat expects, with a request id', async () => {
        const answer = await postNotification(server, notification('0'.repeat(32)));

        expect(answer.text).toContain(FAIL_CODE);
        expect(answer.text.startsWith('<xml>')).toBe(true);
        expect(answer.headers.get('content-type')).toMatch(/xml/);
        expect(answer.headers.get('x-request-id')).toMatch(/^[\w.-]{8,64}$/);
      });

      it('logs one line with the code and the reason, and no stack trace', async () => {
        await postNotification(server, notification('0'.repeat(32)));

        const refused = logEntries().filter((entry) => entry.code === 'WECHAT_PAY_NOTIFY_INVALID');
        expect(refused).toHaveLength(1);
        expect(refused[0]).toMatchObject({
          reason: 'bad-signature',
          requestId: expect.any(String),
        });
        expect(captured.lines.join('\n')).not.toMatch(/"stack"|\bat .+:\d+:\d+/);
      });
    });

    describe('a body that is not a WeChat XML document', () => {
      it('answers FAIL and logs the reason unreadable without a stack', async () => {
        const answer = await postNotification(server, '{"return_code":"SUCCESS"}');

        expect(answer.text).toContain(FAIL_CODE);
        const [entry] = logEntries().filter((line) => line.code === 'WECHAT_PAY_NOTIFY_INVALID');
        expect(entry).toMatchObject({ reason: 'unreadable' });
        expect(captured.lines.join('\n')).not.toContain('"stack"');
      });
    });

    describe('a body over the notification limit', () => {
      it('answers FAIL with BODY_TOO_LARGE logged', async () => {
        const answer = await postNotification(server, `<xml>${'x'.repeat(70 * 1024)}</xml>`);

        expect(answer.text).toContain(FAIL_CODE);
        expect(logEntries().some((entry) => entry.code === 'BODY_TOO_LARGE')).toBe(true);
      });
    });

    describe('a correctly signed notification for an order we do not have', () => {
      it('answers SUCCESS: nothing to apply, and WeChat must stop sending it', async () => {
        const answer = await postNotification(server, notification(SIMULATOR_API_KEY));

        expect(answer.text).toContain('<return_code><![CDATA[SUCCESS]]></return_code>');
      });
    });
  },
);
