import type Router from '@koa/router';
import type { Middleware } from 'koa';
import QRCode from 'qrcode';
import { z } from 'zod';
import { encodeScene, TOKEN_SCENE_KEYS, type TokenKind } from '@memberkit/shared';
import type { AppContext } from '../platform/http/koa-types';
import { parseInput } from '../platform/http/validate';

/** The mini-program page each kind of code opens (also the H5 hash route). */
export const QR_PAGES: Readonly<Record<TokenKind, string>> = {
  campaign: 'pages/campaign/index',
  survey: 'pages/survey/index',
  guide: 'pages/scan/index',
  desk: 'pages/scan/index',
};

export type QrForm = 'url' | 'scene';

export interface QrTargets {
  token: string;
  /** For getwxacodeunlimit: `c=<token>` (WeChat: at most 32 characters of its set). */
  scene: string;
  /** The H5 page, for a plain QR code any phone camera opens. */
  url: string;
  page: string;
}

/** What a QR code may hold for a token: nothing but the token, in a scene or an H5 URL. */
export function qrTargets(kind: TokenKind, token: string, origin: string): QrTargets {
  const key = TOKEN_SCENE_KEYS[kind];
  return {
    token,
    scene: encodeScene({ [key]: token }),
    url: `${origin}/h5/#/${QR_PAGES[kind]}?${key}=${token}`,
    page: QR_PAGES[kind],
  };
}

// Error correction M survives a creased or partly covered counter card; margin 2 modules keeps
// the quiet zone scanners need.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const;

export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { ...QR_OPTIONS, type: 'png', width: 480 });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...QR_OPTIONS, type: 'svg' });
}

const QrQuerySchema = z.object({
  form: z.enum(['url', 'scene']).default('url'),
  store: z
    .string()
    .regex(/^[A-Za-z0-9-]{1,16}$/)
    .optional(),
});

export type QrQuery = z.output<typeof QrQuerySchema>;

/**
 * GET <path>.png and <path>.svg for staff to print. Binary answers, so these sit on the plain
 * router rather than ApiRouter (which answers JSON); guards run first, as on every route.
 */
export function registerQrImageRoutes(
  router: Router,
  path: string,
  guards: Middleware[],
  resolve: (ctx: AppContext, query: QrQuery) => Promise<QrTargets>,
): void {
  for (const format of ['png', 'svg'] as const) {
    router.get(`${path}.${format}`, ...guards, async (ctx) => {
      const appCtx = ctx as AppContext;
      const query = parseInput(QrQuerySchema, ctx.query);
      const targets = await resolve(appCtx, query);
      const text = query.form === 'scene' ? targets.scene : targets.url;
      ctx.set('Cache-Control', 'no-store');
      ctx.type = format === 'png' ? 'image/png' : 'image/svg+xml';
      ctx.body = format === 'png' ? await qrPng(text) : await qrSvg(text);
    });
  }
}

/**
 * Where the H5 pages are served, for the URL a QR code holds. Koa 3's `ctx.origin` is the
 * request's Origin header (null on a plain GET, or whatever a client sends), so it must not be
 * used. TODO(#4): take a configured public base URL once config.ts has one; until then this is
 * the host staff reached the server on, over the protocol Koa sees (proxy: false).
 */
export function publicOrigin(ctx: { protocol: string; host: string }): string {
  return `${ctx.protocol}://${ctx.host}`;
}
