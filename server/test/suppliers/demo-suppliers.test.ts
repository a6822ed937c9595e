import { seedDemoMall } from '../../src/demo/demo-seed';
import type { RunningServer } from '../../src/server';
import { sendJson } from '../support/http-client';
import { describeEachDatabase } from '../support/test-databases';
import { freshPhone, startMemberServer } from '../members/member-kit';

describeEachDatabase('C-4.1.4b demo mall suppliers', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    // What development mode configures by default (platform/config.ts).
    server = await startMemberServer(database().url, {
      SMS_SUPPLIER_CODE: 'aliyun-sms',
      WECHAT_PAY_SUPPLIER_CODE: 'wechat-pay',
    });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('registers the simulated SMS gateway and WeChat Pay with valid agreements, once', async () => {
    await seedDemoMall(server.services);
    await seedDemoMall(server.services);

    const suppliers = await server.services.suppliers.register.list();

    expect(
      suppliers.map(({ code, agreementState, agreements }) => ({
        code,
        agreementState,
        agreements: agreements.length,
      })),
    ).toEqual([
      { code: 'aliyun-sms', agreementState: 'valid', agreements: 1 },
      { code: 'wechat-pay', agreementState: 'valid', agreements: 1 },
    ]);
  });

  it('lets a development server send SMS codes after seeding (C-4.1.4b, C-4.2.1.3a)', async () => {
    const phone = freshPhone();

    const answer = await sendJson(server.url, 'POST', '/v1/auth/sms/send', {
      phone,
      purpose: 'login',
    });

    expect(answer.status).toBe(200);
    expect(server.simulators!.sms.sentCount(phone)).toBe(1);
  });

  it('lets payment orders carry amounts and openids to the seeded WeChat Pay only (C-4.1.4b)', async () => {
    const { register } = server.services.suppliers;

    await expect(
      register.assertSupplierMayReceive('wechat-pay', ['transactions', 'wechat_openid']),
    ).resolves.toBeUndefined();
    await expect(register.assertSupplierMayReceive('wechat-pay', ['phone'])).rejects.toMatchObject({
      code: 'SUPPLIER_SCOPE_EXCEEDED',
    });
  });
});
