import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { getJson, staffToken, startMemberServer } from '../members/member-kit';

describeEachDatabase('U-6.1.2 publishing a notice that mentions only some purposes', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('keeps the fields of every purpose it does not mention, and widens only the one it names', async () => {
    const before = (await getJson(server, '/v1/notices/current')).body;
    const officer = await staffToken(server, 'privacy-officer');
    const marketing = before.purposes.find(
      (purpose: { id: string }) => purpose.id === 'marketing_messages',
    );

    const published = await sendJson(
      server.url,
      'POST',
      '/v1/admin/notices',
      {
        text: `${before.text}\n\n营销消息新增称呼。`,
        scope: { marketing_messages: [...marketing.fields, 'nickname'] },
      },
      bearer(officer),
    );
    const after = (await getJson(server, '/v1/notices/current')).body;
    expect(published.status).toBe(201);
    expect(published.body.widened).toEqual(['marketing_messages']);
    for (const purpose of after.purposes as Array<{ id: string; fields: string[] }>) {
      const previous = before.purposes.find(
        (candidate: { id: string }) => candidate.id === purpose.id,
      );
      const expected =
        purpose.id === 'marketing_messages' ? [...previous.fields, 'nickname'] : previous.fields;
      expect({ id: purpose.id, fields: purpose.fields }).toEqual({
        id: purpose.id,
        fields: expected,
      });
    }
  });
});
