import crypto from 'node:crypto';
import { sendJson, sendSigned } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { getJson } from '../members/member-kit';
import { checkout, codes, joinShopper, payments, saleBody, useCheckoutSuite } from './checkout-kit';

describeEachDatabase('checkout: receipt claim QR and preview', (database) => {
  const suite = useCheckoutSuite(database);

  const preview = (token: string, code: string) =>
    getJson(suite.server, `/v1/me/receipt-claims/${encodeURIComponent(code)}`, token);

  const cashSale = async (amountFen = 500) => {
    const answer = await checkout(
      suite.server,
      suite.till,
      saleBody({ amountFen, items: [], tender: 'cash' }),
    );
    return answer.body as {
      transactionId: string;
      occurredAt: string;
      receiptClaim: { code: string; qrText: string };
    };
  };

  describe('the claim QR of a till sale (C-4.2.1.4)', () => {
    it('points at this server, not at the caller’s Origin header', async () => {
      const plain = await checkout(suite.server, suite.till, saleBody({ tender: 'cash' }));
      const withOrigin = await sendSigned(
        suite.server.url,
        suite.till,
        'POST',
        '/v1/checkouts',
        saleBody({ tender: 'cash' }),
        { 'Idempotency-Key': crypto.randomUUID(), Origin: 'https://evil.example' },
      );

      for (const sale of [plain, withOrigin]) {
        expect(sale.body.receiptClaim.qrText).toBe(
          `${suite.server.url}/h5/#/pages/receipt-claim/index?r=${sale.body.receiptClaim.code}`,
        );
      }
    });
  });

  describe('GET /v1/me/receipt-claims/:code', () => {
    it('C-4.1.2a: shows the amount, time and provider of an unclaimed code, and nothing else', async () => {
      const shopper = await joinShopper(suite.server);
      const sale = await cashSale(1_234);

      const answer = await preview(shopper.token, sale.receiptClaim.code.toLowerCase());

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        amountFen: 1_234,
        occurredAt: sale.occurredAt,
        provider: 'none',
      });
    });

    it('names Alipay for an Alipay sale, never its payer', async () => {
      const shopper = await joinShopper(suite.server);
      const paymentCode = codes.alipay();
      const buyerUserId = '2088000033334444';
      payments(suite.server).alipay.script(paymentCode, { kind: 'success', buyerUserId });
      const sale = await checkout(suite.server, suite.till, saleBody({ paymentCode }));

      const answer = await preview(shopper.token, sale.body.receiptClaim.code);

      expect(answer.body.provider).toBe('alipay');
      expect(answer.text).not.toContain(buyerUserId);
    });

    it('answers RECEIPT_CLAIM_INVALID for a claimed, expired, unknown or malformed code', async () => {
      const shopper = await joinShopper(suite.server);
      const claimed = await cashSale();
      const claim = await sendJson(
        suite.server.url,
        'POST',
        '/v1/me/receipt-claims',
        { code: claimed.receiptClaim.code },
        bearer(shopper.token),
      );
      expect(claim.status).toBe(200);
      const expired = await cashSale();
      await suite.server.services.databases
        .core('receipt_claims')
        .where({ code: expired.receiptClaim.code })
        .update({ expires_at: '2000-01-01 00:00:00' });

      for (const code of [
        claimed.receiptClaim.code,
        expired.receiptClaim.code,
        'ZZZZZZZZZZZZ',
        'short',
        '<script>',
      ]) {
        const answer = await preview(shopper.token, code);
        expect([code, answer.status, answer.body.error.code]).toEqual([
          code,
          404,
          'RECEIPT_CLAIM_INVALID',
        ]);
      }
    });

    it('needs a member session', async () => {
      const sale = await cashSale();

      const answer = await getJson(suite.server, `/v1/me/receipt-claims/${sale.receiptClaim.code}`);

      expect(answer.status).toBe(401);
    });
  });
});
