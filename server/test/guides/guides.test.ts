import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { bearer, newMember, send, sendJson, staffToken } from '../campaigns/collection-support';

describeEachDatabase('C-4.2.2.2 shopping guides over HTTP', (database) => {
  let server: RunningServer;
  let operations: string;
  const guides: Array<{ id: string; guideCode: string; token: string }> = [];

  async function addGuide(displayName: string, joiningRewardPoints: number) {
    const answer = await sendJson(
      server.url,
      'POST',
      '/v1/admin/guides',
      { displayName, storeCode: 'S01', joiningRewardPoints },
      bearer(operations),
    );
    expect(answer.status).toBe(201);
    return { id: answer.body.id, guideCode: answer.body.guideCode, token: answer.body.code.token };
  }

  beforeAll(async () => {
    server = await testServer(database().url);
    operations = await staffToken(server, 'operations');
    guides.push(await addGuide('李导购 · 美妆', 200), await addGuide('周导购 · 数码', 0));
  });

  afterAll(async () => {
    await server.stop();
  });

  it('shows, for a scanned guide code, who helps and the joining reward', async () => {
    const landing = await send(server.url, 'GET', `/v1/guides/${guides[0].token}`);

    expect(landing.body).toEqual({
      guideCode: guides[0].guideCode,
      displayName: '李导购 · 美妆',
      storeCode: 'S01',
      joiningReward: { points: 200, text: expect.stringContaining('200 积分') },
      signupPage: `pages/signup/index?guideCode=${guides[0].guideCode}`,
    });
  });

  it('attributes a sign-up through the guide code to that guide (members.joined_via)', async () => {
    const landing = await send(server.url, 'GET', `/v1/guides/${guides[0].token}`);

    await newMember(server, { membership: true }, { guideCode: landing.body.guideCode });

    const row = await server.services.databases
      .core('members')
      .where({ joined_via: `guide:${guides[0].guideCode}` })
      .count({ n: '*' })
      .first();
    expect(Number(row?.n)).toBe(1);
  });

  it('counts sign-ups per guide, with no identities, and sets made-up codes apart', async () => {
    await newMember(server, { membership: true }, { guideCode: guides[0].guideCode });
    await newMember(server, { membership: true }, { guideCode: guides[1].guideCode });
    await newMember(server, { membership: true }, { guideCode: 'NOSUCHGUIDE1' });
    await newMember(server, { membership: true });

    const report = await send(server.url, 'GET', '/v1/admin/guides/report', {
      headers: bearer(await staffToken(server, 'marketing')),
    });

    expect(report.status).toBe(200);
    expect(
      report.body.guides.map((guide: { displayName: string; signUps: number }) => [
        guide.displayName,
        guide.signUps,
      ]),
    ).toEqual([
      ['李导购 · 美妆', 2],
      ['周导购 · 数码', 1],
    ]);
    expect(report.body.unmatchedSignUps).toBe(1);
    expect(report.text).not.toMatch(/p_[0-9a-f]{24}|m_[0-9a-f]{24}|oCollect/);
  });

  it('still counts a guide sign-up after the member deleted their account, as no longer a member', async () => {
    const guide = await addGuide('吴导购', 50);
    const member = await newMember(server, { membership: true }, { guideCode: guide.guideCode });
    await send(server.url, 'DELETE', '/v1/me', { headers: bearer(member) });

    const report = await send(server.url, 'GET', '/v1/admin/guides/report', {
      headers: bearer(operations),
    });

    expect(
      report.body.guides.find((entry: { guideId: string }) => entry.guideId === guide.id),
    ).toMatchObject({ signUps: 1, stillMembers: 0 });
  });

  it('reports only sign-ups inside the time window asked for', async () => {
    const report = await send(
      server.url,
      'GET',
      `/v1/admin/guides/report?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      { headers: bearer(operations) },
    );

    expect(report.body.guides.every((guide: { signUps: number }) => guide.signUps === 0)).toBe(
      true,
    );
  });

  it('refuses a tampered guide code (QR_TOKEN_INVALID) and a campaign code used as one', async () => {
    const token = guides[0].token;
    const tampered = `${token.slice(0, 4)}${token[4] === 'Z' ? 'Y' : 'Z'}${token.slice(5)}`;

    const answers = await Promise.all([
      send(server.url, 'GET', `/v1/guides/${tampered}`),
      send(server.url, 'GET', `/v1/guides/C${token.slice(1)}`),
    ]);

    expect(answers.map((answer) => answer.body.error.code)).toEqual([
      'QR_TOKEN_INVALID',
      'QR_TOKEN_INVALID',
    ]);
  });

  it('lets only operations staff add guides (STAFF_ROLE_FORBIDDEN)', async () => {
    const answer = await sendJson(
      server.url,
      'POST',
      '/v1/admin/guides',
      { displayName: 'x', storeCode: 'S01' },
      bearer(await staffToken(server, 'service-desk')),
    );

    expect(answer.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
  });
});
