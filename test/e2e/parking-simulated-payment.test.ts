import type { Browser, Page } from 'playwright-core';
import type { RunningAdapter } from '../../parking-adapter/src/parking-adapter';
import { platePush, push, unixNow } from '../../parking-adapter/test/support/camera';
import { attachDevWechatPay } from '../../server/src/dev/dev-payments';
import type { RunningServer } from '../../server/src/server';
import {
  ENTRY_CAMERA,
  EXIT_CAMERA,
  randomPlate,
  setUpLot,
  type ParkingRig,
} from '../../server/test/parking/parking-kit';
import { sendJson } from '../../server/test/support/http-client';
import { bearer } from '../../server/test/support/member-flows';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { testServer } from '../../server/test/support/test-services';
import { launchChromium, withMobilePage } from './support/browser';
import { startGateAdapter, type GateAdapter } from './support/gate-adapter';
import { H5Driver } from './support/h5-driver';
import { fillSignupForm, openSignupThroughNotice, submitSignup } from './support/member-journeys';
import { BUILD_TIMEOUT_MS, ensureMiniprogramBuild } from './support/miniprogram-build';

const SIMULATED_PAYMENT_LABEL = '模拟支付（开发环境）';

let plateIds = 95_000;
const nextId = () => (plateIds += 1);
const minutesAgo = (minutes: number) => unixNow(-minutes * 60);

async function waitFor(condition: () => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * `npm start` in a browser (C-4.2.2.6): no WeChat to confirm a payment, so the development
 * server offers a simulated one. The WeChat Pay simulator pays and notifies the server, and
 * the barrier opens for the car as it would after a real payment.
 */
describeEachDatabase(
  'parking paid with the simulated payment in a browser (development, C-4.2.2.6)',
  (database) => {
    let server: RunningServer;
    let rig: ParkingRig;
    let adapter: RunningAdapter;
    let browser: Browser;
    let gate: GateAdapter;

    beforeAll(async () => {
      const h5Dir = await ensureMiniprogramBuild('h5');
      server = await testServer(database().url, { H5_DIR: h5Dir });
      rig = await setUpLot(server);
      await attachDevWechatPay(server);
      gate = await startGateAdapter(server.url, rig.adapter);
      adapter = gate.adapter;
      browser = await launchChromium();
    }, BUILD_TIMEOUT_MS);

    afterAll(async () => {
      await browser?.close();
      await gate?.stop();
      await server?.stop();
    });

    const withPage = <T>(work: (page: Page) => Promise<T>) => withMobilePage(browser, work);

    const enterLot = (plate: string) =>
      push(
        adapter.url,
        platePush({ serial: ENTRY_CAMERA, plate, plateid: nextId(), sec: minutesAgo(50) }),
      );
    const leaveLot = (plate: string) =>
      push(
        adapter.url,
        platePush({ serial: EXIT_CAMERA, plate, plateid: nextId(), sec: minutesAgo(0) }),
      );

    it('a member reaches parking from the account page, pays with the simulated payment, and the exit opens', async () => {
      const plate = randomPlate();
      await withPage(async (page) => {
        const driver = new H5Driver(page, server.url);
        await driver.open();
        await openSignupThroughNotice(driver);
        await fillSignupForm(driver, { name: '吴模拟', on: ['membership', 'parking'] });
        await submitSignup(driver, '/pages/phone-binding/index');
        await driver.tap('phone-skip');
        await driver.waitForRoute('/pages/account/index');
        await driver.tap('account-parking');
        await driver.waitForRoute('/pages/parking/index');

        await driver.fill('parking-plate-input', plate);
        await driver.tap('parking-plate-add');
        await page.locator('#parking-plate-0', { hasText: plate }).waitFor();
        expect((await enterLot(plate)).reply.info).toBe('ok');
        await waitFor(() => adapter.status().backlog === 0);

        await driver.open('/pages/parking/index');
        await page.locator('#parking-fee-0', { hasText: '应付 6 元' }).waitFor();
        await driver.tap('parking-pay-0');
        await page.locator('#parking-waiting').waitFor();
        const simulate = driver.byId('parking-simulate-pay');
        await expect(simulate.textContent()).resolves.toContain(SIMULATED_PAYMENT_LABEL);
        await simulate.tap();
        await page.locator('#parking-paid', { hasText: '支付成功' }).waitFor();
      });

      const exit = await leaveLot(plate);
      expect(exit.reply.info).toBe('ok');
    }, 180_000);

    it('a shopper at the kiosk page pays with the simulated payment, and the exit opens', async () => {
      const plate = randomPlate();
      await enterLot(plate);
      await waitFor(() => adapter.status().backlog === 0);
      const kiosk = await sendJson(
        server.url,
        'POST',
        '/v1/admin/parking/kiosks',
        { lotId: rig.lotId, name: 'simulated payment kiosk' },
        bearer(rig.staffToken),
      );

      await withPage(async (page) => {
        await page.goto(`${server.url}/parking/kiosk`);
        await page.locator('#pairing-code').fill(kiosk.body.pairingCode);
        await page.locator('#pair').tap();
        await page.locator('#plate').fill(plate);
        await page.locator('#quote').tap();
        await page.locator('#fee', { hasText: '停车费 6 元' }).waitFor();
        await expect(page.locator('#simulate-pay').isVisible()).resolves.toBe(false);
        await page.locator('#pay').tap();
        await page.locator('#qr svg').waitFor();
        await page.locator('#simulate-pay', { hasText: SIMULATED_PAYMENT_LABEL }).tap();
        await page.locator('#fee', { hasText: '支付成功' }).waitFor();
      });

      const exit = await leaveLot(plate);
      expect(exit.reply.info).toBe('ok');
    }, 120_000);
  },
);
