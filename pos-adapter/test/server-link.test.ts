import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAdapterConfig } from '../src/config';
import { createAdapterLogger } from '../src/logger';
import { startAdapter } from '../src/pos-adapter';
import { ServerLink } from '../src/server-link';
import { tillCheckout, tillStatus, wechatPaymentCode } from './support/till';

// Port 9 is on the Fetch standard's "bad port" list: undici refuses it before connecting.
const BLOCKED_PORT_URL = 'http://127.0.0.1:9';
const SECRET = crypto.randomBytes(32).toString('hex');

describe('ServerLink', () => {
  describe('with a server URL on a port fetch refuses', () => {
    it('reports the checkout as never sent, not as an unknown outcome', async () => {
      const link = new ServerLink(BLOCKED_PORT_URL, 'dev_blocked', SECRET);

      const answer = await link.postCheckout('{}', 'key-1', 1_000);

      expect(answer).toEqual({ kind: 'not-sent', reason: 'URL_PORT_BLOCKED' });
    });

    it('gives the till SERVER_UNREACHABLE for a payment code and queues a cash sale', async () => {
      const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'pos-adapter-bad-port-'));
      const adapter = await startAdapter(
        parseAdapterConfig({
          serverUrl: BLOCKED_PORT_URL,
          deviceId: 'dev_blocked',
          deviceSecret: SECRET,
          port: 0,
          outboxFile: path.join(folder, 'pos.sqlite'),
          retryMs: 60_000,
          logLevel: 'silent',
        }),
        createAdapterLogger('silent'),
      );
      try {
        const paid = await tillCheckout(adapter.url, {
          amountFen: 100,
          tender: 'payment-code',
          code: wechatPaymentCode(),
        });
        const cash = await tillCheckout(adapter.url, { amountFen: 100, tender: 'cash' });
        const replay = await adapter.replay();

        expect(paid.body.error.code).toBe('SERVER_UNREACHABLE');
        expect(cash.status).toBe(202);
        expect(replay.stoppedBy).toBe('URL_PORT_BLOCKED');
        expect((await tillStatus(adapter.url)).body).toMatchObject({ backlog: 1, sent: 0 });
      } finally {
        await adapter.stop();
        fs.rmSync(folder, { recursive: true, force: true });
      }
    });
  });
});
