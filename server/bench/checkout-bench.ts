import crypto from 'node:crypto';
import autocannon from 'autocannon';
import { deviceHeaders } from '@memberkit/shared/node';
import type { Services } from '../src/container';
import { loadConfig } from '../src/platform/config';
import { startServer } from '../src/server';
import { benchLogger } from './bench-config';
import type { BenchServer } from './bench-server';
import { deferCleanup } from './cleanup';
import { WARM_UP_SECONDS, type LoadOptions, type Measurement } from './harness';
import { startKnexSelectTarget } from './parking-bench';
import type { Benchmark } from './run-benchmarks';
import {
  createScratchMariaDb,
  createScratchSqlite,
  type ScratchDatabase,
} from './scratch-databases';

// A mall's tills: tens of them, each sending one sale at a time, at a steady rate a busy mall
// reaches at peak (every call to the simulator is a new TLS connection, as to WeChat Pay).
const TILL_CONNECTIONS = 10;
const CHECKOUTS_PER_SECOND = 25;
const MEMBERS = 50;
const CHECKOUT_PATH = '/v1/checkouts';

interface CheckoutTarget extends BenchServer {
  /** A signed checkout request for the next sale, each with a new code, sale number and key. */
  nextRequest(): { headers: Record<string, string>; body: string };
}

const targets = new Map<string, CheckoutTarget>();

/**
 * Issue #6: till checkouts per second and p99 at a fixed rate, through the real server (device
 * signature, idempotency, the sale's lock, WeChat Pay micropay against the in-process
 * simulator, linking a consenting member, the points award), beside a knex primary-key select
 * endpoint on the same database measured in the same run.
 */
export function checkoutBenchmarks(mysqlUrl: string | undefined): Benchmark[] {
  const row = (label: string, createDatabase: Benchmark['createDatabase']): Benchmark => ({
    name: `till checkout, WeChat Pay simulator, member linked + award, ${CHECKOUTS_PER_SECOND}/s fixed (${label}); baseline: knex PK select`,
    connections: TILL_CONNECTIONS,
    createDatabase,
    startTarget: startCheckoutTarget,
    startBaseline: startKnexSelectTarget,
    measure: measureCheckouts,
    fixedRate: CHECKOUTS_PER_SECOND,
  });
  return [
    row('SQLite', createScratchSqlite),
    ...(mysqlUrl ? [row('MariaDB', () => createScratchMariaDb(mysqlUrl))] : []),
  ];
}

async function startCheckoutTarget(database: ScratchDatabase): Promise<CheckoutTarget> {
  const running = await startServer(checkoutBenchConfig(database), benchLogger());
  const stop = deferCleanup(() => running.stop());
  const till = await running.services.devices.register('bench till', 'pos');
  const openids = await createLinkedMembers(running.services, MEMBERS);
  let sequence = 0;

  const nextRequest = () => {
    sequence += 1;
    const paymentCode = `13${crypto.randomInt(0, 1e9).toString().padStart(9, '0')}${String(sequence % 1e7).padStart(7, '0')}`;
    const openid = openids[sequence % openids.length];
    running.simulators!.payments.wechatPay.script(paymentCode, { kind: 'success', openid });
    const body = JSON.stringify({
      checkoutId: `B${sequence}`,
      amountFen: 12_800,
      items: [{ sku: 'BENCH', fen: 12_800 }],
      tender: 'payment-code',
      paymentCode,
      occurredAt: new Date().toISOString(),
    });
    const headers = {
      ...deviceHeaders(till.deviceId, till.secret, 'POST', CHECKOUT_PATH, body),
      'Content-Type': 'application/json',
      'Idempotency-Key': `bench-${sequence}`,
    };
    return { headers, body };
  };

  const target = { url: `${running.url}${CHECKOUT_PATH}`, stop, nextRequest };
  targets.set(target.url, target);
  return target;
}

/** The bench's own config: simulators on (in-process WeChat Pay), short poll intervals. */
function checkoutBenchConfig(database: ScratchDatabase) {
  const keys = { current: 1, keys: { '1': crypto.randomBytes(32).toString('base64') } };
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    DATA_DIR: database.dataDir,
    MASTER_KEYS: JSON.stringify(keys),
    LOG_LEVEL: 'silent',
    PORT: '0',
    SIMULATORS: 'on',
    WECHAT_PAY_POLL_MS: '50',
    WECHAT_PAY_DEADLINE_MS: '2000',
    ALIPAY_POLL_MS: '50',
    ALIPAY_DEADLINE_MS: '2000',
  });
}

/** autocannon at a fixed overall rate; every request is a new, freshly signed sale. */
async function measureCheckouts(url: string, options: LoadOptions): Promise<Measurement> {
  const target = targets.get(url);
  if (!target) throw new Error('no checkout target at this URL');
  const load = (duration: number) =>
    autocannon({
      url,
      connections: options.connections,
      overallRate: CHECKOUTS_PER_SECOND,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => ({ ...request, ...target.nextRequest() }),
        },
      ],
    });
  await load(WARM_UP_SECONDS);
  const result = await load(options.seconds);
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}

/** Members who logged in with WeChat and agreed to membership and transaction linking. */
async function createLinkedMembers(services: Services, count: number): Promise<string[]> {
  const notice = await services.consents.currentNotice();
  const openids: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const openid = `oBench${String(index).padStart(22, '0')}`;
    await services.vault.createMember({
      identifiers: [{ kind: 'wechat_openid', value: openid }],
      withinCreation: (stores, created) =>
        services.consents.recordChoices(
          stores.core,
          created.pseudonym as string,
          { membership: true, transaction_linking: true },
          notice.version,
          'weapp',
        ),
    });
    openids.push(openid);
  }
  return openids;
}
