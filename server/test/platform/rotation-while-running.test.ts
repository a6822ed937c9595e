import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addMasterKeyVersion } from '../../src/platform/crypto/master-keys';
import { rotateKeys } from '../../src/platform/crypto/key-rotation';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { getJson, joinAsMember, startMemberServer } from '../members/member-kit';
import { testServices } from '../support/test-services';

const silentProgress = {
  onColumnStart: () => undefined,
  onBatch: () => undefined,
  onColumnEnd: () => undefined,
};

describeEachDatabase('S-5.3a rotating keys while a server runs', (database) => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-rotate-live-'));
  const keyFile = path.join(folder, 'master-keys.json');
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url, {
      MASTER_KEYS_FILE: keyFile,
      NODE_ENV: 'development',
    });
  });

  afterAll(async () => {
    await server.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('keeps serving the member and never signs the same WeChat user up twice', async () => {
    const member = await joinAsMember(server, { membership: true }, { profile: { name: '轮换' } });

    const version = addMasterKeyVersion(keyFile);
    const rotator = await testServices(database().url, {
      MASTER_KEYS_FILE: keyFile,
      NODE_ENV: 'development',
    });
    await rotateKeys(rotator.databases, rotator.cipher, silentProgress);
    await rotator.close();

    const me = await getJson(server, '/v1/me', member.token);
    const code = server.simulators!.wechat.issueLoginCode(member.openid);
    const login = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code });
    expect(version).toBe(2);
    expect(me.status).toBe(200);
    expect(me.body.profile.name).toBe('轮换');
    expect(login.body.status).toBe('member');
    const fresh = await joinAsMember(server);
    const row = await server.services.databases
      .vault('member_identifiers')
      .where({ member_id: fresh.memberId })
      .first();
    expect(row.value_enc).toMatch(/^ev1\.2\./);
    expect((await getJson(server, '/v1/me', fresh.token)).status).toBe(200);
    await sendJson(server.url, 'POST', '/v1/me/logout', {}, bearer(fresh.token));
  });
});
