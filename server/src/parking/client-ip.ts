import type { AppContext } from '../platform/http/koa-types';

/** The caller's IPv4 address for spbill_create_ip; IPv6 callers are sent as the loopback. */
export function clientIpOf(ctx: AppContext): string {
  const ip = String(ctx.ip ?? '').replace(/^::ffff:/, '');
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(ip) ? ip : '127.0.0.1';
}
