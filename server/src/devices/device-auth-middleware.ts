import type { Middleware } from 'koa';
import { AppError } from '@memberkit/shared';
import type { AppContext } from '../platform/http/koa-types';
import type { DeviceService } from './device-service';

/**
 * Authenticate a device request from its headers. Runs after the body parser, so the signed
 * body hash covers exactly the bytes that arrived (rawBody), or the empty string.
 */
export function deviceAuth(devices: DeviceService, allowedKinds?: readonly string[]): Middleware {
  return async (ctx, next) => {
    const appCtx = ctx as AppContext;
    const deviceId = ctx.get('X-Device-Id');
    const timestamp = ctx.get('X-Timestamp');
    const nonce = ctx.get('X-Nonce');
    const signature = ctx.get('X-Signature');
    if (!deviceId || !timestamp || !nonce || !signature)
      throw new AppError('DEVICE_HEADERS_MISSING');

    const rawBody = (ctx.request as { rawBody?: string }).rawBody ?? '';
    const device = await devices.authenticate({
      deviceId,
      timestamp,
      nonce,
      signature,
      method: ctx.method,
      pathWithQuery: ctx.originalUrl,
      body: rawBody,
    });
    // Only a device that proved who it is learns this: it exists, but is the wrong kind here
    // (a till posting gate events), which staff fix in the register, not by re-pairing.
    if (allowedKinds && !allowedKinds.includes(device.kind))
      throw new AppError('DEVICE_KIND_FORBIDDEN', {
        details: { kind: device.kind, allowedKinds: [...allowedKinds] },
      });
    appCtx.state.deviceId = device.deviceId;
    appCtx.state.deviceKind = device.kind;
    await next();
  };
}
