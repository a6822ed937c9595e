import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RunningServer } from '../../server/src/server';
import { getJson, joinAsMember } from '../../server/test/members/member-kit';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testMasterKeys, testServer } from '../../server/test/support/test-services';
import { parseAdapterConfig } from '../src/config';
import { createAdapterLogger } from '../src/logger';
import { startAdapter, type RunningAdapter } from '../src/pos-adapter';
import { freePort, runAdapterCli, waitFor } from './support/adapter-cli';
import { saleNumber, tillCheckout, wechatPaymentCode } from './support/till';

// An 88 code whose card number belongs to nobody: the server refuses it for good.
const UNKNOWN_MEMBER_CODE = '880000000000123456';

describeEachDatabase('pos-adapter outbox replay after an outage (issue #6)', (database) => {
  const masterKeys = testMasterKeys();
  let port: number;
  let server: RunningServer | undefined;
  let adapter: RunningAdapter;
  let folder: string;
  let deviceId: string;
  let configFile: string;

  const startServer = async () => {
    server = await testServer(database().url, { MASTER_KEYS: masterKeys, PORT: String(port) });
    return server;
  };

  beforeAll(async () => {
    port = await freePort();
    await startServer();
    const device = await server!.services.devices.register('till 2', 'pos');
    deviceId = device.deviceId;
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-adapter-outbox-'));
    const settings = {
      serverUrl: `http://127.0.0.1:${port}`,
      deviceId,
      deviceSecret: device.secret,
      port: 0,
      outboxFile: path.join(folder, 'pos.sqlite'),
      retryMs: 100,
      maxRetryMs: 400,
      logLevel: 'silent' as const,
    };
    configFile = path.join(folder, 'adapter.json');
    fs.writeFileSync(configFile, JSON.stringify(settings), { mode: 0o600 });
    adapter = await startAdapter(parseAdapterConfig(settings), createAdapterLogger('silent'));
  });

  afterAll(async () => {
    await adapter.stop();
    await server?.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  const rowsOf = (running: RunningServer) =>
    running.services.databases
      .core('checkout_transactions')
      .where({ device_id: deviceId })
      .orderBy('created_at')
      .select('id', 'checkout_id', 'pseudonym', 'link_via', 'points_awarded', 'occurred_at');

  describe('with cash and bank-card sales, with and without member codes, queued while the server is down', () => {
    it('applies every queued sale exactly once, in order, and a second replay sends nothing', async () => {
      const first = await joinAsMember(server!, { membership: true, transaction_linking: true });
      const second = await joinAsMember(server!, { membership: true, transaction_linking: true });
      const codeOf = async (token: string) =>
        (await getJson(server!, '/v1/me/member-code', token)).body.code as string;
      const firstCode = await codeOf(first.token);
      const secondCode = await codeOf(second.token);
      const balanceOf = async (running: RunningServer, token: string) =>
        (await getJson(running, '/v1/me/points', token)).body.balance as number;
      const firstBefore = await balanceOf(server!, first.token);
      const secondBefore = await balanceOf(server!, second.token);
      await server!.stop();
      server = undefined;

      const sales = [
        { checkoutId: saleNumber('Q1'), amountFen: 5000, tender: 'cash', memberCode: firstCode },
        { checkoutId: saleNumber('Q2'), amountFen: 1990, tender: 'bank-card' },
        { checkoutId: saleNumber('Q3'), amountFen: 800, tender: 'cash', code: UNKNOWN_MEMBER_CODE },
        { checkoutId: saleNumber('Q4'), amountFen: 12_000, tender: 'bank-card', code: secondCode },
        { checkoutId: saleNumber('Q5'), amountFen: 300, tender: 'cash' },
      ];
      const answers = [];
      for (const sale of sales) answers.push(await tillCheckout(adapter.url, sale));
      const byPaymentCode = await tillCheckout(adapter.url, {
        amountFen: 100,
        tender: 'payment-code',
        code: wechatPaymentCode(),
      });

      expect(answers.map((answer) => answer.status)).toEqual([202, 202, 202, 202, 202]);
      expect(answers[0]!.body).toMatchObject({
        status: 'queued',
        checkoutId: sales[0]!.checkoutId,
      });
      expect(byPaymentCode.status).toBe(503);
      expect(byPaymentCode.body.error.code).toBe('SERVER_UNREACHABLE');
      expect(adapter.status()).toMatchObject({ serverUp: false, backlog: 5 });

      const restarted = await startServer();
      await waitFor(() => adapter.status().backlog === 0);
      await adapter.settle();

      const applied = [sales[0], sales[1], sales[3], sales[4]].map((sale) => sale!.checkoutId);
      const rows = await rowsOf(restarted);
      expect(rows.map((row: { checkout_id: string }) => row.checkout_id)).toEqual(applied);
      expect(rows[0]).toMatchObject({ pseudonym: first.pseudonym, link_via: 'member-code' });
      expect(rows[2]).toMatchObject({ pseudonym: second.pseudonym, link_via: 'member-code' });
      expect(await balanceOf(restarted, first.token)).toBe(
        firstBefore + Number(rows[0].points_awarded),
      );
      expect(await balanceOf(restarted, second.token)).toBe(
        secondBefore + Number(rows[2].points_awarded),
      );
      expect(Number(rows[0].points_awarded)).toBeGreaterThan(0);
      expect(adapter.status().deadLetters).toEqual([
        expect.objectContaining({
          checkoutId: sales[2]!.checkoutId,
          errorCode: 'MEMBER_CODE_REFUSED',
        }),
      ]);

      const again = await adapter.replay();
      expect(again).toMatchObject({ sent: 0, deadLettered: 0 });
      expect(await rowsOf(restarted)).toHaveLength(4);

      // The till retries the first sale: the server's stored answer, not a second sale.
      const retried = await tillCheckout(adapter.url, sales[0]!);
      expect(retried.status).toBe(200);
      expect(retried.body).toMatchObject({ transactionId: rows[0].id, status: 'paid' });
      expect(await rowsOf(restarted)).toHaveLength(4);
    });

    it('shows the backlog, the dead letters and the last replay through `pos-adapter status`', async () => {
      const run = await runAdapterCli(['status', '--config', configFile]);

      expect(run.status).toBe(0);
      const status = JSON.parse(run.stdout);
      expect(status).toMatchObject({ backlog: 0, overdue: 0, sent: 4 });
      expect(status.deadLetters).toEqual([
        expect.objectContaining({ errorCode: 'MEMBER_CODE_REFUSED' }),
      ]);
      expect(status.lastReplay).toMatchObject({ sent: expect.any(Number) });
    });

    it('keeps no member code in plain text in its SQLite file', () => {
      const file = path.join(folder, 'pos.sqlite');
      const bytes = Buffer.concat(
        [file, `${file}-wal`]
          .filter((part) => fs.existsSync(part))
          .map((part) => fs.readFileSync(part)),
      );

      expect(bytes.includes(Buffer.from(UNKNOWN_MEMBER_CODE))).toBe(false);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    });
  });
});
