import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { getJson } from '../members/member-kit';
import {
  checkout,
  codes,
  joinShopper,
  payments,
  saleBody,
  saleRow,
  useCheckoutSuite,
} from './checkout-kit';

describeEachDatabase('checkout: linking sales to members', (database) => {
  const suite = useCheckoutSuite(database);

  const claim = (token: string, code: string, rememberAlipayPayer?: boolean) =>
    sendJson(
      suite.server.url,
      'POST',
      '/v1/me/receipt-claims',
      { code, ...(rememberAlipayPayer === undefined ? {} : { rememberAlipayPayer }) },
      bearer(token),
    );

  describe('a WeChat Pay payer', () => {
    it('C-4.2.1.4 U-6.1.1: links a consenting member and awards points', async () => {
      const shopper = await joinShopper(suite.server);
      const paymentCode = codes.wechat();
      payments(suite.server).wechatPay.script(paymentCode, {
        kind: 'success',
        openid: shopper.openid,
      });

      const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        status: 'paid',
        provider: 'wechat',
        tender: 'payment-code',
      });
      expect(answer.body.member.pointsAwarded).toBeGreaterThan(0);
      expect(answer.body.member.balance).toBeGreaterThanOrEqual(answer.body.member.pointsAwarded);
      expect(answer.body.receiptClaim).toBeUndefined();
      const row = await saleRow(suite.server, answer.body.transactionId);
      expect(row.pseudonym).toBe(shopper.pseudonym);
      expect(JSON.stringify(row)).not.toContain(shopper.openid);
    });

    it('U-6.1.1: keeps the sale of a member without the linking consent unlinked, with no points', async () => {
      const shopper = await joinShopper(suite.server, false);
      const paymentCode = codes.wechat();
      payments(suite.server).wechatPay.script(paymentCode, {
        kind: 'success',
        openid: shopper.openid,
      });
      const awardsBefore = await suite.server.services.databases
        .core('points_awards')
        .count({ n: '*' });

      const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));

      expect(answer.body).toMatchObject({ status: 'paid', provider: 'wechat' });
      expect(answer.body.member).toBeUndefined();
      expect(answer.body.receiptClaim).toBeUndefined();
      const row = await saleRow(suite.server, answer.body.transactionId);
      expect(row.pseudonym).toBeNull();
      expect(row.award_state).toBe('none');
      const awardsAfter = await suite.server.services.databases
        .core('points_awards')
        .count({ n: '*' });
      expect(Number(awardsAfter[0].n)).toBe(Number(awardsBefore[0].n));
    });
  });

  describe('an Alipay payer', () => {
    it('C-4.2.1.4: gets a receipt claim; the claim links and awards once; a remembered payer links by itself', async () => {
      const shopper = await joinShopper(suite.server);
      const buyerUserId = '2088000011112222';
      const firstCode = codes.alipay();
      payments(suite.server).alipay.script(firstCode, { kind: 'success', buyerUserId });

      const first = await checkout(suite.server, suite.till, saleBody({ paymentCode: firstCode }));
      expect(first.body).toMatchObject({ status: 'paid', provider: 'alipay' });
      expect(first.body.member).toBeUndefined();
      expect(first.body.receiptClaim.code).toMatch(/^[0-9A-Z]{12}$/);
      expect(first.body.receiptClaim.qrText).toContain(first.body.receiptClaim.code);
      expect(first.body.receiptClaim.qrText).toMatch(/&p=alipay$/);
      const stored = JSON.stringify(await saleRow(suite.server, first.body.transactionId));
      expect(stored).not.toContain(buyerUserId);

      const claimed = await claim(shopper.token, first.body.receiptClaim.code, true);
      expect(claimed.status).toBe(200);
      expect(claimed.body).toMatchObject({
        transactionId: first.body.transactionId,
        rememberedAlipayPayer: true,
      });
      expect(claimed.body.pointsAwarded).toBeGreaterThan(0);
      expect((await claim(shopper.token, first.body.receiptClaim.code)).body.pointsAwarded).toBe(
        claimed.body.pointsAwarded,
      );
      const other = await joinShopper(suite.server);
      expect((await claim(other.token, first.body.receiptClaim.code)).body.error.code).toBe(
        'RECEIPT_CLAIM_INVALID',
      );

      const secondCode = codes.alipay();
      payments(suite.server).alipay.script(secondCode, { kind: 'success', buyerUserId });
      const second = await checkout(
        suite.server,
        suite.till,
        saleBody({ paymentCode: secondCode }),
      );
      expect(second.body.member.pointsAwarded).toBeGreaterThan(0);
      expect(second.body.receiptClaim).toBeUndefined();
      expect((await saleRow(suite.server, second.body.transactionId)).link_via).toBe('alipay');

      const history = await getJson(suite.server, '/v1/me/transactions', shopper.token);
      expect(
        history.body.transactions.map((sale: { transactionId: string }) => sale.transactionId),
      ).toEqual(expect.arrayContaining([first.body.transactionId, second.body.transactionId]));
      expect(history.text).not.toContain(buyerUserId);
    });

    it('U-6.1.1 C-4.1.2b: refuses a claim without the linking consent, and withdrawal forgets remembered payers', async () => {
      const outsider = await joinShopper(suite.server, false);
      const buyerUserId = '2088000033334444';
      const firstCode = codes.alipay();
      payments(suite.server).alipay.script(firstCode, { kind: 'success', buyerUserId });
      const first = await checkout(suite.server, suite.till, saleBody({ paymentCode: firstCode }));

      const refused = await claim(outsider.token, first.body.receiptClaim.code, true);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'CONSENT_REQUIRED',
        details: { purpose: 'transaction_linking' },
      });
      expect((await saleRow(suite.server, first.body.transactionId)).pseudonym).toBeNull();

      const shopper = await joinShopper(suite.server);
      expect((await claim(shopper.token, first.body.receiptClaim.code, true)).status).toBe(200);
      await suite.server.services.withdrawals.withdraw(
        shopper.memberId,
        'transaction_linking',
        'weapp',
      );
      const remembered = await suite.server.services.databases
        .core('remembered_payers')
        .where({ pseudonym: shopper.pseudonym });
      expect(remembered).toHaveLength(0);

      const secondCode = codes.alipay();
      payments(suite.server).alipay.script(secondCode, { kind: 'success', buyerUserId });
      const second = await checkout(
        suite.server,
        suite.till,
        saleBody({ paymentCode: secondCode }),
      );
      expect(second.body.member).toBeUndefined();
      expect(second.body.receiptClaim).toBeDefined();
    });
  });

  describe('a member code on a cash sale', () => {
    it('C-4.2.1.4: links and awards points; the same code again is refused', async () => {
      const shopper = await joinShopper(suite.server);
      const { code } = await suite.server.services.memberCodes.issue(shopper.memberId);

      const first = await checkout(
        suite.server,
        suite.till,
        saleBody({ tender: 'cash', memberCode: code }),
      );
      expect(first.body).toMatchObject({ status: 'paid', provider: 'none', tender: 'cash' });
      expect(first.body.member.pointsAwarded).toBeGreaterThan(0);
      expect(first.body.receiptClaim).toBeUndefined();

      const again = await checkout(
        suite.server,
        suite.till,
        saleBody({ tender: 'cash', memberCode: code }),
      );
      expect(again.status).toBe(422);
      expect(again.body.error.code).toBe('MEMBER_CODE_REFUSED');
    });

    it('refuses an expired code and records nothing for that sale', async () => {
      const shopper = await joinShopper(suite.server);
      const { code } = await suite.server.services.memberCodes.issue(shopper.memberId);
      const body = saleBody({
        tender: 'cash',
        memberCode: code,
        occurredAt: new Date(Date.now() - 10 * 60_000).toISOString(),
      });

      const answer = await checkout(suite.server, suite.till, body);

      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('MEMBER_CODE_REFUSED');
      const rows = await suite.server.services.databases
        .core('checkout_transactions')
        .where({ checkout_id: body.checkoutId });
      expect(rows).toHaveLength(0);
    });

    it('gives a cash sale without a member code a receipt claim', async () => {
      const answer = await checkout(suite.server, suite.till, saleBody({ tender: 'cash' }));
      expect(answer.body).toMatchObject({ status: 'paid', provider: 'none' });
      expect(answer.body.receiptClaim.code).toMatch(/^[0-9A-Z]{12}$/);
    });
  });
});
