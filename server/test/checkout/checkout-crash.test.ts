import { startWechatPaySimulator, type WechatPaySimulator } from '../../simulators';
import type { Services } from '../../src/container';
import { CRASH_POINTS } from '../../src/platform/config-checkout';
import type { HttpAnswer } from '../support/http-client';
import { describeEachDatabase } from '../support/test-databases';
import { testMasterKeys, testServices } from '../support/test-services';
import { freshOpenid } from '../members/member-kit';
import { checkout, codes, saleBody, type Till } from './checkout-kit';
import { CRASH_MERCHANT, CrashServer, idempotencyKey } from './crash-server';

const CHECKOUTS_PER_POINT = 3;

/**
 * Issue #6: the server is killed with SIGKILL at each point of a checkout (after WeChat Pay
 * says paid but before our commit; after the commit but before the points award; after both
 * but before the reply), restarted, and the till retries with the same Idempotency-Key until
 * it gets an answer. In the end each checkout has one payment at the provider, one
 * transaction and one points award, and the till's answer is right. Needs `npm run build`.
 */
describeEachDatabase('checkout: crash and restart (SIGKILL)', (database) => {
  const masterKeys = testMasterKeys();
  let simulator: WechatPaySimulator;
  let server: CrashServer;
  let till: Till;
  let shopper: { openid: string; pseudonym: string };

  beforeAll(async () => {
    simulator = await startWechatPaySimulator({ ...CRASH_MERCHANT, signType: 'MD5' });
    const services = await testServices(database().url, { MASTER_KEYS: masterKeys });
    try {
      till = await services.devices.register('crash till', 'pos');
      shopper = await consentingMember(services);
    } finally {
      await services.close();
    }
    server = await CrashServer.create(database().url, masterKeys, simulator);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await simulator?.stop();
  });

  describe.each(CRASH_POINTS)('killed at %s', (point) => {
    it(`C-4.2.1.4: ${CHECKOUTS_PER_POINT} checkouts each end with one payment, one transaction and one award`, async () => {
      for (let index = 0; index < CHECKOUTS_PER_POINT; index += 1) {
        const paymentCode = codes.wechat();
        simulator.script(paymentCode, { kind: 'success', openid: shopper.openid });
        const body = saleBody({ paymentCode });
        const key = idempotencyKey();

        await server.start(point);
        const first = await checkout(server, till, body, key).catch(() => undefined);
        expect(first).toBeUndefined();
        await server.died();

        await server.start();
        const answer = await retryUntilAnswered(() => checkout(server, till, body, key));
        await server.stop();

        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ status: 'paid', provider: 'wechat' });
        expect(answer.body.member.pointsAwarded).toBeGreaterThan(0);
        await expectExactlyOnce(database().url, answer.body.transactionId);
      }
    }, 120_000);
  });

  async function expectExactlyOnce(databaseUrl: string, transactionId: string) {
    const paidOrders = simulator
      .orders()
      .filter((order) => order.outTradeNo.startsWith(`${transactionId}-`));
    expect(paidOrders.map((order) => order.state)).toEqual(['SUCCESS']);

    const services = await testServices(databaseUrl, { MASTER_KEYS: masterKeys });
    try {
      const core = services.databases.core;
      expect(await core('checkout_transactions').where({ id: transactionId })).toHaveLength(1);
      const awards = await core('points_awards').where({
        source_key: `earn:checkout:${transactionId}`,
      });
      expect(awards).toHaveLength(1);
    } finally {
      await services.close();
    }
  }
});

/** The till's retry loop: IDEMPOTENCY_IN_PROGRESS until the dead run's lease has ended. */
async function retryUntilAnswered(send: () => Promise<HttpAnswer>): Promise<HttpAnswer> {
  for (;;) {
    const answer = await send();
    if (answer.status !== 409 || answer.body?.error?.code !== 'IDEMPOTENCY_IN_PROGRESS')
      return answer;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A member who logged in with WeChat and agreed to membership and transaction linking. */
async function consentingMember(services: Services) {
  const openid = freshOpenid();
  const notice = await services.consents.currentNotice();
  const member = await services.vault.createMember({
    identifiers: [{ kind: 'wechat_openid', value: openid }],
    withinCreation: (stores, created) =>
      services.consents.recordChoices(
        stores.core,
        created.pseudonym as string,
        { membership: true, transaction_linking: true },
        notice.version,
        'weapp',
      ),
  });
  return { openid, pseudonym: member.pseudonym as string };
}
