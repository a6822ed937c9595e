import type http from 'node:http';
import type { Readable } from 'node:stream';
import { Connectivity } from '@memberkit/shared/node';
import { CheckoutStore, type DeadLetter, type ReplayReport } from './checkout-store';
import type { AdapterConfig } from './config';
import { createAdapterLogger, type Logger } from './logger';
import { OutboxReplayer } from './outbox-replayer';
import { ScanDesk } from './scan-desk';
import { readScans, type ScanSource } from './scan-source';
import { ServerLink } from './server-link';
import { createTillApi, listenOnLoopback } from './till-api';
import { TillCheckouts } from './till-checkout';

export const ADAPTER_VERSION = '0.1.0';

const HEALTH_TIMEOUT_MS = 1000;
// Replays are not on the cashier's clock, but a payment-free sale answers fast.
const REPLAY_TIMEOUT_MS = 15_000;

export interface AdapterStatus {
  serverUp: boolean;
  backlog: number;
  /** Queued checkouts older than the server's 72 h window (design.md "Queued events"). */
  overdue: number;
  deadLetters: DeadLetter[];
  sent: number;
  lastReplay?: ReplayReport;
  scans: { paymentCode: boolean; memberCode: boolean; products: number };
}

export interface RunningAdapter {
  /** The till's local API. */
  url: string;
  store: CheckoutStore;
  connectivity: Connectivity;
  desk: ScanDesk;
  checkouts: TillCheckouts;
  replay(): Promise<ReplayReport>;
  /** Resolves when the current replay run is over. */
  settle(): Promise<void>;
  status(): AdapterStatus;
  /** Read the scan gun from this stream (stdin, a serial device). */
  readScanGun(input: Readable): ScanSource;
  stop(): Promise<void>;
}

/** The local API for the till, the outbox replay and the server check, wired together. */
export async function startAdapter(
  config: Readonly<AdapterConfig>,
  log: Logger = createAdapterLogger(config.logLevel),
): Promise<RunningAdapter> {
  const store = new CheckoutStore(config.outboxFile, config.deviceSecret);
  store.pruneAttempts();
  const link = new ServerLink(config.serverUrl, config.deviceId, config.deviceSecret);
  const connectivity = new Connectivity();
  const desk = new ScanDesk(config.paymentCodeTable);
  const replayer = new OutboxReplayer(store, link, connectivity, log, {
    timeoutMs: REPLAY_TIMEOUT_MS,
    retryMs: config.retryMs,
    maxRetryMs: config.maxRetryMs,
  });
  const checkouts = new TillCheckouts({
    store,
    link,
    connectivity,
    replayer,
    desk,
    table: config.paymentCodeTable,
    storeId: config.storeId,
    checkoutBudgetMs: config.checkoutBudgetMs,
    log,
  });
  const status = () => adapterStatus(store, connectivity, desk);
  const server = createTillApi({
    checkouts,
    desk,
    scanMaxLength: config.scanMaxLength,
    status,
    replay: () => replayer.replay(),
    log,
  });
  const url = await listenOnLoopback(server, config.port);

  connectivity.onChange((up) => {
    log.info({ up }, up ? 'server reachable again' : 'server unreachable');
    if (up) replayer.kick();
  });
  const healthCheck = watchServer(link, connectivity, config.retryMs);
  replayer.kick();
  log.info({ url }, 'pos adapter listening');

  return {
    url,
    store,
    connectivity,
    desk,
    checkouts,
    replay: () => replayer.replay(),
    settle: () => replayer.settle(),
    status,
    readScanGun: (input) => readScanGun(input, desk, config.scanMaxLength, log),
    stop: () => stopAll(server, healthCheck, replayer, store),
  };
}

function adapterStatus(store: CheckoutStore, connectivity: Connectivity, desk: ScanDesk) {
  return {
    serverUp: connectivity.isUp,
    backlog: store.backlog(),
    overdue: store.overdue(),
    deadLetters: store.deadLetters(),
    sent: store.sentCount(),
    lastReplay: store.lastReplay(),
    scans: desk.pending(),
  };
}

/** While the server is away, ask /healthz now and then; its return starts the replay. */
function watchServer(link: ServerLink, connectivity: Connectivity, everyMs: number) {
  let busy = false;
  const timer = setInterval(() => {
    if (busy || connectivity.isUp) return;
    busy = true;
    void link
      .healthy(HEALTH_TIMEOUT_MS)
      .then((healthy) => healthy && connectivity.markUp())
      .finally(() => {
        busy = false;
      });
  }, everyMs);
  timer.unref();
  return timer;
}

/** Scan-gun lines land on the scan desk; a refused code is logged by kind, never by value. */
function readScanGun(input: Readable, desk: ScanDesk, maxLength: number, log: Logger): ScanSource {
  return readScans(input, maxLength, (line) => {
    try {
      const event = desk.accept(line);
      log.info({ scan: event.kind }, 'scan read');
    } catch (error) {
      log.warn({ errorCode: (error as { code?: string }).code }, 'scan refused');
    }
  });
}

async function stopAll(
  server: http.Server,
  healthCheck: NodeJS.Timeout,
  replayer: OutboxReplayer,
  store: CheckoutStore,
): Promise<void> {
  clearInterval(healthCheck);
  replayer.stop();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await replayer.settle();
  store.close();
}
