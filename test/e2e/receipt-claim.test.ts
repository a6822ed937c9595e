import crypto from 'node:crypto';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { sendSigned } from '../../server/test/support/http-client';
import { signUpWithWechat } from '../../server/test/support/member-flows';
import type { RunningServer } from '../../server/src/server';
import type { H5Driver } from './support/h5-driver';
import { useH5App } from './support/h5-suite';

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

/** A cash sale at a till, as the pos-adapter sends it; the answer carries the receipt claim. */
async function cashSaleWithReceipt(server: RunningServer, amountFen: number) {
  const till = await server.services.devices.register('till 3', 'pos');
  const checkoutId = `S${crypto.randomBytes(6).toString('hex')}`;
  const answer = await sendSigned(
    server.url,
    till,
    'POST',
    '/v1/checkouts',
    { checkoutId, amountFen, tender: 'cash', occurredAt: new Date().toISOString() },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(answer.status).toBe(200);
  return answer.body.receiptClaim as { code: string; qrText: string };
}

/** An Alipay payment-code sale the Alipay simulator pays as `buyerUserId`. */
async function alipaySale(server: RunningServer, buyerUserId: string) {
  const till = await server.services.devices.register('till 5', 'pos');
  const paymentCode = `28${crypto.randomInt(10 ** 7, 10 ** 8)}${crypto.randomInt(10 ** 7, 10 ** 8)}`;
  server.simulators!.payments.alipay.script(paymentCode, { kind: 'success', buyerUserId });
  const answer = await sendSigned(
    server.url,
    till,
    'POST',
    '/v1/checkouts',
    {
      checkoutId: `A${crypto.randomBytes(6).toString('hex')}`,
      amountFen: 8_800,
      tender: 'payment-code',
      paymentCode,
      occurredAt: new Date().toISOString(),
    },
    { 'Idempotency-Key': crypto.randomUUID() },
  );
  expect(answer.status).toBe(200);
  return answer.body as { receiptClaim?: { qrText: string }; member?: { cardNo: string } };
}

/** The page route the receipt QR opens: everything after the H5 URL's `#`. */
function routeOf(qrText: string): string {
  return qrText.slice(qrText.indexOf('#') + 1);
}

describe('issue #6 receipt claim page on H5 (C-4.2.1.4, U-6.1.1)', () => {
  describeEachDatabase('claiming a cash sale from its receipt QR', (database) => {
    const app = useH5App(database);

    it('gives a member with the transaction-linking consent the points of the sale; another member is refused the same receipt', async () => {
      const server = app.server();
      const driver = app.driver();
      const receipt = await cashSaleWithReceipt(server, 12_800);
      const { token } = await signUpWithWechat(server, {
        membership: true,
        transaction_linking: true,
      });

      await openAsMember(driver, token, routeOf(receipt.qrText));
      await driver.byId('receipt-claim-submit').waitFor();
      await expect(driver.byId('receipt-remember-alipay').count()).resolves.toBe(0);
      await driver.tap('receipt-claim-submit');
      await driver.byId('receipt-claimed').waitFor();
      await expect(driver.byId('receipt-points').textContent()).resolves.toMatch(/\+\d+ 积分/);
      await expect(driver.byId('receipt-amount').textContent()).resolves.toContain('128.00');
      await driver.screenshot(`/tmp/e2e-receipt-claimed-${database().kind}.png`);

      const other = await signUpWithWechat(server, { membership: true, transaction_linking: true });
      await openAsMember(driver, other.token, routeOf(receipt.qrText));
      await driver.tap('receipt-claim-submit');
      await expect(driver.byId('receipt-error').textContent()).resolves.toContain('小票码');
    });

    it('lets the member of an Alipay sale choose to be recognised, and links their next Alipay sale by itself', async () => {
      const server = app.server();
      const driver = app.driver();
      const buyerUserId = `2088${crypto.randomInt(10 ** 11, 10 ** 12 - 1)}`;
      const first = await alipaySale(server, buyerUserId);
      const { answer, token } = await signUpWithWechat(server, {
        membership: true,
        transaction_linking: true,
      });

      // The page shows the choice only for Alipay sales; the receipt's QR says so with p=alipay.
      expect(first.receiptClaim!.qrText).toMatch(/&p=alipay$/);
      await openAsMember(driver, token, routeOf(first.receiptClaim!.qrText));
      await driver.byId('receipt-remember-alipay').waitFor();
      await driver.page.locator('#receipt-remember-alipay input').tap();
      await driver.tap('receipt-claim-submit');
      await driver.byId('receipt-alipay-remembered').waitFor();

      const second = await alipaySale(server, buyerUserId);
      expect(second.receiptClaim).toBeUndefined();
      expect(second.member?.cardNo).toBe(answer.body.cardNo);
    });

    it('tells a member without that consent what is missing and links to the consent switches', async () => {
      const server = app.server();
      const driver = app.driver();
      const receipt = await cashSaleWithReceipt(server, 5_000);
      const { token } = await signUpWithWechat(server, { membership: true });

      await openAsMember(driver, token, routeOf(receipt.qrText));
      await driver.tap('receipt-claim-submit');
      await expect(driver.byId('receipt-error').textContent()).resolves.toContain('消费关联积分');
      await driver.tap('receipt-open-consents');
      await driver.waitForRoute('/pages/account/index');
    });

    it('says so clearly when the typed code is unknown', async () => {
      const driver = app.driver();
      const { token } = await signUpWithWechat(app.server(), { membership: true });

      await openAsMember(driver, token, '/pages/receipt-claim/index');
      await driver.fill('receipt-code-input', 'ZZZZZZZZZZZZ');
      await driver.tap('receipt-code-submit');
      await driver.tap('receipt-claim-submit');
      await expect(driver.byId('receipt-error').textContent()).resolves.toContain('小票码');
    });
  });
});
