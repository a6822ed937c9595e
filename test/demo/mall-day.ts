import type { Browser } from 'playwright-core';
import type { DemoDayCredentials } from '../../server/src/demo/demo-day-setup';
import type { StackAddresses } from '../../server/src/demo/demo-stack';
import {
  alipayPaymentCode,
  callJson,
  expectStatus,
  fakeAlipayUserId,
  fakeOpenid,
  fakePhone,
  misreadOf,
  newEnergyPlate,
  standardPlate,
  wechatPaymentCode,
} from './demo-http';
import { summariseDay, type DaySummary, type ParkingTally } from './day-summary';
import {
  asShopperOnPhone,
  answerSurveyOnH5,
  claimCampaignOnH5,
  leaveWithTicketOnH5,
  signUpOnH5,
  takeParkingTicketOnH5,
  type Shopper,
  type SignedUpShopper,
} from './shopper-journeys';
import {
  cameraRead,
  gateOpensOnPoll,
  payAtTill,
  scriptPayer,
  type TillResult,
} from './till-and-gates';

export interface MallDayInput {
  stack: StackAddresses;
  credentials: DemoDayCredentials;
  browser: Browser;
  /** `memberkit audit verify` against the stack's database: its output line and exit code. */
  auditVerify(): Promise<{ line: string; ok: boolean }>;
  progress(line: string): void;
}

/** Every personal value the day used, so a test can prove none is stored or logged in clear. */
export interface PersonalValues {
  names: string[];
  phones: string[];
  openids: string[];
  plates: string[];
  alipayUserIds: string[];
  /** Payment codes and the member code scanned at the till: one-time, but a payer's account. */
  scannedCodes: string[];
}

export interface MallDayOutcome {
  summary: DaySummary;
  personal: PersonalValues;
  sales: TillResult[];
}

/** Four shoppers, each with their own consent choices (U-6.6.1b: each purpose one by one). */
function todaysShoppers(): Shopper[] {
  return [
    {
      label: 'shopper A',
      name: '林示例',
      phone: fakePhone(),
      openid: fakeOpenid(),
      plate: standardPlate(),
      consents: ['membership', 'transaction_linking', 'parking', 'surveys'],
    },
    {
      label: 'shopper B',
      name: '陈示例',
      phone: fakePhone(),
      openid: fakeOpenid(),
      plate: newEnergyPlate(),
      consents: ['membership', 'transaction_linking', 'parking'],
    },
    {
      label: 'shopper C',
      name: '王示例',
      phone: fakePhone(),
      openid: fakeOpenid(),
      consents: ['membership', 'surveys'],
    },
    {
      label: 'shopper D',
      name: '赵示例',
      phone: fakePhone(),
      openid: fakeOpenid(),
      consents: ['membership', 'transaction_linking', 'marketing_messages'],
    },
  ];
}

/**
 * A day at the demo mall through the real paths: sign-ups and claims in the H5 build, sales
 * through the pos-adapter's till API, cars through the parking-adapter's camera protocol.
 */
export async function playMallDay(input: MallDayInput): Promise<MallDayOutcome> {
  const { stack, browser, progress } = input;
  const shoppers: SignedUpShopper[] = [];
  for (const shopper of todaysShoppers()) {
    shoppers.push(
      await asShopperOnPhone(browser, stack.api, shopper.openid, (driver) =>
        signUpOnH5(driver, stack.simulators.sms, shopper),
      ),
    );
    progress(`${shopper.label} signed up on H5 (${shopper.consents.join(', ')}) and bound a phone`);
  }
  const [a, b, c, d] = shoppers as [
    SignedUpShopper,
    SignedUpShopper,
    SignedUpShopper,
    SignedUpShopper,
  ];

  await collectInStore(input, a, b, c);
  const sales = await sellAtTill(input, a, b, c, d);
  const parking = await driveThrough(input, a, b);

  const alipayUserIds = sales.alipayUserIds;
  const summary = await summariseDay(input, shoppers, sales.results, parking.tally);
  return {
    summary,
    sales: sales.results,
    personal: {
      names: shoppers.map((shopper) => shopper.name),
      phones: shoppers.map((shopper) => shopper.phone),
      openids: shoppers.map((shopper) => shopper.openid),
      plates: [a.plate!, b.plate!, parking.stray, misreadOf(parking.stray)],
      alipayUserIds,
      scannedCodes: sales.scannedCodes,
    },
  };
}

