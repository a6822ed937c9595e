import type { Middleware } from 'koa';
import type { Logger } from '../platform/logger';
import type { ParkingPayments } from './payment-service';

export const PARKING_NOTIFY_PATH = '/v1/parking/payments/wechat/notify';

const BODY_LIMIT_BYTES = 64 * 1024;

// protocols/wechat-pay-micropay.md: the answer WeChat Pay expects once applied (or seen before).
const SUCCESS_ANSWER =
  '<xml><return_code><![CDATA[SUCCESS]]></return_code><return_msg><![CDATA[OK]]></return_msg></xml>';
const FAIL_ANSWER =
  '<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[ERROR]]></return_msg></xml>';

/**
 * WeChat Pay POSTs the payment result as XML to notify_url. The app's JSON body parser refuses
 * XML (json-body.ts: "routes that speak another wire format mount their own parser outside
 * this one"), so this runs before it and answers only that one path. A notification that
 * cannot be verified or applied is answered FAIL, so WeChat sends it again later.
 */
export function parkingNotifyMiddleware(payments: ParkingPayments, log: Logger): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== PARKING_NOTIFY_PATH) return next();

    ctx.type = 'text/xml';
    try {
      await payments.notify(await readText(ctx.req));
      ctx.body = SUCCESS_ANSWER;
    } catch (error) {
      log.warn({ err: error }, 'parking payment notification refused');
      ctx.body = FAIL_ANSWER;
    }
  };
}

function readText(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) reject(new Error('notification too large'));
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
