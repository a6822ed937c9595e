import crypto from 'node:crypto';
import type { RunningServer } from '../../src/server';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { getJson, joinAsMember, startMemberServer } from '../members/member-kit';

const HOUR_MS = 3600_000;

type Device = { deviceId: string; secret: string };

let keyCounter = 0;
const freshKey = (prefix: string) => `${prefix}-${process.pid}-${(keyCounter += 1)}`;

function browse(member: { pseudonym: string }, overrides: Record<string, unknown> = {}) {
  return {
    eventKey: freshKey('ev'),
    pseudonym: member.pseudonym,
    type: 'browse',
    items: [{ sku: 'SKU-1001', category: 'shoes' }],
    // After the member's consent: events from before it are refused.
    occurredAt: new Date().toISOString(),
    ...overrides,
  };
}

describeEachDatabase('C-4.2.1.5 online shopping events', (database) => {
  let server: RunningServer;
  let channel: Device;

  const postEvents = (events: unknown[], key = freshKey('idem'), device = channel) =>
    sendSigned(
      server.url,
      device,
      'POST',
      '/v1/online-events',
      { events },
      {
        'Idempotency-Key': key,
      },
    );
  const rowsOf = (pseudonym: string) =>
    server.services.databases.core('online_events').where({ pseudonym });
  const allRows = async () =>
    Number((await server.services.databases.core('online_events').count({ n: '*' }))[0].n);
  const consenting = () => joinAsMember(server, { membership: true, online_shopping: true });

  beforeAll(async () => {
    server = await startMemberServer(database().url);
    channel = await server.services.devices.register('web shop', 'online-channel');
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('with the online_shopping consent', () => {
    it('records events under the pseudonym only and shows them to the member (C-4.2.1.5)', async () => {
      const member = await consenting();
      const card = (await server.services.members.findById(member.memberId))?.cardNo as string;

      const answer = await postEvents([
        browse(member),
        {
          eventKey: freshKey('ev'),
          memberCardNo: card,
          type: 'pay',
          items: [{ sku: 'SKU-1001', quantity: 2 }],
          amountFen: 25_800,
          occurredAt: new Date(Date.now() + 1000).toISOString(),
        },
      ]);

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({ recorded: 2, duplicates: 0, refused: 0 });
      const rows = await rowsOf(member.pseudonym);
      expect(rows).toHaveLength(2);
      expect(JSON.stringify(rows)).not.toContain(card);
      const own = await getJson(server, '/v1/me/online-events', member.token);
      expect(own.body.events.map((event: { type: string }) => event.type)).toEqual([
        'pay',
        'browse',
      ]);
      expect(own.body.events[0]).toMatchObject({ amountFen: 25_800, items: [{ quantity: 2 }] });
    });

    it('stores a retried request once and answers it the same (design.md "Idempotency")', async () => {
      const member = await consenting();
      const events = [browse(member)];
      const key = freshKey('idem');

      const first = await postEvents(events, key);
      const replay = await postEvents(events, key);
      const resentUnderNewKey = await postEvents(events);

      expect(replay.headers.get('Idempotent-Replayed')).toBe('true');
      expect(replay.body).toEqual(first.body);
      expect(resentUnderNewKey.body).toMatchObject({ recorded: 0, duplicates: 1 });
      expect(await rowsOf(member.pseudonym)).toHaveLength(1);
    });

    it('refuses another event under a used event key and keeps the first', async () => {
      const member = await consenting();
      const event = browse(member);
      await postEvents([event]);

      const answer = await postEvents([{ ...event, type: 'favourite' }]);

      expect(answer.body.results[0]).toMatchObject({
        status: 'refused',
        error: { code: 'ONLINE_EVENT_KEY_CONFLICT' },
      });
      const rows = await rowsOf(member.pseudonym);
      expect(rows.map((row) => row.event_type)).toEqual(['browse']);
    });

    it('judges each event on its own: a stale one is refused, the rest recorded (design.md "Queued events")', async () => {
      const member = await consenting();
      const stale = browse(member, {
        occurredAt: new Date(Date.now() - 73 * HOUR_MS).toISOString(),
      });
      const future = browse(member, {
        occurredAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      });

      const answer = await postEvents([stale, browse(member), future]);

      expect(answer.body.results.map((result: { status: string }) => result.status)).toEqual([
        'refused',
        'recorded',
        'refused',
      ]);
      expect(answer.body.results[0].error.code).toBe('ONLINE_EVENT_TIME_INVALID');
      expect(await rowsOf(member.pseudonym)).toHaveLength(1);
    });
  });

  describe('without the consent', () => {
    it('refuses with CONSENT_REQUIRED and stores nothing (C-4.2.1.5, U-6.1.1)', async () => {
      const member = await joinAsMember(server, { membership: true, online_shopping: false });
      const before = await allRows();

      const answer = await postEvents([browse(member)]);

      expect(answer.body.results[0]).toMatchObject({
        status: 'refused',
        error: { code: 'CONSENT_REQUIRED' },
      });
      expect(await allRows()).toBe(before);
    });

    it('refuses events from before the consent was given (C-4.1.2a)', async () => {
      const member = await consenting();

      const answer = await postEvents([
        browse(member, { occurredAt: new Date(Date.now() - 5 * HOUR_MS).toISOString() }),
      ]);

      expect(answer.body.results[0].error.code).toBe('CONSENT_REQUIRED');
      expect(await rowsOf(member.pseudonym)).toHaveLength(0);
    });

    it('refuses after withdrawal and keeps what was recorded before (C-4.1.2b, C-4.2.1.5)', async () => {
      const member = await consenting();
      await postEvents([browse(member)]);

      const withdrawn = await sendJson(
        server.url,
        'POST',
        '/v1/me/consents/online_shopping/withdraw',
        {},
        bearer(member.token),
      );
      const answer = await postEvents([browse(member)]);

      expect(withdrawn.status).toBe(200);
      expect(answer.body.results[0].error.code).toBe('CONSENT_REQUIRED');
      expect(await rowsOf(member.pseudonym)).toHaveLength(1);
    });

    it('refuses an unknown member with MEMBER_NOT_FOUND', async () => {
      const answer = await postEvents([
        browse({ pseudonym: `p_${crypto.randomBytes(12).toString('hex')}` }),
      ]);

      expect(answer.body.results[0].error.code).toBe('MEMBER_NOT_FOUND');
    });
  });

  describe('bad input', () => {
    it.each([
      ['an amount on a browse event', { amountFen: 100 }],
      ['an order without an amount', { type: 'order' }],
      ['free text as an item', { items: [{ sku: '张三 13900000000 的购物车' }] }],
      ['no items', { items: [] }],
      ['a time without offset', { occurredAt: '2025-01-01T10:00:00' }],
      ['both member references', { memberCardNo: '0000000001' }],
      ['an unknown event type', { type: 'search' }],
      ['an unknown field', { searchWords: '口红' }],
    ])('refuses %s with VALIDATION_FAILED and stores nothing (C-4.1.3a)', async (_name, patch) => {
      const member = await consenting();
      const before = await allRows();

      const answer = await postEvents([browse(member), browse(member, patch)]);

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(await allRows()).toBe(before);
    });

    it('refuses more than 100 events, or one event key twice, in a request', async () => {
      const member = await consenting();
      const tooMany = Array.from({ length: 101 }, () => browse(member));
      const twice = browse(member);

      const large = await postEvents(tooMany);
      const repeated = await postEvents([twice, twice]);

      expect(large.body.error.code).toBe('VALIDATION_FAILED');
      expect(repeated.body.error.code).toBe('VALIDATION_FAILED');
      expect(await rowsOf(member.pseudonym)).toHaveLength(0);
    });

    it('admits only online-channel devices, signed (design.md "Interfaces")', async () => {
      const member = await consenting();
      const till = await server.services.devices.register('till 1', 'pos');

      const fromTill = await postEvents([browse(member)], freshKey('idem'), till);
      const unsigned = await sendJson(server.url, 'POST', '/v1/online-events', {
        events: [browse(member)],
      });

      expect(fromTill.body.error.code).toBe('DEVICE_UNKNOWN');
      expect(unsigned.body.error.code).toBe('DEVICE_HEADERS_MISSING');
      expect(await rowsOf(member.pseudonym)).toHaveLength(0);
    });
  });

  describe('export, deletion and retention', () => {
    it('includes the events in the member export (C-4.2.1.3b)', async () => {
      const member = await consenting();
      await postEvents([browse(member)]);

      const exported = await getJson(server, '/v1/me/export', member.token);

      expect(exported.body.onlineEvents).toHaveLength(1);
      expect(exported.body.onlineEvents[0]).toMatchObject({ type: 'browse' });
    });

    it('leaves no event linked to a member who deleted the account (D-7.2)', async () => {
      const member = await consenting();
      await postEvents([browse(member), browse(member)]);

      const deleted = await send(server.url, 'DELETE', '/v1/me', {
        headers: bearer(member.token),
      });

      expect(deleted.status).toBe(200);
      expect(deleted.body.anonymisedRecords['online_events.pseudonym']).toBe(2);
      expect(await rowsOf(member.pseudonym)).toHaveLength(0);
      const again = await postEvents([browse(member)]);
      expect(again.body.results[0].error.code).toBe('MEMBER_NOT_FOUND');
    });

    it('deletes events once the purpose retention has passed (D-7.1)', async () => {
      const member = await consenting();
      await postEvents([browse(member)]);

      const early = await server.services.onlineEvents.retention.run(
        new Date(Date.now() + 364 * 24 * HOUR_MS),
      );
      const late = await server.services.onlineEvents.retention.run(
        new Date(Date.now() + 366 * 24 * HOUR_MS),
      );

      expect(early.deleted).toBe(0);
      expect(late.deleted).toBeGreaterThanOrEqual(1);
      expect(await rowsOf(member.pseudonym)).toHaveLength(0);
    });
  });
});