/** C-4.2.2.3, C-4.2.2.4, C-4.2.2.5: a gift, a sample and a survey answer. */
async function collectInStore(
  input: MallDayInput,
  a: SignedUpShopper,
  b: SignedUpShopper,
  c: SignedUpShopper,
) {
  const { stack, credentials, browser, progress } = input;
  await asShopperOnPhone(browser, stack.api, a.openid, (driver) =>
    claimCampaignOnH5(driver, a, credentials.campaigns.gift),
  );
  progress('shopper A claimed the opening gift on H5');
  await asShopperOnPhone(browser, stack.api, b.openid, (driver) =>
    claimCampaignOnH5(driver, b, credentials.campaigns.sample),
  );
  progress('shopper B claimed a product sample on H5');

  await asShopperOnPhone(browser, stack.api, c.openid, (driver) =>
    answerSurveyOnH5(driver, c, credentials.survey.token, credentials.survey.questionIds),
  );
  progress('shopper C answered the satisfaction survey on H5');
}

/** C-4.2.1.4, U-6.1.1: payment codes and a member code at the till; links only under consent. */
async function sellAtTill(
  input: MallDayInput,
  a: SignedUpShopper,
  b: SignedUpShopper,
  c: SignedUpShopper,
  d: SignedUpShopper,
) {
  const { stack, progress } = input;
  const results: TillResult[] = [];
  const scannedCodes: string[] = [];
  const wechat = async (amountFen: number, payer: SignedUpShopper, scenario: object) => {
    const code = wechatPaymentCode();
    scannedCodes.push(code);
    await scriptPayer(stack.paymentScripts, {
      provider: 'wechat',
      code,
      scenario: { ...scenario, openid: payer.openid },
    });
    const result = await payAtTill(stack.tillApi, { amountFen, tender: 'payment-code', code });
    results.push(result);
    return result;
  };
  const report = (what: string, result: TillResult) =>
    progress(`till: ${what}: ${result.status}, ${result.linked ? 'linked' : 'not linked'}`);

  report('shopper A, WeChat Pay 128.00', await wechat(12_800, a, { kind: 'success' }));
  report(
    'shopper B, WeChat Pay 66.00 (USERPAYING, then confirmed)',
    await wechat(6_600, b, { kind: 'paying-then-success', payingQueries: 1 }),
  );
  report(
    'shopper D, WeChat Pay 45.00 (SYSTEMERROR, paid after all)',
    await wechat(4_500, d, { kind: 'system-error', errCode: 'SYSTEMERROR', paid: true }),
  );
  report(
    'shopper C, WeChat Pay 30.00 (no linking consent)',
    await wechat(3_000, c, { kind: 'success' }),
  );

  const alipayUserIds = [fakeAlipayUserId(), fakeAlipayUserId()];
  for (const [index, scenario] of [
    { kind: 'system-error', paid: true },
    { kind: 'paying-then-success', waitingQueries: 1 },
  ].entries()) {
    const code = alipayPaymentCode();
    scannedCodes.push(code);
    const buyerUserId = alipayUserIds[index];
    await scriptPayer(stack.paymentScripts, {
      provider: 'alipay',
      code,
      scenario: { ...scenario, buyerUserId },
    });
    const result = await payAtTill(stack.tillApi, {
      amountFen: 5_800,
      tender: 'payment-code',
      code,
    });
    results.push(result);
    report(`a shopper, Alipay 58.00 (${scenario.kind})`, result);
  }

  const memberCode = expectStatus(
    await callJson(`${stack.api}/v1/me/member-code`, { token: b.token }),
    200,
    'member code',
  ).body.code as string;
  scannedCodes.push(memberCode);
  const cash = await payAtTill(stack.tillApi, { amountFen: 8_800, tender: 'cash', memberCode });
  results.push(cash);
  report('shopper B, cash 88.00 with the member code', cash);

  // C-4.1.2b: withdrawn mid-day; the next sale is not linked (U-6.1.1).
  expectStatus(
    await callJson(`${stack.api}/v1/me/consents/transaction_linking/withdraw`, {
      token: d.token,
      body: {},
    }),
    200,
    'withdraw consent',
  );
  progress('shopper D withdrew the transaction-linking consent');
  const after = await wechat(2_000, d, { kind: 'success' });
  report('shopper D, WeChat Pay 20.00 after the withdrawal', after);
  if (after.linked) throw new Error('a sale was linked after its consent was withdrawn');
  return { results, alipayUserIds, scannedCodes };
}

/**
 * C-4.2.2.6: a standard plate parks free on the same day's spending, a new-energy plate pays
 * part with points (U-6.4.2), a car with no plate takes a ticket, and a misread exit goes to
 * staff review. Returns the stray car's plate (a visitor, not a member).
 */
