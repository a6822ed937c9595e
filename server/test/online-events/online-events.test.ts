import crypto from 'node:crypto';
import type { RunningServer } from '../../src/server';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { describeEachDatabase } from '../support/test-databases';
import { capturingLogger } from '../support/test-services';
import { getJson, joinAsMember, startMemberServer } from '../members/member-kit';

const HOUR_MS = 3600_000;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

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
  const logged = capturingLogger('info');

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
    server = await startMemberServer(database().url, {}, logged.log);
    channel = await server.services.devices.register('web shop', 'online-channel');
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('with the online_shopping consent', () => {
    it('records events under the pseudonym only and shows them to the member in ISO 8601 UTC (C-4.2.1.5)', async () => {
      const member = await consenting();
      const card = (await server.services.members.findById(member.memberId))?.cardNo as string;
      const paidAt = new Date(Date.now() + 1000).toISOString();

      const answer = await postEvents([
        browse(member),
        {
          eventKey: freshKey('ev'),
          memberCardNo: card,
          type: 'pay',
          items: [{ sku: 'SKU-1001', quantity: 2 }],
          amountFen: 25_800,
          occurredAt: paidAt,
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
      expect(own.body.events[0].occurredAt).toBe(paidAt);
      expect(own.body.events[0].recordedAt).toMatch(ISO_UTC);
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
    it('refuses with ONLINE_EVENT_NOT_RECORDED and stores nothing (C-4.2.1.5, U-6.1.1)', async () => {
      const member = await joinAsMember(server, { membership: true, online_shopping: false });
      const before = await allRows();

      const answer = await postEvents([browse(member)]);

      expect(answer.body.results[0]).toMatchObject({
        status: 'refused',
        error: { code: 'ONLINE_EVENT_NOT_RECORDED' },
      });
      expect(await allRows()).toBe(before);
    });

    it('refuses events from before the consent was given (C-4.1.2a)', async () => {
      const member = await consenting();

      const answer = await postEvents([
        browse(member, { occurredAt: new Date(Date.now() - 5 * HOUR_MS).toISOString() }),
      ]);

      expect(answer.body.results[0].error.code).toBe('ONLINE_EVENT_NOT_RECORDED');
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
      expect(answer.body.results[0].error.code).toBe('ONLINE_EVENT_NOT_RECORDED');
      expect(await rowsOf(member.pseudonym)).toHaveLength(1);
    });

    it('refuses an unknown member with ONLINE_EVENT_NOT_RECORDED', async () => {
      const answer = await postEvents([
        browse({ pseudonym: `p_${crypto.randomBytes(12).toString('hex')}` }),
      ]);

      expect(answer.body.results[0].error.code).toBe('ONLINE_EVENT_NOT_RECORDED');
    });

    it('answers an unknown card and a known card without consent alike, the reason logged only (C-4.2.1.5, U-6.1.1)', async () => {
      const member = await joinAsMember(server, { membership: true, online_shopping: false });
      const card = (await server.services.members.findById(member.memberId))?.cardNo as string;
      // undefined leaves the pseudonym out of the JSON body.
      const cardEvent = (cardNo: string) =>
        browse(member, { memberCardNo: cardNo, pseudonym: undefined });
      const before = await allRows();
      logged.lines.length = 0;

      const answer = await postEvents([cardEvent('0000000001'), cardEvent(card)]);

      const [unknown, withoutConsent] = answer.body.results;
      expect(unknown.error).toEqual(withoutConsent.error);
      expect(unknown.error).toEqual({
        code: 'ONLINE_EVENT_NOT_RECORDED',
        message: expect.any(String),
      });
      expect(await allRows()).toBe(before);
      const line = logged.lines.find((text) => text.includes('online events received')) as string;
      expect(JSON.parse(line).refusals).toEqual([
        { index: 0, code: 'ONLINE_EVENT_NOT_RECORDED', reason: 'MEMBER_NOT_FOUND' },
        { index: 1, code: 'ONLINE_EVENT_NOT_RECORDED', reason: 'CONSENT_REQUIRED' },
      ]);
      expect(logged.lines.join('\n')).not.toContain(card);
    });

    it('answers a stale event or a used key the same whether or not the card exists (C-4.2.1.5)', async () => {
      const member = await consenting();
      const stale = new Date(Date.now() - 73 * HOUR_MS).toISOString();
      const first = browse(member);
      await postEvents([first]);

      const answer = await postEvents([
        {
          ...browse(member, { occurredAt: stale }),
          pseudonym: undefined,
          memberCardNo: '0000000001',
        },
        browse(member, { occurredAt: stale }),
        { ...first, pseudonym: undefined, memberCardNo: '0000000001' },
      ]);

      expect(
        answer.body.results.map((result: { error: { code: string } }) => result.error.code),
      ).toEqual([
        'ONLINE_EVENT_TIME_INVALID',
        'ONLINE_EVENT_TIME_INVALID',
        'ONLINE_EVENT_KEY_CONFLICT',
      ]);
      expect(await rowsOf(member.pseudonym)).toHaveLength(1);
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

    it.each([
      ['a phone number as the event key', 'eventKey', { eventKey: 'tel:13912340001' }],
      [
        'a phone number with country code as the event key',
        'eventKey',
        { eventKey: 'wx-8613912340001' },
      ],
      [
        'a phone number split by dashes as the event key',
        'eventKey',
        { eventKey: 'o-139-1234-0001' },
      ],
      ['a phone number as the sku', 'items.0.sku', { items: [{ sku: '13912340001' }] }],
      ['a phone number inside the sku', 'items.0.sku', { items: [{ sku: 'SKU13912340001' }] }],
      [
        'an 18-digit ID number as the category',
        'items.0.category',
        { items: [{ sku: 'SKU-1', category: '11010519900307123X' }] },
      ],
      [
        'a 15-digit ID number as the sku',
        'items.0.sku',
        { items: [{ sku: 'id:110105900307123' }] },
      ],
    ])(
      'refuses %s with VALIDATION_FAILED naming the field and stores nothing (C-4.1.3a)',
      async (_name, field, patch) => {
        const member = await consenting();
        const before = await allRows();

        const answer = await postEvents([browse(member, patch)]);

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
        expect(
          answer.body.error.details.issues.map((issue: { path: string }) => issue.path),
        ).toEqual([`events.0.${field}`]);
        expect(JSON.stringify(answer.body)).not.toContain('13912340001');
        expect(await allRows()).toBe(before);
      },
    );

    it('accepts codes that only look long: an EAN-13 barcode and a dated order number (C-4.1.3a)', async () => {
      const member = await consenting();

      const answer = await postEvents([
        browse(member, {
          eventKey: `order-202612031716280571-${process.pid}-${(keyCounter += 1)}`,
          items: [{ sku: '6913912340001', category: 'SKU-1001' }],
        }),
      ]);

      expect(answer.body).toMatchObject({ recorded: 1, refused: 0 });
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

      expect(fromTill.status).toBe(403);
      expect(fromTill.body.error.code).toBe('DEVICE_KIND_FORBIDDEN');
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
      expect(exported.body.onlineEvents[0].occurredAt).toMatch(ISO_UTC);
      expect(exported.body.onlineEvents[0].recordedAt).toMatch(ISO_UTC);
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
      expect(again.body.results[0].error.code).toBe('ONLINE_EVENT_NOT_RECORDED');
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
