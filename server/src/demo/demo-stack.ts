import fs from 'node:fs';
import path from 'node:path';
import type { RunningServer } from '../server';
import {
  freeLoopbackPort,
  launchAdapter,
  type AdapterName,
  type AdapterProcess,
} from './adapter-processes';
import { demoCredentialsFile, setUpDemoDay, type DemoDayCredentials } from './demo-day-setup';
import { startPaymentScriptControl, type PaymentScriptControl } from './payment-script-control';

/**
 * Where each part of a running development stack answers. Written to `<dataDir>/stack.json`
 * so `npm run demo` finds a running stack; it names the credentials file, it does not hold it.
 */
export interface StackAddresses {
  api: string;
  h5: string;
  kiosk: string;
  database: string;
  dataDir: string;
  credentialsFile: string;
  simulators: { wechat: string; sms: string; wechatPay: string; alipay: string };
  paymentScripts: string;
  tillApi: string;
  camera: string;
  cameras: { entry: string; exit: string };
  gateCodes: { entry: string; exit: string };
  logs: { posAdapter: string; parkingAdapter: string };
  pid: number;
}

export interface DemoStack {
  addresses: StackAddresses;
  credentials: DemoDayCredentials;
  stop(): Promise<void>;
}

export function stackFile(dataDir: string): string {
  return path.join(dataDir, 'stack.json');
}

/**
 * Development only (the server runs its simulators): the demo day's set-up, the payment script
 * control, and both adapters as child processes pointed at this server. `onChildExit` hears of
 * an adapter that dies on its own.
 */
export async function startDemoStack(
  running: RunningServer,
  onChildExit: (name: AdapterName, code: number | null) => void,
): Promise<DemoStack> {
  const simulators = running.simulators;
  if (!simulators) throw new Error('the demo stack needs the simulators (not in production)');
  const { dataDir } = running.services.config;
  const credentials = await setUpDemoDay(running);
  const control = await startPaymentScriptControl(simulators.payments);
  const children: AdapterProcess[] = [];
  const stop = async () => {
    fs.rmSync(stackFile(dataDir), { force: true });
    for (const child of children.reverse()) await child.stop();
    await control.stop();
  };

  try {
    children.push(await startPosAdapter(running, credentials, onChildExit));
    children.push(await startParkingAdapter(running, credentials, onChildExit));
  } catch (error) {
    await stop();
    throw error;
  }
  const addresses = describeStack(running, credentials, control, children);
  fs.writeFileSync(stackFile(dataDir), JSON.stringify(addresses, null, 2), { mode: 0o600 });
  return { addresses, credentials, stop };
}

async function startPosAdapter(
  running: RunningServer,
  credentials: DemoDayCredentials,
  onChildExit: (name: AdapterName, code: number | null) => void,
): Promise<AdapterProcess> {
  const { dataDir } = running.services.config;
  const secretFile = path.join(dataDir, 'pos-device-secret.txt');
  fs.writeFileSync(secretFile, credentials.posDevice.secret, { mode: 0o600 });
  fs.chmodSync(secretFile, 0o600);
  const port = await freeLoopbackPort();
  const settings = {
    serverUrl: running.url,
    deviceId: credentials.posDevice.deviceId,
    deviceSecretFile: secretFile,
    storeId: 'S01',
    port,
    outboxFile: path.join(dataDir, 'pos-adapter.sqlite'),
    logLevel: 'info',
  };
  const launch = { name: 'pos-adapter' as const, settings, dataDir, onUnexpectedExit: onChildExit };
  return launchAdapter(launch, `http://127.0.0.1:${port}`, '/status');
}

async function startParkingAdapter(
  running: RunningServer,
  credentials: DemoDayCredentials,
  onChildExit: (name: AdapterName, code: number | null) => void,
): Promise<AdapterProcess> {
  const { dataDir } = running.services.config;
  const port = await freeLoopbackPort();
  const settings = {
    serverUrl: running.url,
    deviceId: credentials.parkingDevice.deviceId,
    deviceSecret: credentials.parkingDevice.secret,
    host: '127.0.0.1',
    port,
    dataFile: path.join(dataDir, 'parking-adapter.sqlite'),
    commandPollMs: 250,
    logLevel: 'info',
  };
  const launch = {
    name: 'parking-adapter' as const,
    settings,
    dataDir,
    onUnexpectedExit: onChildExit,
  };
  return launchAdapter(launch, `http://127.0.0.1:${port}`, '/healthz');
}

function describeStack(
  running: RunningServer,
  credentials: DemoDayCredentials,
  control: PaymentScriptControl,
  children: AdapterProcess[],
): StackAddresses {
  const simulators = running.simulators!;
  const [pos, parking] = children as [AdapterProcess, AdapterProcess];
  const { config } = running.services;
  return {
    api: running.url,
    h5: `${running.url}/h5/`,
    kiosk: `${running.url}/parking/kiosk`,
    database: config.databaseUrl.split(':')[0]!,
    dataDir: config.dataDir,
    credentialsFile: demoCredentialsFile(config.dataDir),
    simulators: {
      wechat: simulators.wechat.url,
      sms: simulators.sms.url,
      wechatPay: simulators.payments.wechatPay.url,
      alipay: simulators.payments.alipay.url,
    },
    paymentScripts: control.url,
    tillApi: pos.url,
    camera: parking.url,
    cameras: credentials.cameras,
    gateCodes: { entry: credentials.lot.entryGateCode, exit: credentials.lot.exitGateCode },
    logs: { posAdapter: pos.logFile, parkingAdapter: parking.logFile },
    pid: process.pid,
  };
}
