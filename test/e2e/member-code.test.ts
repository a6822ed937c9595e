import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { signUpWithWechat } from '../../server/test/support/member-flows';
import type { H5Driver } from './support/h5-driver';
import { useH5App } from './support/h5-suite';
import {
  code128cValues,
  START_C,
  symbolWidths,
} from '../../miniprogram/src/pages/member-code/code128';

/** Start the H5 app afresh as the signed-up shopper, on `route`. */
async function openAsMember(driver: H5Driver, sessionToken: string, route: string) {
  await driver.open();
  await driver.page.evaluate(
    ([key, value]) => localStorage.setItem(key, JSON.stringify({ data: value })),
    ['memberkit.session', sessionToken],
  );
  await driver.page.goto('about:blank');
  await driver.open(route);
}

/** Reads the QR code the page drew, from a screenshot, as a phone camera would. */
async function readQrOnScreen(driver: H5Driver): Promise<string | undefined> {
  const png = PNG.sync.read(await driver.byId('member-code-qr').screenshot());
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
}

/**
 * Reads the barcode the page drew, from a screenshot, the way a scan gun does: one line across
 * the middle, bar and space widths in modules, six widths a symbol.
 */
async function readBarcodeOnScreen(driver: H5Driver): Promise<number[]> {
  const png = PNG.sync.read(await driver.byId('member-code-barcode').screenshot());
  const row = Math.floor(png.height / 2);
  const isDark = (x: number) => png.data[(row * png.width + x) * 4]! < 128;
  const runs: Array<{ dark: boolean; pixels: number }> = [];
  for (let x = 0; x < png.width; x += 1) {
    const last = runs[runs.length - 1];
    if (last && last.dark === isDark(x)) last.pixels += 1;
    else runs.push({ dark: isDark(x), pixels: 1 });
  }
  // From the first bar to the last: the white margins around them are the quiet zone.
  const first = runs.findIndex((run) => run.dark);
  const elements = runs.slice(first, runs.findLastIndex((run) => run.dark) + 1);
  const moduleWidth = elements.reduce((sum, run) => sum + run.pixels, 0) / 134;
  const widths = elements.map((run) => String(Math.round(run.pixels / moduleWidth))).join('');
  const symbols = [...Array.from({ length: 103 }, (_, value) => value), START_C];
  const valueOf = new Map(symbols.map((value) => [symbolWidths(value), value]));
  return Array.from(
    { length: 11 },
    (_, index) => valueOf.get(widths.slice(index * 6, index * 6 + 6)) ?? -1,
  );
}

describeEachDatabase('issue #6 member code page on H5 (Interfaces "Member code")', (database) => {
  const app = useH5App(database);

  it('shows a signed-up member an 18-digit code, 88 and their card number, as barcode and QR, that a till accepts once', async () => {
    const server = app.server();
    const driver = app.driver();
    const { answer, token } = await signUpWithWechat(server, { membership: true });
    const cardNo = answer.body.cardNo as string;

    await openAsMember(driver, token, '/pages/member-code/index');
    await driver.byId('member-code-digits').waitFor();

    const digits = ((await driver.byId('member-code-digits').textContent()) ?? '').replace(
      /\s/g,
      '',
    );
    expect(digits).toMatch(new RegExp(`^88${cardNo}\\d{6}$`));
    // CODE128 set C: start, nine digit pairs, checksum (three bars each) and stop (four bars).
    await expect(
      driver.page.locator('#member-code-barcode .member-code__bar').count(),
    ).resolves.toBe(37);
    await expect(readQrOnScreen(driver)).resolves.toBe(digits);
    await expect(readBarcodeOnScreen(driver)).resolves.toEqual(code128cValues(digits));
    await expect(driver.byId('member-code-single-use').textContent()).resolves.toContain(
      '仅可使用一次',
    );
    await driver.screenshot(`/tmp/e2e-member-code-${database().kind}.png`);

    await expect(server.services.memberCodes.consume(digits, new Date())).resolves.toMatchObject({
      cardNo,
    });
    await expect(server.services.memberCodes.consume(digits, new Date())).rejects.toMatchObject({
      code: 'MEMBER_CODE_REFUSED',
    });
  });

  it('sends a visitor without a session to the login page', async () => {
    const driver = app.driver();

    await driver.open('/pages/member-code/index');

    await driver.waitForRoute('/pages/login/index');
  });
});
