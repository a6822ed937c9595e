import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { freshPlate, getJson, joinAsMember, startMemberServer } from '../members/member-kit';

describeEachDatabase(
  'C-4.1.2b withdrawal: values kept for one purpose go with it; every decision stays on record',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    it('erases the ID number when the separate sensitive consent is withdrawn (C-4.1.2c)', async () => {
      const member = await joinAsMember(
        server,
        { membership: true, sensitive_id: true },
        { optional: { residentId: '110101199001011237' } },
      );

      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/me/consents/sensitive_id/withdraw',
        {},
        bearer(member.token),
      );
      expect(answer.status).toBe(200);
      expect(answer.body.erased).toEqual({ resident_id: 1 });
      expect(
        await server.services.databases
          .vault('member_sensitive')
          .where({ member_id: member.memberId }),
      ).toHaveLength(0);
    });

    it('unbinds the plates when the parking consent is withdrawn, keeping the membership', async () => {
      const plate = freshPlate();
      const member = await joinAsMember(
        server,
        { membership: true, parking: true },
        { optional: { plate } },
      );

      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/me/consents/parking/withdraw',
        {},
        bearer(member.token),
      );
      expect(answer.body.erased).toEqual({ plate: 1 });
      await expect(
        server.services.vault.findMemberByIdentifier('plate', plate),
      ).resolves.toBeUndefined();
      expect((await getJson(server, '/v1/me', member.token)).status).toBe(200);
    });

    it('keeps grant, withdrawal and the second grant under one notice version as three events', async () => {
      const member = await joinAsMember(server, { membership: true, marketing_messages: true });
      const version = (await getJson(server, '/v1/notices/current')).body.version;

      await sendJson(
        server.url,
        'POST',
        '/v1/me/consents/marketing_messages/withdraw',
        {},
        bearer(member.token),
      );
      await sendJson(
        server.url,
        'POST',
        '/v1/me/consents',
        { noticeVersion: version, choices: { marketing_messages: true } },
        bearer(member.token),
      );
      const events = (await getJson(server, '/v1/me/consents', member.token)).body.events.filter(
        (event: { purpose: string }) => event.purpose === 'marketing_messages',
      );
      expect(events.map((event: { action: string }) => event.action)).toEqual([
        'granted',
        'withdrawn',
        'granted',
      ]);
      expect(
        events.every((event: { noticeVersion: number }) => event.noticeVersion === version),
      ).toBe(true);
    });

    it('writes the withdrawal to the audit chain under the pseudonym', async () => {
      const member = await joinAsMember(server, { membership: true, surveys: true });

      await sendJson(
        server.url,
        'POST',
        '/v1/me/consents/surveys/withdraw',
        {},
        bearer(member.token),
      );
      const rows = await server.services.auditRepository.listForSubject(member.pseudonym);
      expect(
        rows.some(
          (row) =>
            row.action === 'consent.withdraw' &&
            JSON.parse(row.details ?? '{}').purpose === 'surveys',
        ),
      ).toBe(true);
    });
  },
);
