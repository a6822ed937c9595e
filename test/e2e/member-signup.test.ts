import { describeEachDatabase } from '../../server/test/support/test-databases';
import { useH5App } from './support/h5-suite';
import {
  activePurposes,
  bindPhoneBySms,
  fillSignupForm,
  memberGet,
  openSignupThroughNotice,
  submitSignup,
} from './support/member-journeys';

describeEachDatabase('H5 sign-up', (database) => {
  const app = useH5App(database);

  describe('a shopper who reads the notice, chooses purposes and binds a phone', () => {
    it('records exactly the chosen consents, before the phone, and nothing else (C-4.1.2a, C-4.2.1.3a, U-6.6.1b)', async () => {
      const driver = app.driver();
      const server = app.server();
      const phone = '13900000101';
      await driver.open();

      await openSignupThroughNotice(driver, `/tmp/e2e-notice-${database().kind}.png`);
      await fillSignupForm(driver, {
        name: '王小明',
        on: ['membership', 'parking'],
        plate: '沪A12345',
      });
      await submitSignup(driver, '/pages/phone-binding/index');
      const token = await driver.sessionToken();
      expect(token).toBeDefined();
      const beforePhone = await memberGet(server, token as string, '/v1/me');
      expect(beforePhone.body.phone).toBeNull();
      await expect(activePurposes(server, token as string)).resolves.toEqual([
        'membership',
        'parking',
      ]);

      await bindPhoneBySms(driver, server, phone);

      await expect(driver.byId('member-phone').textContent()).resolves.toContain('139****0101');
      await expect(activePurposes(server, token as string)).resolves.toEqual([
        'membership',
        'parking',
      ]);
      const consents = await memberGet(server, token as string, '/v1/me/consents');
      const statuses = Object.fromEntries(
        (consents.body.purposes as Array<{ purpose: string; status: string }>).map((state) => [
          state.purpose,
          state.status,
        ]),
      );
      expect(statuses).toEqual({
        membership: 'granted',
        parking: 'granted',
        transaction_linking: 'refused',
        marketing_messages: 'refused',
        personalised_offers: 'refused',
        surveys: 'refused',
        sensitive_id: 'refused',
        online_shopping: 'refused',
      });
      const me = await memberGet(server, token as string, '/v1/me');
      expect(me.body.profile).toMatchObject({
        name: '王小明',
        gender: 'female',
        nickname: '小明🌟',
      });
      expect(me.body.hasResidentId).toBe(false);
      await driver.screenshot(`/tmp/e2e-signup-account-${database().kind}.png`);
    });
  });
});
