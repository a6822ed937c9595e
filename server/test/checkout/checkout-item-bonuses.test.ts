import { DEFAULT_POINTS_PROGRAM } from '@memberkit/shared';
import { describeEachDatabase } from '../support/test-databases';
import { checkout, codes, joinShopper, saleBody, useCheckoutSuite } from './checkout-kit';

describeEachDatabase('checkout: item bonus points on what was paid', (database) => {
  const suite = useCheckoutSuite(database);

  beforeAll(async () => {
    await suite.server.services.pointsProgramme.publish(
      {
        ...DEFAULT_POINTS_PROGRAM,
        earning: {
          basePointsPerYuan: 1,
          itemBonuses: [{ id: 'acme', kind: 'brand', match: 'ACME', extraPointsPerYuan: 5 }],
          multipliers: [],
          signUpBonus: null,
          topUpBonuses: [],
          capPerAward: null,
        },
      },
      'staff:test',
    );
  });

  it('U-6.4.1: awards 6 points, not 49,996, for paying 1 yuan for a 9,999-yuan ACME TV', async () => {
    const shopper = await joinShopper(suite.server);
    const { code: memberCode } = await suite.server.services.memberCodes.issue(shopper.memberId);

    const answer = await checkout(
      suite.server,
      suite.till,
      saleBody({
        amountFen: 100,
        paymentCode: codes.wechat(),
        memberCode,
        items: [{ sku: 'TV', brand: 'ACME', fen: 999_900 }],
      }),
    );

    expect(answer.body.status).toBe('paid');
    expect(answer.body.member.pointsAwarded).toBe(6);
  });
});
