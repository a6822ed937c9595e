import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import {
  bearer,
  claim,
  createCampaign,
  HOUR,
  newMember,
  send,
  sendJson,
  staffToken,
  stockLeft,
  type CreatedCampaign,
} from './collection-support';

describeEachDatabase('C-4.2.2.3 / C-4.2.2.4 claiming a campaign over HTTP', (database) => {
  let server: RunningServer;
  let marketing: string;

  beforeAll(async () => {
    server = await testServer(database().url);
    marketing = await staffToken(server, 'marketing');
  });

  afterAll(async () => {
    await server.stop();
  });

  const tokenOf = (campaign: CreatedCampaign, store = 0) => campaign.codes[store].token;

  describe('a member with the membership consent', () => {
    it('claims once: stock goes down by one and the answer names the claim', async () => {
      const campaign = await createCampaign(server, marketing);
      const member = await newMember(server);

      const answer = await claim(server, tokenOf(campaign), member, { name: '王小明' });

      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        campaignTitle: '开业礼：帆布袋',
        storeCode: 'S01',
        claimNo: 1,
        fields: ['name'],
        repeated: false,
      });
      await expect(stockLeft(server, campaign.id)).resolves.toBe(9);
    });

    it('gets the first answer back for the same token scanned twice, and stock moves once', async () => {
      const campaign = await createCampaign(server, marketing);
      const member = await newMember(server);

      const first = await claim(server, tokenOf(campaign), member);
      const second = await claim(server, tokenOf(campaign), member, { name: '另一个名字' });

      expect(second.status).toBe(200);
      expect(second.body).toEqual({ ...first.body, repeated: true });
      await expect(stockLeft(server, campaign.id)).resolves.toBe(9);
    });

    it('reads the same token typed in lower case and grouped as the same claim', async () => {
      const campaign = await createCampaign(server, marketing);
      const member = await newMember(server);
      const typed = tokenOf(campaign)
        .toLowerCase()
        .replace(/(.{4})/g, '$1 ')
        .trim();

      const first = await claim(server, tokenOf(campaign), member);
      const second = await claim(server, typed, member);

      expect(second.body).toEqual({ ...first.body, repeated: true });
    });

    it('never exceeds the per-member limit across the stores of a campaign (CLAIM_LIMIT_REACHED)', async () => {
      const campaign = await createCampaign(server, marketing, {
        stores: ['S01', 'S02', 'S03'],
        perMemberLimit: 2,
      });
      const member = await newMember(server);

      const first = await claim(server, tokenOf(campaign, 0), member);
      const second = await claim(server, tokenOf(campaign, 1), member);
      const third = await claim(server, tokenOf(campaign, 2), member);

      expect([first.body.claimNo, second.body.claimNo]).toEqual([1, 2]);
      expect(second.body.storeCode).toBe('S02');
      expect(third.status).toBe(409);
      expect(third.body.error).toMatchObject({
        code: 'CLAIM_LIMIT_REACHED',
        details: { limit: 2 },
      });
      await expect(stockLeft(server, campaign.id)).resolves.toBe(8);
    });

    it('refuses a claim when the stock is gone (CAMPAIGN_OUT_OF_STOCK) and stock stays at 0', async () => {
      const campaign = await createCampaign(server, marketing, { stock: 1 });
      await claim(server, tokenOf(campaign), await newMember(server));

      const late = await claim(server, tokenOf(campaign), await newMember(server));

      expect(late.status).toBe(409);
      expect(late.body.error.code).toBe('CAMPAIGN_OUT_OF_STOCK');
      await expect(stockLeft(server, campaign.id)).resolves.toBe(0);
    });

    it('still gives the first answer to a member who claimed before the stock ran out', async () => {
      const campaign = await createCampaign(server, marketing, { stock: 1 });
      const member = await newMember(server);
      await claim(server, tokenOf(campaign), member);

      const again = await claim(server, tokenOf(campaign), member);

      expect(again.status).toBe(200);
      expect(again.body.repeated).toBe(true);
    });
  });

  describe('the time window', () => {
    it('refuses a claim before the start with CAMPAIGN_NOT_STARTED', async () => {
      const campaign = await createCampaign(server, marketing, {
        startsAt: new Date(Date.now() + HOUR).toISOString(),
        endsAt: new Date(Date.now() + 2 * HOUR).toISOString(),
      });

      const answer = await claim(server, tokenOf(campaign), await newMember(server));

      expect(answer.body.error.code).toBe('CAMPAIGN_NOT_STARTED');
      await expect(stockLeft(server, campaign.id)).resolves.toBe(10);
    });

    it('refuses a claim after the end with CAMPAIGN_ENDED', async () => {
      const campaign = await createCampaign(server, marketing, {
        startsAt: new Date(Date.now() - 2 * HOUR).toISOString(),
        endsAt: new Date(Date.now() - HOUR).toISOString(),
      });

      const answer = await claim(server, tokenOf(campaign), await newMember(server));

      expect(answer.body.error.code).toBe('CAMPAIGN_ENDED');
    });
  });

  describe('the fields of the form (C-4.1.3a)', () => {
    it('refuses a field the campaign did not declare, naming it, and stores nothing', async () => {
      const campaign = await createCampaign(server, marketing);

      const answer = await claim(server, tokenOf(campaign), await newMember(server), {
        name: '王小明',
        address: '南京西路 1 号',
      });

      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 'FIELD_NOT_ALLOWED',
        details: { field: 'address' },
      });
      expect(answer.text).not.toContain('南京西路');
      await expect(stockLeft(server, campaign.id)).resolves.toBe(10);
    });

    it('refuses a form without a required field (CLAIM_FIELD_REQUIRED)', async () => {
      const campaign = await createCampaign(server, marketing);

      const answer = await claim(server, tokenOf(campaign), await newMember(server), {
        phone: '13900000001',
      });

      expect(answer.body.error).toMatchObject({
        code: 'CLAIM_FIELD_REQUIRED',
        details: { field: 'name' },
      });
    });

    it('takes the optional phone when given and normalises it', async () => {
      const campaign = await createCampaign(server, marketing);
      const operations = await staffToken(server, 'operations');

      const answer = await claim(server, tokenOf(campaign), await newMember(server), {
        name: '王小明',
        phone: '+86 139 0000 0302',
      });
      const read = await send(
        server.url,
        'GET',
        `/v1/admin/campaigns/${campaign.id}/claims/${answer.body.claimId}`,
        { headers: bearer(operations) },
      );

      expect(answer.body.fields.sort()).toEqual(['name', 'phone']);
      expect(read.body.values).toEqual({ name: '王小明', phone: '13900000302' });
    });

    it('C-4.1.2c refuses an ID number without the separate sensitive consent (CONSENT_REQUIRED)', async () => {
      const campaign = await createCampaign(server, marketing, {
        collects: [
          { field: 'name', purpose: 'membership', required: true, why: '核对领取人' },
          { field: 'resident_id', purpose: 'sensitive_id', required: false, why: '实名登记' },
        ],
      });

      const answer = await claim(server, tokenOf(campaign), await newMember(server), {
        name: '王小明',
        resident_id: '110101199001011237',
      });

      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({
        code: 'CONSENT_REQUIRED',
        details: { purpose: 'sensitive_id' },
      });
    });

    it('takes an ID number under the sensitive consent, under the sensitive keyring', async () => {
      const campaign = await createCampaign(server, marketing, {
        collects: [
          { field: 'resident_id', purpose: 'sensitive_id', required: true, why: '实名登记' },
        ],
      });
      const member = await newMember(server, { membership: true, sensitive_id: true });

      const answer = await claim(server, tokenOf(campaign), member, {
        resident_id: '11010119900101004x',
      });
      const row = await server.services.databases
        .core('campaign_claims')
        .where({ id: answer.body.claimId })
        .first();

      expect(answer.status).toBe(200);
      expect(row.values_enc).toBeNull();
      expect(row.sensitive_enc).toMatch(/^ev1\.1\.sensitive\./);
    });

    it('refuses a malformed phone with PHONE_INVALID', async () => {
      const campaign = await createCampaign(server, marketing);

      const answer = await claim(server, tokenOf(campaign), await newMember(server), {
        name: '王小明',
        phone: '12025550123',
      });

      expect(answer.body.error.code).toBe('PHONE_INVALID');
    });
  });

  describe('tokens and sessions', () => {
    it('refuses a tampered token with QR_TOKEN_INVALID', async () => {
      const campaign = await createCampaign(server, marketing);
      const token = tokenOf(campaign);
      const tampered = `${token.slice(0, 5)}${token[5] === 'A' ? 'B' : 'A'}${token.slice(6)}`;

      const answer = await claim(server, tampered, await newMember(server));

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('QR_TOKEN_INVALID');
    });

    it('needs a member session to claim (SESSION_REQUIRED)', async () => {
      const campaign = await createCampaign(server, marketing);

      const answer = await sendJson(
        server.url,
        'POST',
        `/v1/campaigns/${tokenOf(campaign)}/claims`,
        { fields: { name: '王小明' } },
      );

      expect(answer.body.error.code).toBe('SESSION_REQUIRED');
    });

    it('shows anyone what the code collects and why, and a member their own state', async () => {
      const campaign = await createCampaign(server, marketing);
      const member = await newMember(server);
      await claim(server, tokenOf(campaign), member);

      const publicView = await send(server.url, 'GET', `/v1/campaigns/${tokenOf(campaign)}`);
      const memberView = await send(server.url, 'GET', `/v1/campaigns/${tokenOf(campaign)}`, {
        headers: bearer(member),
      });

      expect(publicView.body).toMatchObject({
        title: '开业礼：帆布袋',
        state: 'open',
        storeCode: 'S01',
        phoneOptional: true,
        collects: [
          {
            field: 'name',
            label: '姓名',
            purpose: 'membership',
            required: true,
            why: '领取时核对领取人',
          },
          { field: 'phone', label: '手机号', purpose: 'membership', required: false },
        ],
      });
      expect(publicView.body.mine).toBeUndefined();
      expect(memberView.body.mine).toEqual({
        claims: 1,
        claimedWithThisCode: true,
        limitReached: true,
      });
    });
  });

  describe('staff', () => {
    it.each([
      ['a missing token', undefined, 'STAFF_TOKEN_INVALID'],
      ['the parking role', 'parking', 'STAFF_ROLE_FORBIDDEN'],
    ] as const)('refuse campaign creation with %s', async (_label, role, code) => {
      const headers = role ? bearer(await staffToken(server, role)) : {};

      const answer = await sendJson(server.url, 'POST', '/v1/admin/campaigns', {}, headers);

      expect(answer.body.error.code).toBe(code);
    });

    it('C-4.2.2.3 cannot make the phone number required (CAMPAIGN_INVALID)', async () => {
      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/admin/campaigns',
        {
          kind: 'coupon',
          title: '满减券',
          stock: 5,
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + HOUR).toISOString(),
          stores: ['S01'],
          collects: [{ field: 'phone', purpose: 'membership', required: true, why: '发券' }],
        },
        bearer(marketing),
      );

      expect(answer.body.error).toMatchObject({
        code: 'CAMPAIGN_INVALID',
        details: { field: 'phone' },
      });
    });

    it('see stock and claims, with one QR code per store', async () => {
      const campaign = await createCampaign(server, marketing, { stores: ['S01', 'S02'] });
      await claim(server, tokenOf(campaign, 1), await newMember(server));

      const summary = await send(server.url, 'GET', `/v1/admin/campaigns/${campaign.id}`, {
        headers: bearer(marketing),
      });

      expect(summary.body).toMatchObject({ stockTotal: 10, stockLeft: 9, claims: 1 });
      expect(summary.body.codes.map((code: { storeCode: string }) => code.storeCode)).toEqual([
        'S01',
        'S02',
      ]);
    });
  });
});
