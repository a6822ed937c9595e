import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../server/src/server';
import { stableOpenid } from '../../server/simulators/wechat-pay-orders';
import { getJson } from '../../server/test/members/member-kit';
import { signUpWithWechat } from '../../server/test/support/member-flows';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testServer } from '../../server/test/support/test-services';
import {
  freePort,
  runAdapterCli,
  serveAdapter,
  waitFor,
  type ServingAdapter,
} from './support/adapter-cli';
import { saleNumber, tillCheckout, tillStatus, wechatPaymentCode } from './support/till';

const UNIONPAY_CODE = '6212345678901234567';

describeEachDatabase('pos-adapter CLI -> server -> WeChat Pay simulator (issue #6)', (database) => {
  let server: RunningServer;
  let adapter: ServingAdapter;
  let folder: string;
  let adapterPort: number;
  let deviceId: string;

  beforeAll(async () => {
    server = await testServer(database().url);
    const device = await server.services.devices.register('till 1', 'pos');
    deviceId = device.deviceId;
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-adapter-e2e-'));
    fs.writeFileSync(path.join(folder, 'secret.txt'), device.secret, { mode: 0o600 });
    adapterPort = await freePort();
    const configFile = path.join(folder, 'adapter.json');
    fs.writeFileSync(
      configFile,
      JSON.stringify({
        serverUrl: server.url,
        deviceId,
        deviceSecretFile: path.join(folder, 'secret.txt'),
        storeId: 'store-001',
        port: adapterPort,
        outboxFile: path.join(folder, 'pos.sqlite'),
        retryMs: 100,
        logLevel: 'silent',
      }),
    );
    adapter = await serveAdapter(configFile);
  });

  afterAll(async () => {
    await adapter?.stop();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const saleRow = (checkoutId: string) =>
    server.services.databases
      .core('checkout_transactions')
      .where({ device_id: deviceId, checkout_id: checkoutId });
  const saleCount = async () =>
    Number(
      (await server.services.databases.core('checkout_transactions').count({ n: '*' }).first())?.n,
    );

  describe('with a WeChat Pay code from a member who holds the linking consent (C-4.2.1.4, U-6.1.1)', () => {
    it('charges the code from a scan-gun line and gives the member the points', async () => {
      const code = wechatPaymentCode();
      // The simulator pays an unscripted code with this openid: make it the member's.
      const payer = await signUpPayer(server, stableOpenid(code), true);
      const checkoutId = saleNumber('E2E');

      adapter.type(code.slice(0, 7));
      adapter.type(`${code.slice(7)}\r`);
      adapter.type('\n');
      await waitFor(async () => (await tillStatus(adapter.url)).body.scans.paymentCode === true);
      const before = await getJson(server, '/v1/me/points', payer.token);
      const answer = await tillCheckout(adapter.url, {
        checkoutId,
        amountFen: 1990,
        tender: 'payment-code',
      });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        checkoutId,
        status: 'paid',
        provider: 'wechat',
        amountFen: 1990,
      });
      expect(answer.body.member.pointsAwarded).toBeGreaterThan(0);
      expect(answer.body.tillMessage).toEqual({ zh: '收款成功', en: 'Paid' });
      const points = await getJson(server, '/v1/me/points', payer.token);
      expect(points.body.balance).toBe(before.body.balance + answer.body.member.pointsAwarded);
      const [row] = await saleRow(checkoutId);
      expect(row).toMatchObject({ pseudonym: payer.pseudonym, status: 'paid' });
    });
  });

  describe('with a WeChat Pay code from a payer without the linking consent (U-6.1.1)', () => {
    it('takes the payment through `pos-adapter scan` and links the sale to nobody', async () => {
      const code = wechatPaymentCode();
      const payer = await signUpPayer(server, stableOpenid(code), false);
      const checkoutId = saleNumber('NOLINK');

      const before = await getJson(server, '/v1/me/points', payer.token);
      const run = await runAdapterCli([
        'scan',
        code,
        '--amount',
        '12.00',
        '--port',
        String(adapterPort),
        '--checkout-id',
        checkoutId,
      ]);

      expect(run.status).toBe(0);
      expect(run.stdout).toContain('已识别付款码 / Payment code read');
      expect(run.stdout).toContain('收款成功 / Paid');
      expect(run.stdout).not.toContain('pointsAwarded');
      const [row] = await saleRow(checkoutId);
      expect(row).toMatchObject({ status: 'paid', pseudonym: null, link_via: null });
      const points = await getJson(server, '/v1/me/points', payer.token);
      expect(points.body.balance).toBe(before.body.balance);
    });
  });

  describe('with a UnionPay code (no acquirer configured)', () => {
    it('refuses it at the till in Chinese and English and sends nothing to the server', async () => {
      const salesBefore = await saleCount();
      const wechatCallsBefore = server.simulators!.payments.wechatPay.calls().length;
      const alipayCallsBefore = server.simulators!.payments.alipay.calls().length;

      const run = await runAdapterCli([
        'scan',
        UNIONPAY_CODE,
        '--amount',
        '5.00',
        '--port',
        String(adapterPort),
      ]);
      const direct = await tillCheckout(adapter.url, {
        amountFen: 500,
        tender: 'payment-code',
        code: UNIONPAY_CODE,
      });

      expect(run.status).toBe(2);
      expect(run.stdout).toContain(
        '不支持银联付款码，请改用其他方式 / UnionPay codes are not accepted here',
      );
      expect(run.stdout).toContain('PAYMENT_CODE_NOT_ACCEPTED');
      expect(direct.status).toBe(422);
      expect(direct.body.error.code).toBe('PAYMENT_CODE_NOT_ACCEPTED');
      expect(await saleCount()).toBe(salesBefore);
      expect(server.simulators!.payments.wechatPay.calls()).toHaveLength(wechatCallsBefore);
      expect(server.simulators!.payments.alipay.calls()).toHaveLength(alipayCallsBefore);
    });
  });

  describe('with bad input from the till', () => {
    it.each([
      [{ amountFen: -1, tender: 'cash' }, 'VALIDATION_FAILED'],
      [{ amountFen: 100, tender: 'cheque' }, 'VALIDATION_FAILED'],
      [{ amountFen: 100, tender: 'cash', memberCode: '12345' }, 'MEMBER_CODE_INVALID'],
      [{ amountFen: 100, tender: 'payment-code', code: '6901234567892' }, 'SCAN_CODE_UNRECOGNISED'],
      [{ amountFen: 100, tender: 'payment-code' }, 'VALIDATION_FAILED'],
    ])('answers %j with %s and stores nothing', async (body, code) => {
      const before = await saleCount();

      const answer = await tillCheckout(adapter.url, body);

      expect(answer.body.error.code).toBe(code);
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(await saleCount()).toBe(before);
    });
  });
});

/** A shopper who signs up in the mini-program with the openid WeChat Pay will report. */
async function signUpPayer(server: RunningServer, openid: string, linking: boolean) {
  const { answer, token } = await signUpWithWechat(
    server,
    { membership: true, transaction_linking: linking },
    {},
    openid,
  );
  if (answer.status !== 201) throw new Error(`sign-up failed: ${answer.text}`);
  const core = await server.services.members.findById(answer.body.memberId as string);
  return { token, memberId: answer.body.memberId as string, pseudonym: core?.pseudonym as string };
}
