import { groupTokenForDisplay } from '@memberkit/shared';
import type { Browser } from 'playwright-core';
import { openMobilePage } from '../e2e/support/browser';
import { H5Driver } from '../e2e/support/h5-driver';
import {
  fillSignupForm,
  openSignupThroughNotice,
  submitSignup,
  type Choosable,
} from '../e2e/support/member-journeys';
import { callJson } from './demo-http';

export interface Shopper {
  /** A label for progress lines; never a personal value. */
  label: string;
  name: string;
  phone: string;
  openid: string;
  plate?: string;
  consents: readonly Choosable[];
}

export interface SignedUpShopper extends Shopper {
  token: string;
}

/**
 * Runs `work` on a fresh phone-sized page whose WeChat identity is `openid`: the H5 build asks
 * the dev route for a wx.login code, and the page's request names the shopper's openid, as
 * WeChat would know it on their phone (design.md "How the parts talk").
 */
export async function asShopperOnPhone<T>(
  browser: Browser,
  apiUrl: string,
  openid: string,
  work: (driver: H5Driver) => Promise<T>,
): Promise<T> {
  const { context, page } = await openMobilePage(browser);
  await page.route('**/v1/dev/wechat/login-code', (route) =>
    route.continue({ postData: JSON.stringify({ openid }) }),
  );
  try {
    return await work(new H5Driver(page, apiUrl));
  } finally {
    await context.close();
  }
}

/** C-4.1.2a, C-4.2.1.3a: notice first, the chosen purposes only, then the phone by SMS code. */
export async function signUpOnH5(
  driver: H5Driver,
  smsUrl: string,
  shopper: Shopper,
): Promise<SignedUpShopper> {
  await driver.open();
  await openSignupThroughNotice(driver);
  await fillSignupForm(driver, { name: shopper.name, on: shopper.consents, plate: shopper.plate });
  await submitSignup(driver, '/pages/phone-binding/index');
  await bindPhoneWithSmsCode(driver, smsUrl, shopper.phone);
  const token = await driver.sessionToken();
  if (!token) throw new Error(`${shopper.label}: no session after sign-up`);
  return { ...shopper, token };
}

/** The SMS simulator keeps the code the shopper's phone would have shown. */
async function bindPhoneWithSmsCode(driver: H5Driver, smsUrl: string, phone: string) {
  await driver.fill('phone-number', phone);
  await driver.tap('phone-send-code');
  await driver.page.locator('#phone-send-code', { hasText: 's)' }).waitFor();
  const sent = await callJson(`${smsUrl}/__sim/last-code?phone=${phone}`);
  await driver.fill('phone-code', String(sent.body.code ?? ''));
  await driver.tap('phone-bind');
  await driver.waitForRoute('/pages/account/index');
  await driver.byId('account-page').waitFor();
}

/** C-4.2.2.3 / C-4.2.2.4: the code under the counter's QR, typed on the scan page. */
export async function claimCampaignOnH5(
  driver: H5Driver,
  shopper: SignedUpShopper,
  campaignToken: string,
): Promise<void> {
  await openWithSession(driver, shopper.token, '/pages/scan/index');
  await driver.fill('scan-code-input', groupTokenForDisplay(campaignToken));
  await driver.tap('scan-submit');
  await driver.waitForRoute('/pages/campaign/index');
  await driver.byId('campaign-collects').waitFor();
  await driver.fill('campaign-field-name', shopper.name);
  await driver.tap('campaign-claim');
  await driver.byId('campaign-claimed').waitFor();
}

/**
 * C-4.2.2.5: scan the survey's code on H5, pick the second travel option and the top of the
 * satisfaction scale, and submit. The shopper holds the surveys consent, so no consent step.
 */
export async function answerSurveyOnH5(
  driver: H5Driver,
  shopper: SignedUpShopper,
  surveyToken: string,
  [travel, satisfaction]: number[],
): Promise<void> {
  await openWithSession(driver, shopper.token, '/pages/scan/index');
  await driver.fill('scan-code-input', groupTokenForDisplay(surveyToken));
  await driver.tap('scan-submit');
  await driver.waitForRoute('/pages/survey/index');
  await driver.tap(`survey-q-${travel}-option-1`);
  await driver.tap(`survey-q-${satisfaction}-value-5`);
  await driver.tap('survey-submit');
  await driver.byId('survey-done').waitFor();
}

/** A full load of the app as a shopper who is already logged in on this phone. */
export async function openWithSession(driver: H5Driver, token: string, route: string) {
  await driver.open();
  await driver.page.evaluate(
    ([key, value]) => localStorage.setItem(key, JSON.stringify({ data: value })),
    ['memberkit.session', token],
  );
  await driver.page.goto('about:blank');
  await driver.open(route);
}

/** C-4.2.2.6: a car with no plate takes a ticket at the entry gate's QR code in H5. */
export async function takeParkingTicketOnH5(driver: H5Driver, entryGateCode: string) {
  await driver.open(`/pages/parking/index?g=${entryGateCode}`);
  await driver.tap('parking-ticket-take');
  await driver.page.locator('#parking-ticket-note', { hasText: '已取票' }).waitFor();
}

/** The same phone at the exit gate's QR code: a stay inside the free minutes just leaves. */
export async function leaveWithTicketOnH5(driver: H5Driver, exitGateCode: string) {
  await driver.open(`/pages/parking/index?g=${exitGateCode}`);
  await driver.page.locator('#parking-ticket-fee', { hasText: '无需缴费' }).waitFor();
  await driver.tap('parking-ticket-exit');
  await driver.page.locator('#parking-ticket-note', { hasText: '一路顺风' }).waitFor();
}
