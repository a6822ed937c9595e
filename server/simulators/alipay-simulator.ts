import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  AlipayModel,
  type AlipayCall,
  type AlipayMethodName,
  type AlipayModelAnswer,
} from './alipay-model';
import { readBody, sendText, stopServer } from './simulator-http';
import type { AlipayScenario, SimulatedAlipayRefund, SimulatedTrade } from './alipay-trades';

export type { AlipayCall, AlipayMethodName } from './alipay-model';
export type { AlipayScenario, SimulatedAlipayRefund, SimulatedTrade } from './alipay-trades';

export interface AlipaySimulatorOptions {
  appId: string;
  /** The merchant application's public key: verifies every request (RSA2). */
  merchantPublicKeyPem: string;
  /** Alipay's private key: signs every answer; the client holds the matching public key. */
  alipayPrivateKeyPem: string;
  port?: number;
  now?: () => number;
}

export interface AlipaySimulator {
  /** The gateway URL (…/gateway.do), the client's baseUrl. */
  url: string;
  stop(): Promise<void>;
  /** How the buyer holding this payment code behaves; unscripted codes pay at once. */
  script(authCode: string, scenario: AlipayScenario): void;
  orders(): SimulatedTrade[];
  refunds(): SimulatedAlipayRefund[];
  /** Every accepted call in order, with its out_trade_no. */
  calls(): AlipayCall[];
  /** The next `times` answers of that method carry a signature over other text. */
  forgeSignatures(method: AlipayMethodName, times?: number): void;
}

const GATEWAY_PATH = '/gateway.do';
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * A local Alipay open platform gateway (design.md "How the parts talk"): RSA2 on every
 * request, answers signed over their exact text, and the gateway's codes (40002
 * isv.invalid-signature for a bad signature). Plain HTTP on 127.0.0.1; Alipay needs no
 * client certificate.
 */
export async function startAlipaySimulator(
  options: AlipaySimulatorOptions,
): Promise<AlipaySimulator> {
  const model = new AlipayModel(options);
  const server = http.createServer((req, res) => void answer(model, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });

  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${GATEWAY_PATH}`,
    stop: () => stopServer(server),
    script: (authCode, scenario) => model.script(authCode, scenario),
    orders: () => model.orders(),
    refunds: () => model.refunds(),
    calls: () => model.calls(),
    forgeSignatures: (method, times) => model.forgeSignatures(method, times),
  };
}

async function answer(
  model: AlipayModel,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== GATEWAY_PATH || !['GET', 'POST'].includes(req.method ?? ''))
    return send(res, 404, 'Not Found');

  const body = await readBody(req, BODY_LIMIT_BYTES).catch(() => undefined);
  if (body === undefined) return;
  // Common parameters may come in the query string, the rest in the form body.
  const params = {
    ...Object.fromEntries(url.searchParams),
    ...Object.fromEntries(new URLSearchParams(body)),
  };
  deliver(req, res, model.handle(params));
}

function deliver(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  reply: AlipayModelAnswer,
): void {
  if (reply.kind === 'hang') return;
  if (reply.kind === 'drop') {
    req.socket.destroy();
    return;
  }
  send(res, 200, reply.text);
}

/** The gateway answers JSON as text/html;charset=utf-8. */
function send(res: http.ServerResponse, status: number, text: string): void {
  sendText(res, status, 'text/html;charset=utf-8', text);
}
