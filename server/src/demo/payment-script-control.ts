import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PaymentSimulators } from '../checkout/payment-clients';
import type { AlipayScenario, WechatPayScenario } from '../../simulators';

/** What `npm run demo` may ask of the payment simulators: how one payment code's payer acts. */
export type ScriptRequest =
  | { provider: 'wechat'; code: string; scenario: WechatPayScenario }
  | { provider: 'alipay'; code: string; scenario: AlipayScenario };

export interface PaymentScriptControl {
  url: string;
  stop(): Promise<void>;
}

const CODE = /^\d{16,24}$/;

/**
 * Development only, on 127.0.0.1: the simulators run inside the server process, so a demo in
 * another process scripts a shopper's behaviour (USERPAYING, SYSTEMERROR, who pays) here, the
 * way tests call `script()` in-process. It never exists where the real providers are used.
 */
export async function startPaymentScriptControl(
  simulators: PaymentSimulators,
): Promise<PaymentScriptControl> {
  const server = http.createServer((request, response) => {
    void readScript(request)
      .then((script) => {
        if (script.provider === 'wechat') simulators.wechatPay.script(script.code, script.scenario);
        else simulators.alipay.script(script.code, script.scenario);
        reply(response, 200, { scripted: true });
      })
      .catch(() => reply(response, 400, { error: { code: 'VALIDATION_FAILED' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function readScript(request: http.IncomingMessage): Promise<ScriptRequest> {
  return new Promise((resolve, reject) => {
    if (request.method !== 'POST' || request.url !== '/script') return reject(new Error('route'));
    let text = '';
    request.on('data', (chunk: Buffer) => (text += String(chunk)));
    request.on('error', reject);
    request.on('end', () => {
      try {
        const script = JSON.parse(text) as ScriptRequest;
        const known = script.provider === 'wechat' || script.provider === 'alipay';
        if (!known || !CODE.test(script.code) || typeof script.scenario?.kind !== 'string')
          return reject(new Error('script'));
        resolve(script);
      } catch (error) {
        reject(error as Error);
      }
    });
  });
}

function reply(response: http.ServerResponse, status: number, body: object): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
}
