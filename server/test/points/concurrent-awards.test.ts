import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  ledgerFacts,
  newMember,
  plainProgramme,
  publish,
  sendAward,
  type Device,
  type TestMember,
} from './points-support';

const AWARDS = 100;

// Amounts that do not round to the same points, so a lost or doubled award shows in the sum.
const amountOf = (index: number) => 1_000 + index * 137;
const expectedSum = Array.from({ length: AWARDS }, (_, index) =>
  Math.floor(amountOf(index) / 100),
).reduce((sum, points) => sum + points, 0);

describeEachDatabase('U-6.4.1 concurrent awards to one member over HTTP', (database) => {
  let server: RunningServer;
  let device: Device;
  let member: TestMember;
  // A replay is the same request again, body and all (design.md "Idempotency").
  const occurredAt = new Date().toISOString();

  beforeAll(async () => {
    // A pool of 10: the 100 requests really overlap inside MariaDB, not in a queue before it.
    server = await testServer(database().url, { DB_POOL_MAX: '10' });
    device = await server.services.devices.register('till 7', 'pos');
    await publish(server.services, plainProgramme());
    member = await newMember(server);
  });

  afterAll(async () => {
    await server.stop();
  });

  const awardAll = (keyPrefix: string) =>
    Promise.all(
      Array.from({ length: AWARDS }, (_, index) =>
        sendAward(
          server,
          device,
          {
            memberCardNo: member.cardNo,
            sourceKey: `POS7-${index}`,
            amountFen: amountOf(index),
            occurredAt,
          },
          `${keyPrefix}-${index}`,
        ),
      ),
    );

  describe(`${AWARDS} awards sent at once`, () => {
    it('gives the exact sum, every award once', async () => {
      const answers = await awardAll('first');

      expect(
        answers.filter((answer) => answer.status !== 200).map((answer) => answer.text),
      ).toEqual([]);
      expect(answers.every((answer) => answer.body.replayed === false)).toBe(true);
      const facts = await ledgerFacts(server.services, member.pseudonym);
      expect(facts).toEqual({
        sum: expectedSum,
        balance: expectedSum,
        lotsRemaining: expectedSum,
        entries: AWARDS,
      });
      expect(Math.max(...answers.map((answer) => answer.body.balance))).toBe(expectedSum);
    });
  });

  describe('replaying all of them at once', () => {
    it('answers from the idempotency store with the same keys and changes nothing', async () => {
      const answers = await awardAll('first');

      expect(answers.every((answer) => answer.status === 200)).toBe(true);
      expect(answers.every((answer) => answer.headers.get('idempotent-replayed') === 'true')).toBe(
        true,
      );
      expect((await ledgerFacts(server.services, member.pseudonym)).sum).toBe(expectedSum);
    });

    it('recognises the source keys under new idempotency keys and changes nothing', async () => {
      const answers = await awardAll('retry');

      expect(answers.every((answer) => answer.status === 200 && answer.body.replayed)).toBe(true);
      expect(answers.map((answer) => answer.body.points)).toEqual(
        Array.from({ length: AWARDS }, (_, index) => Math.floor(amountOf(index) / 100)),
      );
      expect(await ledgerFacts(server.services, member.pseudonym)).toMatchObject({
        sum: expectedSum,
        entries: AWARDS,
      });
    });
  });
});
