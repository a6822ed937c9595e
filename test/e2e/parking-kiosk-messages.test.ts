import type { Browser, Page } from 'playwright-core';
import { KIOSK_ERROR_MESSAGES } from '../../server/src/parking/kiosk/kiosk-messages';
import type { RunningServer } from '../../server/src/server';
import { setUpLot, type ParkingRig } from '../../server/test/parking/parking-kit';
import { sendJson } from '../../server/test/support/http-client';
import { bearer } from '../../server/test/support/member-flows';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testServer } from '../../server/test/support/test-services';
import { launchChromium, withMobilePage } from './support/browser';

/**
 * The pay kiosk is a Chinese screen in a public place (C-4.2.2.6): the server's English error
 * messages are for staff and logs, so the page says a Chinese one for each code, or for the
 * status when a code is not listed, and never the server's text.
 */
describeEachDatabase('the pay kiosk page speaks Chinese on errors (C-4.2.2.6)', (database) => {
  let server: RunningServer;
  let rig: ParkingRig;
  let browser: Browser;

  beforeAll(async () => {
    server = await testServer(database().url);
    rig = await setUpLot(server);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const withPage = (work: (page: Page) => Promise<void>) => withMobilePage(browser, work);

  async function pairingCode(): Promise<string> {
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/parking/kiosks',
      { lotId: rig.lotId, name: 'messages kiosk' },
      bearer(rig.staffToken),
    );
    return created.body.pairingCode as string;
  }

  async function pair(page: Page, code: string) {
    await page.goto(`${server.url}/parking/kiosk`);
    await page.locator('#pairing-code').fill(code);
    await page.locator('#pair').tap();
  }

  const message = (page: Page) => page.locator('#message').textContent();

  it('says the pairing code is wrong in Chinese (PARKING_PAIRING_CODE_INVALID)', async () => {
    await withPage(async (page) => {
      await pair(page, 'WRONG-CODE');

      await page.locator('#message', { hasText: '配对码' }).waitFor();
      expect(await message(page)).toBe(KIOSK_ERROR_MESSAGES.PARKING_PAIRING_CODE_INVALID);
    });
  }, 60_000);

  it('says the plate 粤B1234 is not valid in Chinese (PLATE_INVALID)', async () => {
    const code = await pairingCode();

    await withPage(async (page) => {
      await pair(page, code);
      await page.locator('#plate').fill('粤B1234');
      await page.locator('#quote').tap();

      await page.locator('#message', { hasText: '车牌号' }).waitFor();
      expect(await message(page)).toBe(KIOSK_ERROR_MESSAGES.PLATE_INVALID);
    });
  }, 60_000);

  it.each([
    [409, '操作冲突，请重新查询后再试'],
    [422, '输入有误，请检查后重试'],
    [503, '系统繁忙，请稍后再试'],
  ])(
    'falls back to a Chinese message by status %p for a code it does not know',
    async (status, expected) => {
      const code = await pairingCode();

      await withPage(async (page) => {
        await pair(page, code);
        // A code newer than this page (a server upgraded first): only the status is known.
        await page.route('**/v1/parking/kiosk/quote', (route) =>
          route.fulfill({
            status,
            contentType: 'application/json',
            body: JSON.stringify({ error: { code: 'A_NEWER_CODE', message: 'English text' } }),
          }),
        );
        await page.locator('#plate').fill('粤B12345');
        await page.locator('#quote').tap();

        await page.locator('#message', { hasText: expected }).waitFor();
        expect(await message(page)).not.toContain('English');
      });
    },
    60_000,
  );

  it('says the network failed in Chinese when the server cannot be reached', async () => {
    const code = await pairingCode();

    await withPage(async (page) => {
      await pair(page, code);
      await page.route('**/v1/parking/kiosk/quote', (route) => route.abort('connectionrefused'));
      await page.locator('#plate').fill('粤B12345');
      await page.locator('#quote').tap();

      await page.locator('#message', { hasText: KIOSK_ERROR_MESSAGES.NETWORK_ERROR }).waitFor();
    });
  }, 60_000);
});
