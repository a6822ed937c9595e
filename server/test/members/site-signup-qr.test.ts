import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send } from '../support/http-client';
import { startMemberServer } from './member-kit';

describeEachDatabase('website sign-up QR code (C-4.2.1.2)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('GET /v1/site/signup-qr.svg', () => {
    describe('from the retailer’s website', () => {
      it('answers an SVG image', async () => {
        const answer = await send(server.url, 'GET', '/v1/site/signup-qr.svg');

        expect(answer.status).toBe(200);
        expect(answer.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
        expect(answer.text).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
        expect(answer.text).toContain('<path');
      });

      it('carries no personal data: it is the same for everyone (field case "QR codes")', async () => {
        const first = await send(server.url, 'GET', '/v1/site/signup-qr.svg');
        const second = await send(server.url, 'GET', '/v1/site/signup-qr.svg');

        expect(second.text).toBe(first.text);
      });
    });
  });
});
