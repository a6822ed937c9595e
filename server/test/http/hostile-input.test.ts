import fs from 'node:fs';
import http from 'node:http';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { joinAsMember, staffToken, startMemberServer } from '../members/member-kit';

describeEachDatabase(
  'inputs a careless or hostile user sent, each a coded 4xx that stores nothing',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    /** fetch refuses methods like TRACE, so this goes through node:http as curl would. */
    function rawRequest(
      method: string,
      path: string,
    ): Promise<{ status: number; body: { error: { code: string } } }> {
      return new Promise((resolve, reject) => {
        const request = http.request(`${server.url}${path}`, { method }, (response) => {
          let text = '';
          response.on('data', (chunk) => (text += chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text || '{}') }),
          );
        });
        request.on('error', reject);
        request.end();
      });
    }

    it.each(['TRACE', 'PROPFIND', 'LINK', 'PURGE'])(
      'answers the unknown method %s with 405 METHOD_NOT_ALLOWED, not a 500',
      async (method) => {
        const answer = await rawRequest(method, '/healthz');

        expect(answer.status).toBe(405);
        expect(answer.body.error.code).toBe('METHOD_NOT_ALLOWED');
      },
    );

    it.each(['2099-01-01', '1800-01-01', '0000-01-01'])(
      'C-4.2.1.1 refuses the impossible birth date %s',
      async (birthDate) => {
        const member = await joinAsMember(server);

        const answer = await sendJson(
          server.url,
          'PATCH',
          '/v1/me/profile',
          { profile: { birthDate } },
          bearer(member.token),
        );
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      },
    );

    it.each(['a\u0000b', '\u202eevil', 'tab\there'])(
      'refuses a name with control characters (%j)',
      async (name) => {
        const member = await joinAsMember(server);

        const answer = await sendJson(
          server.url,
          'PATCH',
          '/v1/me/profile',
          { profile: { name } },
          bearer(member.token),
        );
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      },
    );

    it('refuses a notice that would leave a purpose with no fields', async () => {
      const officer = await staffToken(server, 'privacy-officer');

      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/admin/notices',
        { text: '新版隐私政策：会员服务不再收集任何信息。', scope: { membership: [] } },
        bearer(officer),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('keeps the SQLite files readable by the service user only', () => {
      const file = database().sqliteFile;
      if (!file) return;

      expect(fs.statSync(file).mode & 0o077).toBe(0);
    });
  },
);
