import type { RunningServer } from '../../src/server';
import { chinaDate } from '../../src/suppliers/agreement-state';
import { seedDemoSuppliers } from '../../src/suppliers/demo-suppliers';
import { describeEachDatabase } from '../support/test-databases';
import {
  checkout,
  checkoutRowCounts,
  codes,
  joinShopper,
  payments,
  refund,
  registerTill,
  saleBody,
  startCheckoutServer,
  type Till,
} from './checkout-kit';

const ACTOR = 'staff:test';
const YEAR_MS = 365 * 86_400_000;

describeEachDatabase(
  'C-4.1.4b checkout: payment providers pass the supplier register',
  (database) => {
    let server: RunningServer;
    let till: Till;

    beforeAll(async () => {
      server = await startCheckoutServer(database().url, {
        WECHAT_PAY_SUPPLIER_CODE: 'wechat-pay',
        ALIPAY_SUPPLIER_CODE: 'alipay-unsigned',
      });
      till = await registerTill(server);
      const { register } = server.services.suppliers;
      await seedDemoSuppliers(register, { wechatPay: 'wechat-pay' });
      await register.register(
        {
          code: 'alipay-unsigned',
          name: 'Alipay',
          purpose: 'till payments',
          fields: ['transactions', 'alipay_user'],
        },
        ACTOR,
      );
    });

    afterAll(async () => {
      await server?.stop();
    });

    const providerCalls = () => ({
      wechat: payments(server).wechatPay.calls().length,
      alipay: payments(server).alipay.calls().length,
    });

    const scriptedAlipayCode = () => {
      const paymentCode = codes.alipay();
      payments(server).alipay.script(paymentCode, {
        kind: 'success',
        buyerUserId: '2088000055556666',
      });
      return paymentCode;
    };

    it('C-4.1.4b: seeds the demo Alipay supplier for amounts and payer ids, with an agreement', async () => {
      const { register } = server.services.suppliers;

      await seedDemoSuppliers(register, { alipay: 'demo-alipay' });

      await expect(
        register.assertSupplierMayReceive('demo-alipay', ['transactions', 'alipay_user']),
      ).resolves.toBeUndefined();
    });

    it('C-4.1.4b: refuses Alipay until its agreement is signed; nothing is sent or written', async () => {
      const calls = providerCalls();
      const rows = await checkoutRowCounts(server);

      const refused = await checkout(server, till, saleBody({ paymentCode: scriptedAlipayCode() }));

      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('SUPPLIER_AGREEMENT_MISSING');
      expect(providerCalls()).toEqual(calls);
      expect(await checkoutRowCounts(server)).toEqual(rows);

      await server.services.suppliers.register.addAgreement(
        'alipay-unsigned',
        {
          reference: 'NDA-ALIPAY-1',
          signedOn: chinaDate(new Date()),
          expiresOn: chinaDate(new Date(Date.now() + YEAR_MS)),
        },
        ACTOR,
      );
      const paid = await checkout(server, till, saleBody({ paymentCode: scriptedAlipayCode() }));
      expect(paid.body).toMatchObject({ status: 'paid', provider: 'alipay' });
    });

    it('C-4.1.4b: refuses a till WeChat charge once WeChat Pay has ended; the simulator gets nothing', async () => {
      const earlier = await checkout(server, till, saleBody({ paymentCode: codes.wechat() }));
      expect(earlier.body).toMatchObject({ status: 'paid', provider: 'wechat' });
      const shopper = await joinShopper(server);
      const { code: memberCode } = await server.services.memberCodes.issue(shopper.memberId);
      await server.services.suppliers.register.end('wechat-pay', 'contract over', ACTOR);
      const calls = providerCalls();
      const rows = await checkoutRowCounts(server);

      const refused = await checkout(
        server,
        till,
        saleBody({ paymentCode: codes.wechat(), memberCode }),
      );

      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('SUPPLIER_NOT_REGISTERED');
      expect(providerCalls()).toEqual(calls);
      expect(await checkoutRowCounts(server)).toEqual(rows);
      // The refused sale did not use up the shopper's member code.
      const cash = await checkout(server, till, saleBody({ tender: 'cash', memberCode }));
      expect(cash.body.member.cardNo).toBeDefined();

      // Money taken before the end is still given back: a refund sends nothing new.
      const back = await refund(server, till, earlier.body.checkoutId, {
        refundId: 'R1',
        amountFen: 1_000,
      });
      expect(back.status).toBe(200);
      expect(back.body.refundedFen).toBe(1_000);
    });
  },
);