async function driveThrough(input: MallDayInput, a: SignedUpShopper, b: SignedUpShopper) {
  const { stack, credentials, browser, progress } = input;
  const { entry, exit } = stack.cameras;

  // Counted as the barrier lets each car in, not assumed: the summary states what happened.
  let sessions = 0;
  const enter = async (plate: string, minutesAgo: number) => {
    const reply = await cameraRead(stack.camera, entry, plate, minutesAgo);
    if (reply.opened) sessions += 1;
  };

  await enter(a.plate!, 100);
  const aOut = await cameraRead(stack.camera, exit, a.plate!);
  progress(
    `parking: shopper A's car left after 100 min, same-day spending: ${aOut.opened ? 'barrier open' : 'closed'}`,
  );

  await enter(b.plate!, 190);
  const paid = await payParkingWithPoints(stack, b);
  const bOut = await cameraRead(stack.camera, exit, b.plate!);
  progress(
    `parking: shopper B's new-energy car paid with points: ${bOut.opened ? 'barrier open' : 'closed'}`,
  );

  await asShopperOnPhone(browser, stack.api, fakeOpenid(), async (driver) => {
    await cameraRead(stack.camera, entry, null);
    await takeParkingTicketOnH5(driver, credentials.lot.entryGateCode);
    const inOpened = await gateOpensOnPoll(stack.camera, entry);
    if (inOpened) sessions += 1;
    await cameraRead(stack.camera, exit, null);
    await leaveWithTicketOnH5(driver, credentials.lot.exitGateCode);
    const outOpened = await gateOpensOnPoll(stack.camera, exit);
    progress(`parking: a car without a plate took a ticket: in ${inOpened}, out ${outOpened}`);
  });

  const stray = standardPlate();
  await enter(stray, 10);
  await cameraRead(stack.camera, exit, misreadOf(stray));
  await resolveMisread(stack, credentials, stray);
  const strayOut = await gateOpensOnPoll(stack.camera, exit);
  progress(
    `parking: a misread exit went to staff review and was matched: barrier ${strayOut ? 'open' : 'closed'}`,
  );
  const tally: ParkingTally = { sessions, ...paid };
  return { stray, tally };
}

/** Points cover part of the fee; WeChat Pay (the simulator, dev route) the rest. */
async function payParkingWithPoints(stack: StackAddresses, shopper: SignedUpShopper) {
  const overview = expectStatus(
    await callJson(`${stack.api}/v1/me/parking`, { token: shopper.token }),
    200,
    'parking overview',
  );
  const stay = overview.body.sessions[0];
  const points = await callJson(`${stack.api}/v1/me/points`, { token: shopper.token });
  const rate = Number(points.body.cashOffset?.pointsPerYuan ?? 100);
  const offset = Math.min(Number(points.body.available ?? 0), rate * 2);
  const order = expectStatus(
    await callJson(`${stack.api}/v1/me/parking/sessions/${stay.sessionId}/pay`, {
      token: shopper.token,
      body: { points: offset },
    }),
    200,
    'pay parking',
  );
  const paid = {
    paidFen: Number(order.body.amountFen),
    pointsOffsetFen: Number(order.body.pointsOffsetFen),
  };
  if (order.body.status === 'pending')
    expectStatus(
      await callJson(`${stack.api}/v1/dev/parking/orders/${order.body.orderId}/simulate-payment`, {
        body: {},
      }),
      200,
      'simulated WeChat payment',
    );
  return paid;
}

interface PendingReview {
  reviewId: string;
  plate: string | null;
  candidates: Array<{ sessionId: string; plate: string }>;
}

/**
 * Staff match this run's misread exit to this run's stray car: other reviews (an earlier run's,
 * or a real car's left for a person) are not the demo's to decide, whatever their order.
 */
async function resolveMisread(
  stack: StackAddresses,
  credentials: DemoDayCredentials,
  strayPlate: string,
) {
  const staff = credentials.staff.parking;
  const list = expectStatus(
    await callJson(`${stack.api}/v1/admin/parking/reviews?lotId=${credentials.lot.id}`, {
      token: staff,
    }),
    200,
    'list reviews',
  );
  const review = (list.body.reviews as PendingReview[]).find(
    (pending) => pending.plate === misreadOf(strayPlate),
  );
  if (!review) throw new Error('the misread exit did not reach staff review');
  const stay = review.candidates.find((candidate) => candidate.plate === strayPlate);
  if (!stay) throw new Error("the stray car's stay is not among the review's candidates");
  expectStatus(
    await callJson(`${stack.api}/v1/admin/parking/reviews/${review.reviewId}/resolve`, {
      token: staff,
      body: { sessionId: stay.sessionId, openGate: true },
    }),
    200,
    'resolve review',
  );
}
