import { describeEachDatabase } from '../support/test-databases';
import { checkout, codes, joinShopper, payments, saleBody, useCheckoutSuite } from './checkout-kit';

describeEachDatabase('checkout: payment-code outcomes', (database) => {
  const suite = useCheckoutSuite(database);

  const wechatOrders = (transactionId: string) =>
    payments(suite.server)
      .wechatPay.orders()
      .filter((order) => order.outTradeNo.startsWith(transactionId));

  it('C-4.2.1.4: refuses a UnionPay code and a product barcode without calling any provider', async () => {
    const wechatCalls = payments(suite.server).wechatPay.calls().length;
    const alipayCalls = payments(suite.server).alipay.calls().length;

    for (const paymentCode of [codes.unionpay(), '6901234567892000']) {
      const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('PAYMENT_CODE_NOT_ACCEPTED');
    }

    expect(payments(suite.server).wechatPay.calls()).toHaveLength(wechatCalls);
    expect(payments(suite.server).alipay.calls()).toHaveLength(alipayCalls);
  });

  it('C-4.2.1.4: refuses a UnionPay or unknown code on a zero-amount sale too, and writes nothing', async () => {
    const knex = suite.server.services.databases.core;
    for (const paymentCode of [
      codes.unionpay(),
      '6901234567892000',
      '991234567890123456',
      '880000000001123456',
    ]) {
      const body = saleBody({ amountFen: 0, items: [], paymentCode });

      const answer = await checkout(suite.server, suite.till, body);

      expect([paymentCode, answer.status, answer.body.error.code]).toEqual([
        paymentCode,
        422,
        'PAYMENT_CODE_NOT_ACCEPTED',
      ]);
      expect(await knex('checkout_transactions').where({ checkout_id: body.checkoutId })).toEqual(
        [],
      );
    }
  });

  it('settles a zero amount locally with provider none', async () => {
    const calls = payments(suite.server).wechatPay.calls().length;
    const answer = await checkout(
      suite.server,
      suite.till,
      saleBody({ amountFen: 0, items: [], paymentCode: codes.wechat() }),
    );
    expect(answer.body).toMatchObject({ status: 'paid', provider: 'none', amountFen: 0 });
    expect(payments(suite.server).wechatPay.calls()).toHaveLength(calls);
  });

  it('field case B and D: a declined code, then a new code under a new key is attempt 2', async () => {
    const declinedCode = codes.wechat();
    payments(suite.server).wechatPay.script(declinedCode, {
      kind: 'refused',
      errCode: 'NOTENOUGH',
    });
    const body = saleBody({ paymentCode: declinedCode });

    const declined = await checkout(suite.server, suite.till, body);
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({ status: 'declined', declineCode: 'NOTENOUGH' });

    const paid = await checkout(suite.server, suite.till, { ...body, paymentCode: codes.wechat() });
    expect(paid.body).toMatchObject({ status: 'paid', transactionId: declined.body.transactionId });
    const numbers = wechatOrders(paid.body.transactionId).map((order) => order.outTradeNo);
    expect(numbers.sort()).toEqual([
      `${paid.body.transactionId}-1`,
      `${paid.body.transactionId}-2`,
    ]);
  });

  it('field case A: USERPAYING, then the shopper confirms: paid once, nothing reversed', async () => {
    const paymentCode = codes.wechat();
    payments(suite.server).wechatPay.script(paymentCode, {
      kind: 'paying-then-success',
      payingQueries: 2,
    });
    const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));
    expect(answer.body.status).toBe('paid');
    const calls = payments(suite.server)
      .wechatPay.calls()
      .filter((call) => call.outTradeNo === `${answer.body.transactionId}-1`);
    expect(calls.some((call) => call.api === 'reverse')).toBe(false);
  });

  it('field case B: the shopper never confirms: reversed and declined as CANCELLED', async () => {
    const paymentCode = codes.wechat();
    payments(suite.server).wechatPay.script(paymentCode, { kind: 'never-confirms' });
    const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));
    expect(answer.body).toMatchObject({ status: 'declined', declineCode: 'CANCELLED' });
    expect(wechatOrders(answer.body.transactionId)[0].state).toBe('REVOKED');
  });

  it('field case C: SYSTEMERROR and a hung pay call are unknown, and a query finds them paid', async () => {
    const systemError = codes.wechat();
    payments(suite.server).wechatPay.script(systemError, { kind: 'system-error', paid: true });
    const timedOut = codes.wechat();
    payments(suite.server).wechatPay.script(timedOut, {
      kind: 'no-answer',
      how: 'hang',
      paid: true,
    });

    for (const paymentCode of [systemError, timedOut]) {
      const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));
      expect(answer.body.status).toBe('paid');
    }
  });

  it('treats a shopper who pays between the last query and the reverse as paid', async () => {
    const shopper = await joinShopper(suite.server);
    const paymentCode = codes.wechat();
    payments(suite.server).wechatPay.script(paymentCode, {
      kind: 'pays-before-reverse',
      openid: shopper.openid,
    });
    const answer = await checkout(suite.server, suite.till, saleBody({ paymentCode }));
    expect(answer.body.status).toBe('paid');
    expect(answer.body.member.pointsAwarded).toBeGreaterThan(0);
  });

  it('answers 502 while the outcome stays unknown, keeps the order number, and settles on retry', async () => {
    const paymentCode = codes.wechat();
    payments(suite.server).wechatPay.script(paymentCode, { kind: 'system-error', paid: true });
    payments(suite.server).wechatPay.forgeSignatures('orderquery', 3);
    payments(suite.server).wechatPay.forgeSignatures('reverse', 5);
    const body = saleBody({ paymentCode });

    const unknown = await checkout(suite.server, suite.till, body, 'unknown-outcome-key');
    expect(unknown.status).toBe(502);
    // The till must learn that the shopper may have paid, not a bare INTERNAL.
    expect(unknown.body.error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
    const attempts = await suite.server.services.databases.core('checkout_attempts').where({
      status: 'pending',
    });
    expect(attempts.map((row) => row.channel_order_no)).toContainEqual(
      expect.stringMatching(/-1$/),
    );

    const settled = await checkout(suite.server, suite.till, body, 'unknown-outcome-key');
    expect(settled.body.status).toBe('paid');
    expect(wechatOrders(settled.body.transactionId)).toHaveLength(1);
  });

  it('Alipay: an unknown outcome answers 502; the retry settles it by query, never a second pay', async () => {
    const paymentCode = codes.alipay();
    payments(suite.server).alipay.script(paymentCode, { kind: 'system-error', paid: true });
    // Every answer unreadable: the cancels reach Alipay (which refunds the payment) but the
    // client cannot tell, so the outcome stays unknown until the retry's query reads it.
    payments(suite.server).alipay.forgeSignatures('alipay.trade.query', 2);
    payments(suite.server).alipay.forgeSignatures('alipay.trade.cancel', 5);
    const body = saleBody({ paymentCode });

    const unknown = await checkout(suite.server, suite.till, body, 'alipay-unknown-key');
    expect(unknown.status).toBe(502);
    expect(unknown.body.error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
    const settled = await checkout(suite.server, suite.till, body, 'alipay-unknown-key');

    expect(settled.body).toMatchObject({ status: 'declined', declineCode: 'CANCELLED' });
    const trades = payments(suite.server)
      .alipay.orders()
      .filter((trade) => trade.outTradeNo.startsWith(settled.body.transactionId));
    expect(trades).toEqual([
      expect.objectContaining({ status: 'TRADE_CLOSED', cancelAction: 'refund' }),
    ]);
    const pays = payments(suite.server)
      .alipay.calls()
      .filter((call) => call.method === 'alipay.trade.pay');
    expect(pays.filter((call) => call.outTradeNo === trades[0].outTradeNo)).toHaveLength(1);
  });

  it('Alipay: a buyer who confirms after WAIT_BUYER_PAY is paid; a refused code is declined', async () => {
    const waiting = codes.alipay();
    payments(suite.server).alipay.script(waiting, {
      kind: 'paying-then-success',
      waitingQueries: 1,
    });
    expect(
      (await checkout(suite.server, suite.till, saleBody({ paymentCode: waiting }))).body.status,
    ).toBe('paid');

    const poor = codes.alipay();
    payments(suite.server).alipay.script(poor, {
      kind: 'refused',
      subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH',
    });
    const declined = await checkout(suite.server, suite.till, saleBody({ paymentCode: poor }));
    expect(declined.body).toMatchObject({
      status: 'declined',
      provider: 'alipay',
      declineCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH',
    });
  });
});
