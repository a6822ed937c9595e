import { groupTokenForDisplay } from '@memberkit/shared';
import { describeEachDatabase } from '../../server/test/support/test-databases';
import { send, sendJson } from '../../server/test/support/http-client';
import { bearer, signUpWithWechat } from '../../server/test/support/member-flows';
import type { H5Driver } from './support/h5-driver';
import { useH5App } from './support/h5-suite';

const HOUR = 60 * 60 * 1000;

/** Start the H5 app afresh (a full load, not a hash change) as the signed-up shopper. */
async function openAsMember(driver: H5Driver, sessionToken: string, route: string) {
  await driver.page.goto('about:blank');
  await driver.open();
  await driver.page.evaluate(
    ([key, value]) => localStorage.setItem(key, JSON.stringify({ data: value })),
    ['memberkit.session', sessionToken],
  );
  await driver.page.goto('about:blank');
  await driver.open(route);
}

/** H5 has no wx.scanCode: type the code printed under the QR code, as a shopper would. */
async function typeCampaignCode(driver: H5Driver, typed: string) {
  await driver.fill('scan-code-input', typed);
  await driver.tap('scan-submit');
  await driver.waitForRoute('/pages/campaign/index');
  await driver.byId('campaign-collects').waitFor();
}

describeEachDatabase('C-4.2.2.3 claiming a gift on H5', (database) => {
  const app = useH5App(database);

  it('lets a signed-up shopper type the campaign code, fill only the declared fields and claim; a second claim is refused with a clear message', async () => {
    const server = app.server();
    const driver = app.driver();
    const staff = await server.services.staff.add('marketing', 'marketing');
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/campaigns',
      {
        kind: 'gift',
        title: '开业礼：帆布袋',
        stock: 5,
        perMemberLimit: 1,
        startsAt: new Date(Date.now() - HOUR).toISOString(),
        endsAt: new Date(Date.now() + 24 * HOUR).toISOString(),
        stores: ['S01'],
        collects: [
          { field: 'name', purpose: 'membership', required: true, why: '领取时核对领取人' },
          { field: 'phone', purpose: 'membership', required: false, why: '到货时短信通知' },
        ],
      },
      bearer(staff.token),
    );
    expect(created.status).toBe(201);
    const code = created.body.codes[0].token as string;
    const { token: session } = await signUpWithWechat(server, { membership: true });

    await openAsMember(driver, session, '/pages/scan/index');
    await typeCampaignCode(driver, groupTokenForDisplay(code).toLowerCase());

    const form = (await driver.byId('campaign-collects').textContent()) ?? '';
    expect(form).toContain('姓名');
    expect(form).toContain('领取时核对领取人');
    expect(form).toMatch(/手机号.*选填/);
    await expect(driver.page.locator('#campaign-collects input').count()).resolves.toBe(2);
    await driver.fill('campaign-field-name', '王小明');
    await driver.tap('campaign-claim');
    await driver.byId('campaign-claimed').waitFor();
    await expect(driver.byId('campaign-voucher').textContent()).resolves.toContain('领取凭证');
    await driver.screenshot(`/tmp/e2e-campaign-claimed-${database().kind}.png`);

    await openAsMember(driver, session, '/pages/scan/index');
    await typeCampaignCode(driver, code);
    await driver.fill('campaign-field-name', '王小明');
    const second = driver.page.waitForResponse((response) => response.url().endsWith('/claims'));
    await driver.tap('campaign-claim');
    const secondAnswer = await (await second).json();

    expect(secondAnswer.repeated).toBe(true);
    await expect(driver.byId('campaign-message').textContent()).resolves.toBe(
      '您已领取过该活动（每人限领 1 份），不能重复领取。',
    );
    await expect(driver.byId('campaign-claimed').count()).resolves.toBe(0);
    const summary = await send(server.url, 'GET', `/v1/admin/campaigns/${created.body.id}`, {
      headers: bearer(staff.token),
    });
    expect(summary.body).toMatchObject({ stockLeft: 4, claims: 1 });
    await driver.screenshot(`/tmp/e2e-campaign-refused-${database().kind}.png`);
  });

  it('refuses a mistyped code on the scan page with a clear message (QR_TOKEN_INVALID)', async () => {
    const server = app.server();
    const driver = app.driver();
    const { token: session } = await signUpWithWechat(server, { membership: true });
    await openAsMember(driver, session, '/pages/scan/index');

    await driver.fill('scan-code-input', 'C1AB 7K2M 00X9 Z4QR');
    await driver.tap('scan-submit');

    await expect(driver.byId('scan-error').textContent()).resolves.toBe(
      '无法识别这个码，请重新扫码或核对输入的活动码',
    );
  });
});
