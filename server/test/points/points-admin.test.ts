import { DEFAULT_POINTS_PROGRAM } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { bearer } from '../support/member-flows';
import { send, sendJson } from '../support/http-client';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { staffToken } from './points-support';

describeEachDatabase('points admin endpoints (S-5.3b operations role)', (database) => {
  let server: RunningServer;
  let operations: string;

  beforeAll(async () => {
    server = await testServer(database().url);
    operations = await staffToken(server.services);
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('who may use them', () => {
    it('refuses a marketing token with STAFF_ROLE_FORBIDDEN and no token with STAFF_TOKEN_INVALID', async () => {
      const marketing = (await server.services.staff.add('marketer', 'marketing')).token;

      const forbidden = await send(server.url, 'GET', '/v1/admin/points/programme', {
        headers: bearer(marketing),
      });
      const missing = await send(server.url, 'POST', '/v1/admin/points/jobs/daily');

      expect(forbidden.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
      expect(missing.body.error.code).toBe('STAFF_TOKEN_INVALID');
    });
  });

  describe('the programme', () => {
    it('publishes a new version with new tier thresholds, and audits it', async () => {
      const changed = structuredClone(DEFAULT_POINTS_PROGRAM);
      changed.tiers[1].minSpendFen = 300_000;

      const answer = await sendJson(
        server.url,
        'PUT',
        '/v1/admin/points/programme',
        changed,
        bearer(operations),
      );
      const current = await send(server.url, 'GET', '/v1/admin/points/programme', {
        headers: bearer(operations),
      });

      expect(answer.status).toBe(200);
      expect(current.body).toMatchObject({
        version: 2,
        tiers: [{}, { id: 'silver', minSpendFen: 300_000 }, {}, {}],
      });
      const audit = await server.services.databases
        .vault('audit_log')
        .where({ action: 'points.programme.publish' });
      expect(audit).toHaveLength(1);
    });

    it('refuses an inconsistent programme with POINTS_RULES_INVALID', async () => {
      const broken = structuredClone(DEFAULT_POINTS_PROGRAM);
      broken.tiers[0].minSpendFen = 100;

      const answer = await sendJson(
        server.url,
        'PUT',
        '/v1/admin/points/programme',
        broken,
        bearer(operations),
      );

      expect([answer.status, answer.body.error.code]).toEqual([400, 'POINTS_RULES_INVALID']);
    });
  });

  describe('the catalogue and the jobs', () => {
    it('adds, changes and hides an item', async () => {
      const added = await sendJson(
        server.url,
        'POST',
        '/v1/admin/points/catalogue',
        { kind: 'goods', title: '帆布袋', pointsPrice: 200, stock: 10 },
        bearer(operations),
      );
      const changed = await sendJson(
        server.url,
        'PATCH',
        `/v1/admin/points/catalogue/${added.body.id}`,
        { stock: 0, active: false },
        bearer(operations),
      );
      const catalogue = await send(server.url, 'GET', '/v1/points/catalogue');

      expect(added.status).toBe(201);
      expect(changed.body).toMatchObject({ stock: 0, inStock: false, active: false });
      expect(catalogue.body.items.map((item: { id: string }) => item.id)).not.toContain(
        added.body.id,
      );
    });

    it('runs the daily job and lists who has points expiring', async () => {
      const daily = await sendJson(
        server.url,
        'POST',
        '/v1/admin/points/jobs/daily',
        undefined,
        bearer(operations),
      );
      const expiring = await send(server.url, 'GET', '/v1/admin/points/expiring?days=30', {
        headers: bearer(operations),
      });

      expect(daily.body).toEqual({
        reservationsReleased: 0,
        expired: { members: 0, lots: 0, points: 0 },
        tiers: { checked: 0, promoted: 0, demoted: 0 },
      });
      expect(expiring.body).toEqual({ members: [] });
    });
  });

  describe('OpenAPI', () => {
    it('documents every points endpoint', async () => {
      const document = await send(server.url, 'GET', '/openapi.json');

      expect(
        Object.keys(document.body.paths)
          .filter(
            (path) =>
              path.includes('points') || path.endsWith('/tier') || path.endsWith('/redemptions'),
          )
          .sort(),
      ).toEqual([
        '/v1/admin/points/adjustments',
        '/v1/admin/points/catalogue',
        '/v1/admin/points/catalogue/{itemId}',
        '/v1/admin/points/expiring',
        '/v1/admin/points/jobs/{job}',
        '/v1/admin/points/programme',
        '/v1/me/points',
        '/v1/me/points/history',
        '/v1/me/redemptions',
        '/v1/me/tier',
        '/v1/points/awards',
        '/v1/points/catalogue',
        '/v1/points/offsets',
        '/v1/points/offsets/{reservationId}/commit',
        '/v1/points/offsets/{reservationId}/release',
        '/v1/points/refunds',
      ]);
    });
  });
});
