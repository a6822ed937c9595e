import type { RunningServer } from '../../../server/src/server';
import { send } from '../../../server/test/support/http-client';
import { bearer } from '../../../server/test/support/member-flows';
import type { H5Driver } from './h5-driver';

export type Choosable =
  | 'membership'
  | 'transaction_linking'
  | 'parking'
  | 'marketing_messages'
  | 'personalised_offers'
  | 'surveys';

export const CHOOSABLE_PURPOSES: readonly Choosable[] = [
  'membership',
  'transaction_linking',
  'parking',
  'marketing_messages',
  'personalised_offers',
  'surveys',
];

export interface SignupAnswers {
  name: string;
  on: readonly Choosable[];
  plate?: string;
}

/** Home -> "成为会员" -> the privacy notice, read -> "继续注册" (C-4.1.2a: notice first). */
export async function openSignupThroughNotice(
  driver: H5Driver,
  screenshotPath?: string,
): Promise<void> {
  await driver.tap('home-join');
  await driver.waitForRoute('/pages/privacy-notice/index');
  await expect(driver.byId('notice-version').textContent()).resolves.toMatch(/第 \d+ 版/);
  await expect(driver.byId('notice-purposes').textContent()).resolves.toContain('身份证号');
  if (screenshotPath) await driver.screenshot(screenshotPath);
  await driver.tap('notice-continue');
  await driver.waitForRoute('/pages/signup/index');
}

/** Fills the sign-up form: every purpose switch starts OFF, only `on` is switched on. */
export async function fillSignupForm(driver: H5Driver, answers: SignupAnswers): Promise<void> {
  await driver.byId('signup-submit').waitFor();
  for (const purpose of CHOOSABLE_PURPOSES) {
    await expect(driver.page.locator(`#purpose-${purpose}-switch input`).isChecked()).resolves.toBe(
      false,
    );
    if (answers.on.includes(purpose)) await driver.setSwitch(`purpose-${purpose}-switch`, true);
  }

  await driver.fill('signup-name', answers.name);
  await driver.tap('signup-gender-female');
  await driver.acceptPicker('signup-birth-date');
  await driver.acceptPicker('signup-province');
  await driver.fill('signup-address', '南京西路 1266 号');
  await driver.fill('signup-nickname', '小明🌟');
  if (answers.plate) await driver.fill('signup-plate', answers.plate);
}

export async function submitSignup(driver: H5Driver, next: string): Promise<void> {
  await driver.tap('signup-submit');
  await driver.waitForRoute(next);
}

/** Phone binding by SMS code, read from the SMS simulator as the shopper's phone would. */
export async function bindPhoneBySms(
  driver: H5Driver,
  server: RunningServer,
  phone: string,
): Promise<void> {
  await driver.fill('phone-number', phone);
  await driver.tap('phone-send-code');
  // The resend countdown starts once the server has sent the code.
  await driver.page.locator('#phone-send-code', { hasText: 's)' }).waitFor();
  await driver.fill('phone-code', server.simulators?.sms.lastCodeFor(phone) ?? '');
  await driver.tap('phone-bind');
  await driver.waitForRoute('/pages/account/index');
  await driver.byId('account-page').waitFor();
}

/** GET a member API path with the token the page keeps in its storage. */
export async function memberGet(server: RunningServer, token: string, path: string) {
  return send(server.url, 'GET', path, { headers: bearer(token) });
}

export async function activePurposes(server: RunningServer, token: string): Promise<string[]> {
  const answer = await memberGet(server, token, '/v1/me/consents');
  expect(answer.status).toBe(200);

  return (answer.body.purposes as Array<{ purpose: string; active: boolean }>)
    .filter((state) => state.active)
    .map((state) => state.purpose)
    .sort();
}
