import type { Services } from '../../src/container';
import { reconcileVaultOrphans } from '../../src/vault/vault-reconciler';
import { toSqlDateTime } from '../../src/platform/db/sql-time';
import {
  createTestDatabase,
  describeEachDatabase,
  type TestDatabase,
} from '../support/test-databases';
import { testServices } from '../support/test-services';

describeEachDatabase('S-5.1a a vault in its own database', (database) => {
  let vaultDatabase: TestDatabase;
  let services: Services;

  beforeAll(async () => {
    vaultDatabase = await createTestDatabase(database().kind);
    services = await testServices(database().url, { VAULT_DATABASE_URL: vaultDatabase.url });
  });

  afterAll(async () => {
    await services.close();
    await vaultDatabase.drop();
  });

  it('uses two connections and keeps identity tables out of the core database', async () => {
    await services.vault.createMember({
      profile: { name: '分库' },
      identifiers: [{ kind: 'phone', value: '13900000301' }],
    });

    expect(services.databases.sameDatabase).toBe(false);
    expect(await services.databases.core.schema.hasTable('member_identity')).toBe(false);
    expect(await services.databases.vault.schema.hasTable('members')).toBe(false);
    await expect(
      services.vault.findMemberByIdentifier('phone', '13900000301'),
    ).resolves.toBeDefined();
  });

  it('rolls both stores back when the core write fails before either commits', async () => {
    const failing = jest
      .spyOn(services.members, 'insert')
      .mockRejectedValueOnce(new Error('core database went away'));

    await expect(
      services.vault.createMember({ identifiers: [{ kind: 'phone', value: '13900000302' }] }),
    ).rejects.toThrow('core database went away');
    failing.mockRestore();
    const retried = await services.vault.createMember({
      identifiers: [{ kind: 'phone', value: '13900000302' }],
    });
    expect(retried.status).toBe('active');
  });

  it('lets the shopper sign up again at once when the vault half of an earlier sign-up committed and the core half did not', async () => {
    const halfMadeId = 'm_halfmade0000000000000000';
    const phone = '13900000303';
    await services.databases.vault('member_identifiers').insert({
      member_id: halfMadeId,
      kind: 'phone',
      value_enc: await services.cipher.encrypt('identity', 'member_identifiers.phone', phone),
      blind_index: services.cipher.blindIndex('phone', phone),
      created_at: toSqlDateTime(new Date()),
    });

    const member = await services.vault.createMember({
      identifiers: [{ kind: 'phone', value: phone }],
    });
    expect((await services.vault.findMemberByIdentifier('phone', phone))?.id).toBe(member.id);
    expect(
      await services.databases.vault('member_identifiers').where({ member_id: halfMadeId }),
    ).toHaveLength(0);
  });

  it('reconciles: vault rows that no member points to are removed once past the grace period', async () => {
    const orphanId = 'm_orphan000000000000000000';
    const longAgo = toSqlDateTime(new Date(Date.now() - 60 * 60_000));
    await services.databases.vault('member_identity').insert({
      member_id: orphanId,
      name_enc: await services.cipher.encrypt('identity', 'member_identity.name', '孤儿'),
      created_at: longAgo,
      updated_at: longAgo,
    });
    await services.databases.vault('member_identifiers').insert({
      member_id: orphanId,
      kind: 'phone',
      value_enc: 'ev1.1.identity.AAAA',
      blind_index: 'bi1:orphan',
      created_at: longAgo,
    });

    const removed = await reconcileVaultOrphans(
      services.databases,
      services.identity,
      services.members,
    );
    expect(removed).toBe(2);
    expect(
      await services.databases.vault('member_identity').where({ member_id: orphanId }).first(),
    ).toBeUndefined();
    await expect(
      services.vault.findMemberByIdentifier('phone', '13900000301'),
    ).resolves.toBeDefined();
  });
});
