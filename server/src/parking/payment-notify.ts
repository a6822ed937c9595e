import type { Context, Middleware } from 'koa';
import compose from 'koa-compose';
import { AppError } from '@memberkit/shared';
import {
  WECHAT_PAY_NOTIFY_SUCCESS_ANSWER,
  wechatPayNotifyFailAnswer,
} from '../integrations/wechat-pay/wechat-pay-notification';
import type { Logger } from '../platform/logger';
import { errorMiddleware } from '../platform/http/error-middleware';
import { requestContext } from '../platform/http/request-context';
import type { ParkingPayments } from './payment-service';

export const PARKING_NOTIFY_PATH = '/v1/parking/payments/wechat/notify';

const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * WeChat Pay POSTs the payment result as XML to notify_url. The app's JSON body parser refuses
 * XML (json-body.ts: "routes that speak another wire format mount their own parser outside
 * this one"), so this runs before it and answers only that one path, through the same request
 * context and error middleware as every route: a request id, and one log line per refusal with
 * its code and reason. A notification that cannot be verified or applied is answered with
 * WeChat's FAIL XML, so WeChat sends it again later.
 */
export function parkingNotifyMiddleware(payments: ParkingPayments, log: Logger): Middleware {
  const notify = compose([
    requestContext(log),
    errorMiddleware({ answer: answerFail }),
    applyNotification(payments),
  ]);
  return async (ctx, next) => {
    if (ctx.method !== 'POST' || ctx.path !== PARKING_NOTIFY_PATH) return next();
    await notify(ctx, async () => undefined);
  };
}

function applyNotification(payments: ParkingPayments): Middleware {
  return async (ctx) => {
    ctx.state.routePath = PARKING_NOTIFY_PATH;
    await payments.notify(await readText(ctx.req));
    ctx.type = 'text/xml';
    ctx.body = WECHAT_PAY_NOTIFY_SUCCESS_ANSWER;
  };
}

/**
 * WeChat reads only the XML: HTTP 200 with return_code FAIL asks it to send the notification
 * again. The message names the code, never a reason that would help a forger.
 */
function answerFail(ctx: Context, error: AppError): void {
  ctx.status = 200;
  ctx.type = 'text/xml';
  ctx.body = wechatPayNotifyFailAnswer(error.status < 500 ? error.code : 'INTERNAL');
}

function readText(stream: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) reject(new AppError('BODY_TOO_LARGE'));
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    stream.on('error', reject);
  });
}
