import { SmsGatewayModel, type SmsLimits } from './sms-gateway-model';
import {
  startSimulatorServer,
  type SimulatorAnswer,
  type SimulatorRequest,
} from './simulator-http';

export { GENEROUS_LIMITS, REAL_GATEWAY_LIMITS, type SmsLimits } from './sms-gateway-model';

export interface SmsSimulatorOptions {
  accessKeyId: string;
  accessKeySecret: string;
  port?: number;
  /** Per-number limits; generous unless given (REAL_GATEWAY_LIMITS for the real ones). */
  limits?: Partial<SmsLimits>;
  /** Milliseconds since the epoch; lets a test move time for limits and stale timestamps. */
  now?: () => number;
}

export interface SmsSimulator {
  url: string;
  stop(): Promise<void>;
  lastCodeFor(phone: string): string | undefined;
  sentCount(phone: string): number;
}

/**
 * A local Alibaba Cloud SendSms endpoint for tests and dev mode (design.md "How the parts
 * talk"): checks every signature the way the gateway does and answers with its codes. Dev mode
 * and browser tests read the code a shopper would have received from GET /__sim/last-code.
 */
export async function startSmsSimulator(options: SmsSimulatorOptions): Promise<SmsSimulator> {
  const model = new SmsGatewayModel(options);
  const server = await startSimulatorServer((request) => route(model, request), options.port);
  return {
    url: server.url,
    stop: server.stop,
    lastCodeFor: (phone) => model.lastCodeFor(phone),
    sentCount: (phone) => model.sentCount(phone),
  };
}

function route(model: SmsGatewayModel, request: SimulatorRequest): SimulatorAnswer {
  if (request.url.pathname === '/__sim/last-code') {
    const code = model.lastCodeFor(request.url.searchParams.get('phone') ?? '');
    return code ? { status: 200, body: { code } } : { status: 404, body: { Code: 'NotFound' } };
  }
  if (request.url.pathname !== '/' || !['GET', 'POST'].includes(request.method))
    return { status: 404, body: { Code: 'InvalidAction.NotFound' } };

  return model.handleRpc(request.method, rpcParams(request));
}

/** The RPC style takes parameters from the query string, and for POST from a form body too. */
function rpcParams(request: SimulatorRequest): Record<string, string> {
  const params = Object.fromEntries(request.url.searchParams);
  const isForm = String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded');
  if (request.method === 'POST' && isForm)
    Object.assign(params, Object.fromEntries(new URLSearchParams(request.body)));
  return params;
}
