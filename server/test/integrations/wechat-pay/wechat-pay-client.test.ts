import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { WECHAT_PAY_NOTIFY_SUCCESS_ANSWER } from '../../../src/integrations/wechat-pay/wechat-pay-notification';
import { wireSignature } from '../../../simulators/wechat-pay-wire';
import { createSimulatorCertificates } from '../../../simulators/wechat-pay-certificates';
import { rejectionOf } from '../integration-support';
import {
  API_KEY,
  APP_ID,
  CODE,
  MCH_ID,
  attemptOf,
  startWechatPayRig,
  type WechatPayRig,
} from './wechat-pay-support';

const NOTIFY_URL = 'https://memberkit.example/wechat-pay/notify';

function jsapiOrder(outTradeNo: string, totalFen = 1990) {
  return {
    tradeType: 'JSAPI' as const,
    outTradeNo,
    totalFen,
    body: 'Retail Member Kit-gift card',
    clientIp: '127.0.0.1',
    notifyUrl: NOTIFY_URL,
    openid: 'o-member-1',
  };
}

describe('WechatPayClient', () => {
  let rig: WechatPayRig;

  afterEach(async () => {
    await rig.stop();
  });

  describe('with MD5 signing', () => {
    beforeEach(async () => {
      rig = await startWechatPayRig('MD5');
    });

    describe('money on the wire (field cases): total_fee is integer fen', () => {
      it.each([1990, 5, 100000])('sends %p fen as total_fee %p', async (totalFen) => {
        await rig.client.payWithCode({ ...attemptOf(1), totalFen });

        expect(rig.simulator.orders()[0].totalFee).toBe(totalFen);
      });
    });

    describe('refund (/secapi/pay/refund)', () => {
      it('refunds once per out_refund_no: the same number again is the same refund', async () => {
        await rig.client.payWithCode(attemptOf(1));
        const request = {
          outTradeNo: 'PK-0001-1',
          outRefundNo: 'RF-0001-1',
          totalFen: 1500,
          refundFen: 500,
        };

        const first = await rig.client.refund(request);
        const again = await rig.client.refund(request);

        expect(first).toEqual({
          refundId: expect.stringMatching(/^\d+$/),
          outRefundNo: 'RF-0001-1',
          refundFen: 500,
        });
        expect(again).toEqual(first);
        expect(rig.simulator.refunds()).toHaveLength(1);
      });

      it('fails with WECHAT_PAY_FAILED and the err_code when the refund exceeds the payment', async () => {
        await rig.client.payWithCode(attemptOf(1));

        const error = await rejectionOf(
          rig.client.refund({
            outTradeNo: 'PK-0001-1',
            outRefundNo: 'RF-1',
            totalFen: 1500,
            refundFen: 1501,
          }),
        );

        expect(error.code).toBe('WECHAT_PAY_FAILED');
        expect(error.details).toMatchObject({ api: 'refund', errCode: 'INVALID_REQUEST' });
      });
    });

    describe('mutual TLS on /secapi/', () => {
      it('gets no answer with another merchant’s certificate, and the outcome is not failed', async () => {
        rig.simulator.script(CODE, { kind: 'never-confirms' });
        const client = rig.clientWith({
          clientCert: rig.simulator.issueClientCertificate('1900000999'),
        });

        const error = await rejectionOf(client.payWithCode(attemptOf(1)));

        expect(error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
        expect(rig.simulator.calls().filter((call) => call.api === 'reverse')).toEqual([]);
      });

      it('refuses a certificate whose key does not match at construction (CONFIG_INVALID)', async () => {
        const stranger = createSimulatorCertificates(MCH_ID);
        const clientCert = {
          cert: rig.simulator.clientCertificate.cert,
          key: stranger.merchant.key,
        };

        expect(() => rig.clientWith({ clientCert })).toThrow(
          expect.objectContaining({ code: 'CONFIG_INVALID' }),
        );
      });

      it('accepts the certificate as a PKCS#12 file with its passphrase (apiclient_cert.p12)', async () => {
        const pfx = pkcs12Of(rig.simulator.clientCertificate, MCH_ID);
        if (!pfx) return; // no openssl on this machine to make the file with
        rig.simulator.script(CODE, { kind: 'never-confirms' });
        const client = rig.clientWith({ clientCert: { pfx, passphrase: MCH_ID } });

        expect(await client.payWithCode(attemptOf(1))).toEqual({ outcome: 'cancelled' });
      });
    });

    describe('unifiedorder, JSAPI and NATIVE', () => {
      it('answers a prepay_id for JSAPI and signs wx.requestPayment’s five fields with the API key', async () => {
        const { prepayId } = await rig.client.unifiedOrder(jsapiOrder('GC-0001-1'));

        const params = rig.client.jsapiPayParams(prepayId);

        expect(params).toEqual({
          timeStamp: expect.stringMatching(/^\d{10}$/),
          nonceStr: expect.stringMatching(/^[0-9a-f]{32}$/),
          package: `prepay_id=${prepayId}`,
          signType: 'MD5',
          paySign: expect.any(String),
        });
        const { paySign, ...signed } = params;
        expect(paySign).toBe(wireSignature({ appId: APP_ID, ...signed }, API_KEY, 'MD5'));
      });

      it('answers a code_url for NATIVE (the kiosk QR)', async () => {
        const answer = await rig.client.unifiedOrder({
          tradeType: 'NATIVE',
          outTradeNo: 'PK-0002-1',
          totalFen: 600,
          body: 'Retail Member Kit-parking',
          clientIp: '127.0.0.1',
          notifyUrl: NOTIFY_URL,
          productId: 'parking',
        });

        expect(answer.codeUrl).toMatch(/^weixin:\/\/wxpay\/bizpayurl\?pr=/);
      });

      it('fails with WECHAT_PAY_FAILED PARAM_ERROR for JSAPI without an openid', async () => {
        const error = await rejectionOf(
          rig.client.unifiedOrder({ ...jsapiOrder('GC-0001-1'), openid: '' }),
        );

        expect(error.details).toMatchObject({ api: 'unifiedorder', errCode: 'PARAM_ERROR' });
      });
    });

    describe('payment notifications (notify_url)', () => {
      it('verifies and reads a notification, with the amount of our order', async () => {
        await rig.client.unifiedOrder(jsapiOrder('GC-0001-1'));
        const xml = rig.simulator.completePrepaidOrder('GC-0001-1');

        const notification = rig.client.verifyNotification(xml, 1990);

        expect(notification).toEqual({
          paid: true,
          outTradeNo: 'GC-0001-1',
          transactionId: rig.simulator.orders()[0].transactionId,
          openid: 'o-member-1',
          totalFen: 1990,
          timeEnd: expect.stringMatching(/\+08:00$/),
        });
      });

      it.each([
        [
          'a changed amount',
          (xml: string) => xml.replace('<total_fee>1990<', '<total_fee>1<'),
          'bad-signature',
        ],
        ['a document type', (xml: string) => `<!DOCTYPE xml>${xml}`, 'unreadable'],
        ['not XML', () => 'openid=o-member-1', 'unreadable'],
      ])('refuses %s with WECHAT_PAY_NOTIFY_INVALID', async (_, damage, reason) => {
        await rig.client.unifiedOrder(jsapiOrder('GC-0001-1'));
        const xml = damage(rig.simulator.completePrepaidOrder('GC-0001-1'));

        const error = await rejectionOf(
          Promise.resolve().then(() => rig.client.verifyNotification(xml)),
        );

        expect(error.code).toBe('WECHAT_PAY_NOTIFY_INVALID');
        expect(error.details).toEqual({ reason });
      });

      it('refuses a notification whose amount is not our order’s', async () => {
        await rig.client.unifiedOrder(jsapiOrder('GC-0001-1'));
        const xml = rig.simulator.completePrepaidOrder('GC-0001-1');

        const error = await rejectionOf(
          Promise.resolve().then(() => rig.client.verifyNotification(xml, 1991)),
        );

        expect(error.details).toEqual({ reason: 'amount-mismatch' });
      });

      it('answers WeChat with the exact SUCCESS XML', () => {
        expect(WECHAT_PAY_NOTIFY_SUCCESS_ANSWER).toBe(
          '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>',
        );
      });
    });
  });

  describe('with HMAC-SHA256 signing', () => {
    beforeEach(async () => {
      rig = await startWechatPayRig('HMAC-SHA256');
    });

    it('pays, queries and reverses with HMAC-SHA256 requests the simulator verifies', async () => {
      rig.simulator.script(CODE, { kind: 'paying-then-success', payingQueries: 1 });

      expect((await rig.client.payWithCode(attemptOf(1))).outcome).toBe('paid');
    });

    it('is refused as wrongly signed when it signs MD5 where HMAC-SHA256 is expected', async () => {
      const client = rig.clientWith({ signType: 'MD5' });

      expect(await client.payWithCode(attemptOf(1))).toEqual({
        outcome: 'failed',
        code: 'SIGNERROR',
      });
    });

    it('verifies an HMAC-SHA256 notification (sign_type named in it)', async () => {
      await rig.client.unifiedOrder(jsapiOrder('GC-0001-1'));
      const xml = rig.simulator.completePrepaidOrder('GC-0001-1', { openid: 'o-member-2' });

      expect(rig.client.verifyNotification(xml)).toMatchObject({
        paid: true,
        openid: 'o-member-2',
      });
    });
  });
});

/** apiclient_cert.p12 made with the openssl tool, or undefined where it is not installed. */
function pkcs12Of(pair: { cert: string; key: string }, passphrase: string): Buffer | undefined {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wechat-pay-p12-'));
  try {
    fs.writeFileSync(path.join(folder, 'cert.pem'), pair.cert);
    fs.writeFileSync(path.join(folder, 'key.pem'), pair.key);
    const args = [
      'pkcs12',
      '-export',
      '-in',
      'cert.pem',
      '-inkey',
      'key.pem',
      '-passout',
      `pass:${passphrase}`,
    ];
    return execFileSync('openssl', args, { cwd: folder, stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
