import QRCode from 'qrcode';
import type Router from '@koa/router';

/**
 * C-4.2.1.2: the retailer's website shows a "become a member" entry and a QR code that opens the
 * mini-program sign-up. The QR holds only a URL, never personal data.
 */
export function registerSiteRoutes(router: Router): void {
  router.get('/v1/site/signup-qr.svg', async (ctx) => {
    // Not ctx.origin: in Koa 3 that is the request's Origin header, which the client chooses.
    const target = `${ctx.protocol}://${ctx.host}/h5/#/pages/signup/index?from=website`;
    ctx.type = 'image/svg+xml';
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  });

  router.get('/', (ctx) => ctx.redirect('/h5/'));
}
