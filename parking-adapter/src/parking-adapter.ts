import type http from 'node:http';
import { Connectivity } from '@memberkit/shared/node';
import { createCameraServer, listen } from './camera-server';
import type { AdapterConfig } from './config';
import { CommandBox } from './gate-commands';
import { GateDecider } from './gate-decider';
import { encodeLedText } from './led-text';
import { LocalStore, type DeadLetter } from './local-store';
import { createAdapterLogger, type Logger } from './logger';
import { OfflineDecisions } from './offline-decisions';
import { OutboxReplayer } from './outbox-replayer';
import { ServerLink, type ServerCommand } from './server-link';

export const ADAPTER_VERSION = '0.1.0';

// Background calls (rules, instructions, checks) are not on a camera's clock.
const BACKGROUND_TIMEOUT_MS = 5000;
const HEALTH_TIMEOUT_MS = 1000;

export interface RunningAdapter {
  /** Where cameras push to. */
  url: string;
  store: LocalStore;
  connectivity: Connectivity;
  /** Resolves once the outbox is empty (or the server stopped answering). */
  settle(): Promise<void>;
  /** Fetch the offline rules now. */
  refreshRules(): Promise<boolean>;
  status(): AdapterStatus;
  stop(): Promise<void>;
}

export interface AdapterStatus {
  serverUp: boolean;
  backlog: number;
  setAside: number;
  /** Events the server refused for good, newest first: kept for staff, never dropped. */
  deadLetters: DeadLetter[];
  replayed: number;
  hasRules: boolean;
}

/** Start the camera server and the background work (rules, instructions, replay, checks). */
export async function startAdapter(
  config: Readonly<AdapterConfig>,
  log: Logger = createAdapterLogger(config.logLevel),
): Promise<RunningAdapter> {
  // Build the LED text table now, not on the first car (it takes tens of milliseconds).
  encodeLedText('粤', config.ledEncoding);
  const store = new LocalStore(config.dataFile, config.deviceSecret);
  const link = new ServerLink(config.serverUrl, config.deviceId, config.deviceSecret);
  const connectivity = new Connectivity();
  const offline = new OfflineDecisions();
  offline.use(store.loadRules());
  // The replayer tells the decider when a car's queued events are through (the decider is
  // made just below; the callback runs only later).
  const replayer = new OutboxReplayer(store, link, connectivity, log, config.retryMs, (event) =>
    decider.forget(event),
  );
  const commands = new CommandBox();
  const decider = new GateDecider({
    store,
    link,
    connectivity,
    offline,
    replayer,
    budgetMs: config.decisionBudgetMs,
    log,
  });
  const status = (): AdapterStatus => ({
    serverUp: connectivity.isUp,
    backlog: store.backlog(),
    setAside: store.setAsideCount(),
    deadLetters: store.deadLetters(),
    replayed: store.counter('replayed'),
    hasRules: offline.hasRules(),
  });

  const refreshRules = async () => {
    const answer = await link.rules(BACKGROUND_TIMEOUT_MS);
    if (answer.kind !== 'answered' || answer.status !== 200) return false;
    store.saveRules(answer.body);
    offline.use(answer.body);
    return true;
  };
  const delivered = (command: ServerCommand) => {
    void link.delivered(command.id, BACKGROUND_TIMEOUT_MS).then((answer) => {
      if (answer.kind !== 'answered') log.warn({ commandId: command.id }, 'delivery not confirmed');
    });
  };

  const server = createCameraServer({
    decider,
    commands,
    replyOptions: {
      serialChannel: config.ledSerialChannel,
      encoding: config.ledEncoding,
      openPulse: config.openPulse,
    },
    cometHoldMs: config.cometHoldMs,
    onDelivered: delivered,
    status,
    log,
  });
  const url = await listen(server, config.host, config.port);
  const timers = startBackground({
    config,
    link,
    store,
    connectivity,
    replayer,
    commands,
    refreshRules,
    log,
  });
  connectivity.onChange((up) => {
    log.info({ up }, up ? 'server reachable again' : 'server unreachable');
    if (up) {
      replayer.kick();
      void refreshRules();
    }
  });
  await refreshRules();
  replayer.kick();
  log.info({ url }, 'parking adapter listening');

  return {
    url,
    store,
    connectivity,
    settle: () => replayer.settle(),
    refreshRules,
    status,
    stop: () => stopAll(server, timers, replayer, commands, store),
  };
}

interface Background {
  config: Readonly<AdapterConfig>;
  link: ServerLink;
  store: LocalStore;
  connectivity: Connectivity;
  replayer: OutboxReplayer;
  commands: CommandBox;
  refreshRules(): Promise<boolean>;
  log: Logger;
}

function startBackground(work: Background): NodeJS.Timeout[] {
  const { config, link, store, connectivity, commands } = work;
  const every = (ms: number, task: () => Promise<unknown>) => {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void task()
        .catch((error: unknown) => work.log.warn({ err: error }, 'background task failed'))
        .finally(() => {
          busy = false;
        });
    }, ms);
    timer.unref();
    return timer;
  };

  return [
    every(config.rulesRefreshMs, async () => connectivity.isUp && work.refreshRules()),
    every(config.commandPollMs, async () => {
      if (!connectivity.isUp) return;
      const answer = await link.commands(BACKGROUND_TIMEOUT_MS);
      if (answer.kind === 'answered' && answer.status === 200) commands.add(answer.body.commands);
    }),
    // While away: check the server; once it answers, replay the outbox.
    every(config.retryMs, async () => {
      if (connectivity.isUp) return;
      if (await link.healthy(HEALTH_TIMEOUT_MS)) connectivity.markUp();
    }),
    every(config.heartbeatMs, async () => {
      if (connectivity.isUp)
        await link.heartbeat(ADAPTER_VERSION, store.backlog(), BACKGROUND_TIMEOUT_MS);
    }),
    every(3600_000, async () =>
      store.forgetSeenBefore(Date.now() - config.dedupeDays * 86_400_000),
    ),
  ];
}

async function stopAll(
  server: http.Server,
  timers: NodeJS.Timeout[],
  replayer: OutboxReplayer,
  commands: CommandBox,
  store: LocalStore,
): Promise<void> {
  for (const timer of timers) clearInterval(timer);
  replayer.stop();
  commands.release();
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  await replayer.settle();
  store.close();
}
