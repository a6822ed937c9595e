import { describeEachDatabase } from '../../server/test/support/test-databases';
import { useH5App } from './support/h5-suite';
import {
  bindPhoneBySms,
  fillSignupForm,
  memberGet,
  openSignupThroughNotice,
  submitSignup,
} from './support/member-journeys';
import type { H5Driver } from './support/h5-driver';
import type { RunningServer } from '../../server/src/server';

const PHONE = '13900000303';
const CARD_NO = '600000000303';

async function bindOfflineCard(driver: H5Driver) {
  await driver.tap('account-bind-card');
  await driver.waitForRoute('/pages/card-binding/index');
  await driver.fill('card-number', CARD_NO);
  await driver.tap('card-submit');
  await driver.page.locator('#card-points-moved', { hasText: '转入积分 800' }).waitFor();
}

async function deleteInOneAction(driver: H5Driver) {
  await driver.open('/pages/account/index');
  await driver.byId('account-page').waitFor();
  await driver.tap('account-delete');
  await driver.answerModal('确认注销');
  await driver.byId('account-deleted').waitFor();
}

/** The website login page: phone + SMS code; an unknown phone is offered the sign-up. */
async function signUpAgainBySms(driver: H5Driver, server: RunningServer) {
  await driver.tap('deleted-home');
  await driver.byId('home-welcome').waitFor();
  await driver.tap('home-login');
  await driver.waitForRoute('/pages/login/index');
  await driver.fill('login-sms-phone', PHONE);
  await driver.tap('login-sms-send');
  await driver.page.locator('#login-sms-send', { hasText: 's)' }).waitFor();
  await driver.fill('login-sms-code', server.simulators?.sms.lastCodeFor(PHONE) ?? '');
  await driver.tap('login-sms-submit');
  await driver.tap('login-go-signup');
  await driver.waitForRoute('/pages/privacy-notice/index');
  await driver.tap('notice-continue');
  await driver.waitForRoute('/pages/signup/index');
  await fillSignupForm(driver, { name: '张三', on: ['membership'] });
  // The phone was verified by the SMS login: no phone binding step.
  await submitSignup(driver, '/pages/account/index');
  await driver.byId('account-page').waitFor();
}

describeEachDatabase('H5 account: deleting the account', (database) => {
  const app = useH5App(database);

  describe('a member with points who deletes the account, then joins again with the same phone', () => {
    it('deletes in one action and starts the new member with no history (D-7.2)', async () => {
      const driver = app.driver();
      const server = app.server();
      await server.services.offlineCards.insert({
        cardNo: CARD_NO,
        phoneIndex: server.services.cipher.blindIndex('phone', PHONE),
        points: 800,
      });
      await driver.open();
      await openSignupThroughNotice(driver);
      await fillSignupForm(driver, { name: '张三', on: ['membership', 'marketing_messages'] });
      await submitSignup(driver, '/pages/phone-binding/index');
      await bindPhoneBySms(driver, server, PHONE);
      await bindOfflineCard(driver);
      const oldToken = (await driver.sessionToken()) as string;
      const old = await memberGet(server, oldToken, '/v1/me');
      expect(old.body.pointsBalance).toBe(800);

      await deleteInOneAction(driver);

      await expect(driver.sessionToken()).resolves.toBeUndefined();
      expect((await memberGet(server, oldToken, '/v1/me')).status).toBe(401);
      await driver.screenshot(`/tmp/e2e-account-deleted-${database().kind}.png`);

      await signUpAgainBySms(driver, server);
      const token = (await driver.sessionToken()) as string;
      const me = await memberGet(server, token, '/v1/me');
      expect(me.body).toMatchObject({ pointsBalance: 0, offlineCards: [], phone: '139****0303' });
      expect(me.body.cardNo).not.toBe(old.body.cardNo);
      const consents = await memberGet(server, token, '/v1/me/consents');
      const history = consents.body.history as Array<{ purpose: string; status: string }>;
      expect(history).toHaveLength(8);
      expect(history.filter((record) => record.status === 'granted')).toEqual([
        expect.objectContaining({ purpose: 'membership' }),
      ]);
      const exported = await memberGet(server, token, '/v1/me/export');
      expect(exported.body.points).toEqual({ balance: 0, entries: [] });
      await expect(driver.byId('member-points').textContent()).resolves.toBe('0');
      await driver.screenshot(`/tmp/e2e-joined-again-${database().kind}.png`);
    });
  });
});
