import type http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { readBody, sendText, stopServer } from './simulator-http';
import { createSimulatorCertificates, type PemPair } from './wechat-pay-certificates';
import {
  WechatPayModel,
  type ModelAnswer,
  type SimulatedOrder,
  type SimulatedRefund,
  type WechatPayApiName,
  type WechatPayCall,
  type WechatPayScenario,
} from './wechat-pay-model';
import type { SimulatedSignType } from './wechat-pay-wire';

export type {
  SimulatedOrder as WechatPaySimulatedOrder,
  SimulatedRefund as WechatPaySimulatedRefund,
  WechatPayApiName,
  WechatPayCall,
  WechatPayScenario,
} from './wechat-pay-model';

export interface WechatPaySimulatorOptions {
  appId: string;
  mchId: string;
  apiKey: string;
  /** When given, a request signed with the other sign type is refused (签名错误). */
  signType?: SimulatedSignType;
  port?: number;
  now?: () => number;
}

export interface WechatPaySimulator {
  /** An https:// URL; trust `caCertificate` to reach it. */
  url: string;
  /** The simulator's own CA: the client's tlsCa. */
  caCertificate: string;
  /** The merchant's API client certificate (CN = mch_id), as the merchant platform issues it. */
  clientCertificate: PemPair;
  /** A certificate from the same CA for another name: a wrong merchant's certificate. */
  issueClientCertificate(commonName: string): PemPair;
  stop(): Promise<void>;
  /** How the shopper holding this payment code behaves; unscripted codes pay at once. */
  script(authCode: string, scenario: WechatPayScenario): void;
  orders(): SimulatedOrder[];
  refunds(): SimulatedRefund[];
  /** Every accepted call in order, with its out_trade_no. */
  calls(): WechatPayCall[];
  /** The next `times` answers of that API carry a wrong signature. */
  forgeSignatures(api: WechatPayApiName, times?: number): void;
  /** The shopper pays a JSAPI or NATIVE order; answers the notification XML WeChat would POST. */
  completePrepaidOrder(outTradeNo: string, options?: { openid?: string }): string;
}

const ROUTES: Record<string, WechatPayApiName> = {
  '/pay/micropay': 'micropay',
  '/pay/orderquery': 'orderquery',
  '/pay/unifiedorder': 'unifiedorder',
  '/secapi/pay/reverse': 'reverse',
  '/secapi/pay/refund': 'refund',
};
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * A local WeChat Pay API v2 (design.md "How the parts talk"), over HTTPS like the real one so
 * that the /secapi/ paths can demand the merchant's client certificate (mutual TLS). The
 * answers to a missing or foreign certificate are those of the real front end (nginx).
 */
export async function startWechatPaySimulator(
  options: WechatPaySimulatorOptions,
): Promise<WechatPaySimulator> {
  const model = new WechatPayModel(options);
  const certificates = createSimulatorCertificates(options.mchId);
  const server = https.createServer(
    {
      ...certificates.server,
      ca: [certificates.ca.cert],
      // Asked on every connection, checked per path: only /secapi/ requires it.
      requestCert: true,
      rejectUnauthorized: false,
    },
    (req, res) => void answer(model, options.mchId, req, res),
  );
  await listen(server, options.port ?? 0);

  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caCertificate: certificates.ca.cert,
    clientCertificate: certificates.merchant,
    issueClientCertificate: (commonName) => certificates.issueClient(commonName),
    stop: () => stopServer(server),
    script: (authCode, scenario) => model.script(authCode, scenario),
    orders: () => model.orders(),
    refunds: () => model.refunds(),
    calls: () => model.calls(),
    forgeSignatures: (api, times) => model.forgeSignatures(api, times),
    completePrepaidOrder: (outTradeNo, extra) =>
      model.completePrepaidOrder(outTradeNo, extra?.openid),
  };
}

async function answer(
  model: WechatPayModel,
  mchId: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const path = new URL(req.url ?? '/', 'https://127.0.0.1').pathname;
  const api = ROUTES[path];
  if (!api || req.method !== 'POST') return sendText(res, 404, 'text/html', '404 Not Found');

  const certificateProblem = path.startsWith('/secapi/') ? checkCertificate(req, mchId) : undefined;
  if (certificateProblem) return sendText(res, 400, 'text/html', certificateProblem);

  const body = await readBody(req, BODY_LIMIT_BYTES).catch(() => undefined);
  if (body === undefined) return;
  deliver(req, res, model.handle(api, body));
}

/** nginx's answers when ssl_verify_client is on: no certificate, or one it cannot verify. */
function checkCertificate(req: http.IncomingMessage, mchId: string): string | undefined {
  const socket = req.socket as TLSSocket;
  const peer = socket.getPeerCertificate();
  if (!peer || !peer.subject) return '400 No required SSL certificate was sent';
  if (!socket.authorized || peer.subject.CN !== mchId) return '400 The SSL certificate error';
  return undefined;
}

function deliver(req: http.IncomingMessage, res: http.ServerResponse, reply: ModelAnswer): void {
  // hang: answer never, until the client gives up or the simulator stops.
  if (reply.kind === 'hang') return;
  if (reply.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  sendText(res, 200, 'text/xml; charset=utf-8', reply.text);
}

function listen(server: https.Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
}
