import type { Services } from '../../src/container';
import { describeEachDatabase } from '../support/test-databases';
import { runCli } from '../support/run-cli';
import { testMasterKeys, testServices } from '../support/test-services';

const access = { actor: 'staff:auditor', purpose: 'membership' };

describeEachDatabase('memberkit audit verify (S-5.5)', (database) => {
  const masterKeys = testMasterKeys();
  let services: Services;

  beforeAll(async () => {
    services = await testServices(database().url, { MASTER_KEYS: masterKeys });
  });

  afterAll(async () => {
    await services.close();
  });

  /** A fresh chain of ten rows: one member created, then nine field reads. */
  async function freshChain(): Promise<void> {
    await services.databases.vault('audit_log').delete();
    await services.databases.vault('audit_checkpoint').delete();
    const member = await services.vault.createMember({
      profile: { name: '审计', province: '广东', address: '示例路' },
    });
    for (let read = 0; read < 3; read += 1)
      await services.vault.readProfile(member.id, ['name', 'province', 'address'], access);
  }

  function verify() {
    return runCli(['audit', 'verify'], { DATABASE_URL: database().url, MASTER_KEYS: masterKeys });
  }

  it('passes an untouched chain and says how many rows it checked', async () => {
    await freshChain();

    const result = verify();
    expect(result.stdout).toContain('audit chain ok: 10 rows');
    expect(result.status).toBe(0);
  });

  it('fails and names the row when one column of one row was edited by hand', async () => {
    await freshChain();
    await services.databases.vault('audit_log').where({ id: 4 }).update({ purpose: 'marketing' });

    const result = verify();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('audit row 4 was edited');
  });

  it('fails and names the gap when a row was deleted', async () => {
    await freshChain();
    await services.databases.vault('audit_log').where({ id: 6 }).delete();

    const result = verify();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('audit rows 6..6 are missing before row 7');
  });

  it('fails and names the row when a row was inserted', async () => {
    await freshChain();
    const last = await services.databases.vault('audit_log').where({ id: 10 }).first();
    await services.databases
      .vault('audit_log')
      .insert({ ...last, id: 11, prev_hash: last.hash, actor: 'staff:intruder' });

    const result = verify();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('audit row 11 was inserted');
  });

  it('fails and names the place when the newest rows were cut off', async () => {
    await freshChain();
    await services.databases.vault('audit_log').where('id', '>', 7).delete();

    const result = verify();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('audit rows after 7 were cut off: the checkpoint names row 10');
  });

  it('fails when a row was replaced by a rehashed forgery, naming the first row that no longer chains', async () => {
    await freshChain();
    await services.databases
      .vault('audit_log')
      .where({ id: 5 })
      .update({ hash: 'f'.repeat(64) });

    const result = verify();
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/audit row 5 was edited/);
  });
});
