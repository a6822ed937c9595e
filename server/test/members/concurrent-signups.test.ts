import { PURPOSE_IDS } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { signUpWithWechat } from '../support/member-flows';
import { startMemberServer } from './member-kit';

describeEachDatabase('C-4.2.1.3a sign-ups arriving at the same moment', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url, { DB_POOL_MAX: '10' });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('all succeed: 20 concurrent sign-ups never deadlock into a 500 (MySQL errno 1213)', async () => {
    const choices = { membership: true, parking: true, marketing_messages: false, surveys: true };

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => signUpWithWechat(server, choices)),
    );
    const statuses = answers.map(({ answer }) => answer.status);
    expect(statuses).toEqual(Array(20).fill(201));
    const consents = await server.services.databases.core('consents').count({ n: '*' }).first();
    // One decision per purpose of the catalogue, given or refused, for each sign-up.
    expect(Number(consents?.n)).toBe(20 * PURPOSE_IDS.length);
  });
});
