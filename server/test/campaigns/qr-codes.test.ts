import { readScannedCode } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  bearer,
  createCampaign,
  decodeQrPng,
  decodeQrSvg,
  fetchQr,
  newMember,
  send,
  sendJson,
  staffToken,
} from './collection-support';

const PERSONAL = /1[3-9]\d{9}|\d{17}[\dX]|[\u4e00-\u9fff]|@|openid|p_[0-9a-f]{24}|m_[0-9a-f]{24}/;

describeEachDatabase(
  'QR codes of every kind hold only a short signed token and read back (C-4.2.2.1, C-4.2.2.2, C-4.2.2.3, C-4.2.2.4, C-4.2.2.5)',
  (database) => {
    let server: RunningServer;
    const made: Array<{ label: string; path: string; staff: string; token: string; kind: string }> =
      [];

    beforeAll(async () => {
      server = await testServer(database().url);
      const marketing = await staffToken(server, 'marketing');
      const operations = await staffToken(server, 'operations');
      const desk = await staffToken(server, 'service-desk');
      await newMember(server, { membership: true }, { profile: { name: '王小明' } });

      const campaign = await createCampaign(server, marketing, { stores: ['S01', 'S02'] });
      const survey = await sendJson(
        server.url,
        'POST',
        '/v1/admin/surveys',
        { title: '满意度', questions: [{ kind: 'scale', prompt: '满意吗？' }] },
        bearer(marketing),
      );
      const guide = await sendJson(
        server.url,
        'POST',
        '/v1/admin/guides',
        { displayName: '李导购', storeCode: 'S01', joiningRewardPoints: 100 },
        bearer(operations),
      );
      const signup = await sendJson(
        server.url,
        'POST',
        '/v1/service-desk/signups',
        {},
        bearer(desk),
      );
      made.push(
        {
          label: 'campaign, store S02',
          path: `/v1/admin/campaigns/${campaign.id}/qr`,
          staff: marketing,
          token: campaign.codes[0].token,
          kind: 'campaign',
        },
        {
          label: 'survey',
          path: `/v1/admin/surveys/${survey.body.id}/qr`,
          staff: marketing,
          token: survey.body.code.token,
          kind: 'survey',
        },
        {
          label: 'shopping guide',
          path: `/v1/admin/guides/${guide.body.id}/qr`,
          staff: operations,
          token: guide.body.code.token,
          kind: 'guide',
        },
        {
          label: 'service-desk sign-up',
          path: `/v1/service-desk/signups/${signup.body.id}/qr`,
          staff: desk,
          token: signup.body.code.token,
          kind: 'desk',
        },
      );
    });

    afterAll(async () => {
      await server.stop();
    });

    describe.each(['png', 'svg'] as const)('as %s', (format) => {
      const decode = (bytes: Buffer) =>
        format === 'png' ? decodeQrPng(bytes) : decodeQrSvg(bytes.toString('utf8'));

      it.each(['url', 'scene'] as const)(
        'reads back, with jsQR, the %s form of every kind of code and gives the token',
        async (form) => {
          for (const code of made) {
            const image = await fetchQr(server, `${code.path}.${format}?form=${form}`, code.staff);
            expect(image.status).toBe(200);
            expect(image.type).toBe(format === 'png' ? 'image/png' : 'image/svg+xml');

            const text = decode(image.bytes);
            expect({ label: code.label, text: typeof text }).toEqual({
              label: code.label,
              text: 'string',
            });
            expect(text).not.toMatch(PERSONAL);
            expect(readScannedCode(text)).toEqual({ kind: code.kind, token: code.token });
            if (form === 'scene') expect((text as string).length).toBeLessThanOrEqual(32);
          }
        },
      );
    });

    it('puts each store in its own campaign code: the S02 code reads back as S02', async () => {
      const [campaign] = made;
      const image = await fetchQr(server, `${campaign.path}.png?store=S02`, campaign.staff);
      const scanned = readScannedCode(decodeQrPng(image.bytes));

      const view = await send(server.url, 'GET', `/v1/campaigns/${scanned.token}`);

      expect(view.body.storeCode).toBe('S02');
      expect(scanned.token).not.toBe(campaign.token);
    });

    it('holds nothing but the page and the token in the URL form', async () => {
      const [campaign] = made;
      const image = await fetchQr(server, `${campaign.path}.png`, campaign.staff);

      expect(decodeQrPng(image.bytes)).toBe(
        `${server.url}/h5/#/pages/campaign/index?c=${campaign.token}`,
      );
    });

    it('ignores an Origin header: a client cannot put its own host into a printed code', async () => {
      const [campaign] = made;
      const response = await fetch(`${server.url}${campaign.path}.png`, {
        headers: { ...bearer(campaign.staff), Origin: 'https://evil.example' },
      });

      const text = decodeQrPng(Buffer.from(await response.arrayBuffer()));

      expect(text?.startsWith(`${server.url}/h5/`)).toBe(true);
    });

    it('refuses a tampered token read from a QR code with QR_TOKEN_INVALID, for every kind', async () => {
      const paths: Record<string, string> = {
        campaign: '/v1/campaigns/',
        guide: '/v1/guides/',
        desk: '/v1/desk-signups/',
      };
      for (const code of made.filter((candidate) => paths[candidate.kind])) {
        const image = await fetchQr(server, `${code.path}.png`, code.staff);
        const { token } = readScannedCode(decodeQrPng(image.bytes));
        const tampered = token.slice(0, -1) + (token.endsWith('0') ? '1' : '0');

        const answer = await send(server.url, 'GET', `${paths[code.kind]}${tampered}`);

        expect({ kind: code.kind, code: answer.body.error?.code }).toEqual({
          kind: code.kind,
          code: 'QR_TOKEN_INVALID',
        });
      }
    });

    it('refuses a QR image for a store outside the campaign (CAMPAIGN_STORE_NOT_INCLUDED)', async () => {
      const [campaign] = made;
      const answer = await send(server.url, 'GET', `${campaign.path}.png?store=S99`, {
        headers: bearer(campaign.staff),
      });

      expect(answer.body.error.code).toBe('CAMPAIGN_STORE_NOT_INCLUDED');
    });

    it('gives QR images to staff only (STAFF_TOKEN_INVALID)', async () => {
      const answer = await send(server.url, 'GET', `${made[0].path}.png`);

      expect(answer.body.error.code).toBe('STAFF_TOKEN_INVALID');
    });
  },
);
