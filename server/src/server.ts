import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startSmsSimulator,
  startWechatSimulator,
  type SmsSimulator,
  type WechatSimulator,
} from '../simulators';
import { createApp } from './app';
import { startPaymentSimulators, type PaymentSimulators } from './checkout/payment-clients';
import type { DevWechatPay } from './dev/dev-payments';
import { createServices, type Services } from './container';
import { SIMULATOR_CREDENTIALS, simulatorEndpoints } from './integrations/integration-endpoints';
import type { Config } from './platform/config';
import { answerUnparsableRequests } from './platform/http/client-error-answer';
import type { Logger } from './platform/logger';

export interface Simulators {
  wechat: WechatSimulator;
  sms: SmsSimulator;
  /** WeChat Pay and Alipay for till checkouts (issue #6). */
  payments: PaymentSimulators;
  /** Attached by attachDevWechatPay (`memberkit start`, browser tests); simulated payments. */
  wechatPay?: DevWechatPay;
}

export interface RunningServer {
  services: Services;
  server: http.Server;
  url: string;
  /** Present in development and tests, where WeChat and the SMS gateway are simulated. */
  simulators?: Simulators;
  stop(): Promise<void>;
}

/** Migrate, wire the services and listen. Used by `memberkit start`, tests and benchmarks. */
export async function startServer(config: Readonly<Config>, log: Logger): Promise<RunningServer> {
  const simulators = config.simulators ? await startSimulators(config) : undefined;
  const endpoints = simulators
    ? simulatorEndpoints(config, simulators.wechat.url, simulators.sms.url)
    : undefined;
  const services = await createServices(config, log, { endpoints });
  if (simulators) services.checkout.useSimulators(simulators.payments);
  const app = createApp(services, { simulators });
  const server = http.createServer(app.callback());
  answerUnparsableRequests(server, services.log);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  return {
    services,
    server,
    url,
    simulators,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await services.close();
      await simulators?.wechat.stop();
      await simulators?.sms.stop();
      await simulators?.payments.stop();
      await simulators?.wechatPay?.stop();
    },
  };
}

async function startSimulators(config: Readonly<Config>): Promise<Simulators> {
  const wechat = await startWechatSimulator({
    appId: config.wechat.appId,
    appSecret: SIMULATOR_CREDENTIALS.wechatAppSecret,
  });
  const sms = await startSmsSimulator({
    accessKeyId: SIMULATOR_CREDENTIALS.smsAccessKeyId,
    accessKeySecret: SIMULATOR_CREDENTIALS.smsAccessKeySecret,
  });
  return { wechat, sms, payments: await startPaymentSimulators(config) };
}
