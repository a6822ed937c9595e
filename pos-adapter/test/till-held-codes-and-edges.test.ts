import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../server/src/server';
import { getJson, joinAsMember } from '../../server/test/members/member-kit';
import { send, sendJson } from '../../server/test/support/http-client';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testServer } from '../../server/test/support/test-services';
import { parseAdapterConfig } from '../src/config';
import { createAdapterLogger } from '../src/logger';
import { startAdapter, type RunningAdapter } from '../src/pos-adapter';
import { runAdapterCli } from './support/adapter-cli';
import { saleNumber, tillCheckout, tillStatus, wechatPaymentCode } from './support/till';

describeEachDatabase('pos-adapter: held scan codes and till API edges (issue #6)', (database) => {
  let server: RunningServer;
  let adapter: RunningAdapter;
  let folder: string;
  let deviceId: string;
  // The running adapter's settings, also written to a file for `scan -c <cfg>`.
  let adapterSettings: () => Record<string, unknown>;

  beforeAll(async () => {
    server = await testServer(database().url);
    const device = await server.services.devices.register('till held codes', 'pos');
    deviceId = device.deviceId;
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-adapter-held-'));
    adapterSettings = () => ({
      serverUrl: server.url,
      deviceId,
      deviceSecret: device.secret,
      port: 0,
      outboxFile: path.join(folder, 'pos.sqlite'),
      logLevel: 'silent',
    });
    adapter = await startAdapter(
      parseAdapterConfig(adapterSettings()),
      createAdapterLogger('silent'),
    );
  });

  afterAll(async () => {
    await adapter?.stop();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const adapterPort = () => new URL(adapter.url).port;
  const scan = (line: string) => sendJson(adapter.url, 'POST', '/scans', { line });
  const saleOf = async (checkoutId: string) =>
    server.services.databases
      .core('checkout_transactions')
      .where({ device_id: deviceId, checkout_id: checkoutId })
      .first();
  const linkingMember = async () => {
    const { token } = await joinAsMember(server, { membership: true, transaction_linking: true });
    const code = (await getJson(server, '/v1/me/member-code', token)).body.code as string;
    return { token, code };
  };
  const linkedTo = async (checkoutId: string) => (await saleOf(checkoutId))?.link_via ?? null;

  describe('held codes (U-6.1.1: a code joins only the very next checkout)', () => {
    it('U-6.1.1: a payment code left held by a cash sale is never charged by the next sale', async () => {
      await scan(wechatPaymentCode());
      const cash = await tillCheckout(adapter.url, { amountFen: 100, tender: 'cash' });
      expect(cash.body.status).toBe('paid');

      const next = await tillCheckout(adapter.url, { amountFen: 200, tender: 'payment-code' });

      expect(next.status).toBe(400);
      expect(next.body.tillMessage.en).toContain('Scan the shopper');
      expect((await tillStatus(adapter.url)).body.scans).toMatchObject({
        paymentCode: false,
        memberCode: false,
      });
    });

    it('U-6.1.1: a member code held when a sale is declined or refused does not join the next sale', async () => {
      const member = await linkingMember();
      await scan(member.code);
      const refused = await tillCheckout(adapter.url, {
        amountFen: 100,
        tender: 'payment-code',
        code: '6212345678901234567',
      });
      expect(refused.body.error.code).toBe('PAYMENT_CODE_NOT_ACCEPTED');

      const checkoutId = saleNumber('NEXT');
      const next = await tillCheckout(adapter.url, {
        checkoutId,
        amountFen: 100,
        tender: 'payment-code',
        code: wechatPaymentCode(),
      });

      expect(next.body.status).toBe('paid');
      expect(next.body.member).toBeUndefined();
      expect(await linkedTo(checkoutId)).toBeNull();
    });

    it('U-6.1.1: `scan -a 10 <wechat> <member>` links that sale, and the next shopper’s `scan -a 20 <wechat>` links nobody', async () => {
      const member = await linkingMember();
      const first = saleNumber('CLI1');
      const second = saleNumber('CLI2');

      const one = await runAdapterCli([
        'scan',
        wechatPaymentCode(),
        member.code,
        '-a',
        '10',
        '--port',
        adapterPort(),
        '--checkout-id',
        first,
      ]);
      const two = await runAdapterCli([
        'scan',
        '-a',
        '20',
        wechatPaymentCode(),
        '--port',
        adapterPort(),
        '--checkout-id',
        second,
      ]);

      expect([one.status, two.status]).toEqual([0, 0]);
      expect(await linkedTo(first)).toBe('member-code');
      expect(await linkedTo(second)).toBeNull();
    });

    it('U-6.1.1: `scan -c <cfg> -a 3.00 <member code only>` checks nothing out and leaves nothing held for the next shopper', async () => {
      const member = await linkingMember();
      const configFile = path.join(folder, 'cli.json');
      fs.writeFileSync(
        configFile,
        JSON.stringify({ ...adapterSettings(), port: Number(adapterPort()) }),
      );
      const second = saleNumber('CLIM');

      const one = await runAdapterCli(['scan', '-c', configFile, '-a', '3.00', member.code]);
      const held = (await tillStatus(adapter.url)).body.scans;
      const two = await runAdapterCli([
        'scan',
        '-c',
        configFile,
        '-a',
        '6.00',
        wechatPaymentCode(),
        '--checkout-id',
        second,
      ]);

      expect(one.status).toBe(2);
      expect(one.stdout).toContain('已识别会员码 / Member code read');
      expect(one.stderr).toContain('no checkout: scan a payment code, or give --tender');
      expect(held).toMatchObject({ paymentCode: false, memberCode: false });
      expect(two.status).toBe(0);
      expect(await linkedTo(second)).toBeNull();
    });

    it.each([
      ['a malformed JSON body', { body: '{bad', headers: { 'Content-Type': 'application/json' } }],
      [
        'a wrong Content-Type',
        {
          body: JSON.stringify({ amountFen: 100, tender: 'cash' }),
          headers: { 'Content-Type': 'text/plain' },
        },
      ],
      [
        'a body that fails validation',
        {
          body: JSON.stringify({ amountFen: 'x', tender: 'cash' }),
          headers: { 'Content-Type': 'application/json' },
        },
      ],
    ])(
      'U-6.1.1: a /checkouts refused for %s takes the held member code off the desk',
      async (_, request) => {
        const member = await linkingMember();
        await scan(member.code);

        const refused = await send(adapter.url, 'POST', '/checkouts', request);
        const held = (await tillStatus(adapter.url)).body.scans;
        const checkoutId = saleNumber('CASH');
        const next = await tillCheckout(adapter.url, {
          checkoutId,
          amountFen: 100,
          tender: 'cash',
        });

        expect(refused.status).toBeGreaterThanOrEqual(400);
        expect(refused.status).toBeLessThan(500);
        expect(held).toMatchObject({ paymentCode: false, memberCode: false });
        expect(next.body.status).toBe('paid');
        expect(await linkedTo(checkoutId)).toBeNull();
      },
    );
  });

  describe('the till API refuses bad input with a coded 4xx', () => {
    it('answers a body over 256 KB with 413 BODY_TOO_LARGE instead of a reset connection', async () => {
      const answer = await send(adapter.url, 'POST', '/checkouts', {
        body: JSON.stringify({ amountFen: 100, tender: 'cash', padding: 'x'.repeat(300_000) }),
        headers: { 'Content-Type': 'application/json' },
      });

      expect(answer.status).toBe(413);
      expect(answer.body.error.code).toBe('BODY_TOO_LARGE');
      expect((await tillStatus(adapter.url)).status).toBe(200);
    });

    it('says a scan-gun line over 1024 characters is too long', async () => {
      const answer = await scan('1'.repeat(1025));

      expect(answer.status).toBe(422);
      expect(answer.body.error).toMatchObject({
        code: 'SCAN_CODE_UNRECOGNISED',
        details: { reason: 'too-long' },
      });
      expect(answer.body.tillMessage.zh).toBe('扫码内容过长，请重新扫描');
    });

    it('still asks for a line when the line is empty', async () => {
      const answer = await scan('');

      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.issues[0].problem).toBe('a scan-gun line is required');
    });

    it('tells the till a member code sent as paymentCode belongs in memberCode', async () => {
      const member = await linkingMember();

      const answer = await tillCheckout(adapter.url, {
        amountFen: 100,
        tender: 'payment-code',
        paymentCode: member.code,
      });

      expect(answer.status).toBe(400);
      expect(answer.body.error.details.issues).toEqual([
        {
          path: 'paymentCode',
          problem: 'a member code is not a payment code: send it as memberCode',
        },
      ]);
      expect(answer.body.tillMessage.en).toContain('send it as memberCode');
    });
  });

  describe('GET /status', () => {
    it('counts sales sent live, and names no TypeError', async () => {
      const before = (await tillStatus(adapter.url)).body.sent as number;

      await tillCheckout(adapter.url, { amountFen: 100, tender: 'cash' });
      await tillCheckout(adapter.url, {
        amountFen: 100,
        tender: 'payment-code',
        code: wechatPaymentCode(),
      });

      const status = await tillStatus(adapter.url);
      expect(status.body.sent).toBe(before + 2);
      expect(JSON.stringify(status.body)).not.toContain('TypeError');
    });
  });

  describe('the pos-adapter scan CLI', () => {
    it('puts a cash sale without a code through at once, even with stdin open and empty', async () => {
      const checkoutId = saleNumber('CASH');

      const run = await runAdapterCli(
        ['scan', '-a', '12', '-t', 'cash', '--port', adapterPort(), '--checkout-id', checkoutId],
        '',
      );

      expect(run.status).toBe(0);
      expect(run.stdout).toContain('Paid');
      const sale = await saleOf(checkoutId);
      expect([sale.status, Number(sale.amount_fen)]).toEqual(['paid', 1_200]);
    });

    it.each([
      [['scan', '-a', '-5', wechatPaymentCode()], 'MONEY_INVALID'],
      [['scan', '-a', '5', '-t', 'cheque'], 'cheque'],
      [['scan', '-a', '5'], 'no scan-gun lines'],
      [['scan', '-a', '5', '6212345678901234567'], 'PAYMENT_CODE_NOT_ACCEPTED'],
    ])('exits 2 for bad input %j', async (args, said) => {
      const run = await runAdapterCli([...args, '--port', adapterPort()], '');

      expect(run.status).toBe(2);
      expect(`${run.stdout}${run.stderr}`).toContain(said);
    });
  });
});
