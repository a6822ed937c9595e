import { describeEachDatabase } from '../../server/test/support/test-databases';
import { useH5App } from './support/h5-suite';
import {
  activePurposes,
  fillSignupForm,
  openSignupThroughNotice,
  submitSignup,
} from './support/member-journeys';
import { pseudonymOf, sendMarketingMessage } from './support/server-helpers';

describeEachDatabase('H5 account: withdrawing a consent', (database) => {
  const app = useH5App(database);

  describe('a member who agreed to marketing messages and withdraws in the account page', () => {
    it('stops marketing use at once, in one tap (C-4.1.2b, U-6.1.1)', async () => {
      const driver = app.driver();
      const server = app.server();
      const openid = `e2e_marketing_${database().kind}`;
      // The H5 build asks the WeChat simulator for a login code; pin the openid it stands for
      // so the test can allow the subscription template for that WeChat user.
      await driver.page.route('**/v1/dev/wechat/login-code', (route) =>
        route.continue({ postData: JSON.stringify({ openid }) }),
      );
      await driver.open();
      await openSignupThroughNotice(driver);
      await fillSignupForm(driver, { name: '李华', on: ['membership', 'marketing_messages'] });
      await submitSignup(driver, '/pages/phone-binding/index');
      await driver.tap('phone-skip');
      await driver.waitForRoute('/pages/account/index');
      const token = (await driver.sessionToken()) as string;
      const pseudonym = await pseudonymOf(server, token);
      const marketing = await server.services.staff.add('m', 'marketing');
      server.simulators?.wechat.allowSubscription(openid, 'tpl_demo', 2);
      const before = await sendMarketingMessage(server, marketing.token, pseudonym);
      expect(before.status).toBe(200);

      await driver.tap('consent-marketing_messages-withdraw');
      await driver.page
        .locator('#consent-marketing_messages-status', { hasText: '已撤回' })
        .waitFor();

      const after = await sendMarketingMessage(server, marketing.token, pseudonym);
      expect(after.status).toBe(403);
      expect(after.body.error.code).toBe('CONSENT_REQUIRED');
      expect(server.simulators?.wechat.sentMessages()).toHaveLength(1);
      await expect(activePurposes(server, token)).resolves.toEqual(['membership']);
      await driver.tap('consent-history-toggle');
      await expect(driver.byId('consent-history').textContent()).resolves.toContain('撤回于');
      await driver.screenshot(`/tmp/e2e-consent-withdrawn-${database().kind}.png`);
    });
  });
});
