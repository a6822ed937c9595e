import crypto from 'node:crypto';
import type { Services } from '../../src/container';
import { rotateKeys } from '../../src/platform/crypto/key-rotation';
import {
  ENCRYPTED_COLUMNS,
  BLIND_INDEX_COLUMNS,
} from '../../src/platform/crypto/encrypted-columns';
import { describeEachDatabase } from '../support/test-databases';
import { testServices } from '../support/test-services';

const access = { actor: 'staff:test', purpose: 'membership' };
const silentProgress = {
  onColumnStart: () => undefined,
  onBatch: () => undefined,
  onColumnEnd: () => undefined,
};

function keySet(keys: Record<string, string>, current: number): string {
  return JSON.stringify({ current, keys });
}

describeEachDatabase('key rotation (field cases)', (database) => {
  const version1 = crypto.randomBytes(32).toString('base64');
  const version2 = crypto.randomBytes(32).toString('base64');
  let memberId: string;
  let v1Ciphertext: string;

  beforeAll(async () => {
    const services = await testServices(database().url, {
      MASTER_KEYS: keySet({ 1: version1 }, 1),
    });
    for (let index = 0; index < 7; index += 1) {
      const member = await services.vault.createMember({
        profile: { name: `会员${index}`, address: '示例路1号' },
        identifiers: [{ kind: 'phone', value: `1390000020${index}` }],
        sensitive: index === 0 ? [{ kind: 'resident_id', value: '110101199001011237' }] : [],
      });
      if (index === 0) memberId = member.id;
    }
    await services.devices.register('till 1', 'pos');
    v1Ciphertext = (
      await services.databases.vault('member_identity').where({ member_id: memberId }).first()
    ).name_enc;
    await services.close();
  });

  async function withKeys<T>(keys: string, work: (services: Services) => Promise<T>): Promise<T> {
    const services = await testServices(database().url, { MASTER_KEYS: keys });
    try {
      return await work(services);
    } finally {
      await services.close();
    }
  }

  it('reads values written under version 1 after version 2 becomes current, and writes new ones under 2', async () => {
    await withKeys(keySet({ 1: version1, 2: version2 }, 2), async (services) => {
      await expect(services.vault.readProfile(memberId, ['name'], access)).resolves.toEqual({
        name: '会员0',
      });
      await expect(
        services.vault.findMemberByIdentifier('phone', '13900000200'),
      ).resolves.toMatchObject({ id: memberId });

      const fresh = await services.vault.createMember({
        identifiers: [{ kind: 'phone', value: '13900000299' }],
      });
      const row = await services.databases
        .vault('member_identifiers')
        .where({ member_id: fresh.id })
        .first();
      expect(row.value_enc).toMatch(/^ev1\.2\./);
      expect(row.blind_index).toMatch(/^bi2:/);
    });
  });

  it('re-encrypts in small batches and leaves no version-1 ciphertext or blind index in any column', async () => {
    await withKeys(keySet({ 1: version1, 2: version2 }, 2), async (services) => {
      const report = await rotateKeys(services.databases, services.cipher, silentProgress, 3);

      expect(report.version).toBe(2);
      expect(
        report.columns.find((column) => column.column === 'member_identity.name_enc')?.rewritten,
      ).toBe(7);
      expect(
        report.columns.find((column) => column.column === 'devices.secret_enc')?.rewritten,
      ).toBe(1);
      for (const column of [...ENCRYPTED_COLUMNS, ...BLIND_INDEX_COLUMNS]) {
        const knex = column.store === 'core' ? services.databases.core : services.databases.vault;
        const left = await knex(column.table)
          .where(column.column, 'like', 'ev1.1.%')
          .orWhere(column.column, 'like', 'bi1:%')
          .count({ n: '*' })
          .first();
        expect({ column: `${column.table}.${column.column}`, left: Number(left?.n) }).toEqual({
          column: `${column.table}.${column.column}`,
          left: 0,
        });
      }
    });
  });

  it('runs again as a no-op: rotation is resumable', async () => {
    await withKeys(keySet({ 1: version1, 2: version2 }, 2), async (services) => {
      const report = await rotateKeys(services.databases, services.cipher, silentProgress);

      expect(report.columns.every((column) => column.rewritten === 0)).toBe(true);
    });
  });

  it('reads and finds everything with version 2 alone once rotation is done', async () => {
    await withKeys(keySet({ 2: version2 }, 2), async (services) => {
      await expect(
        services.vault.readProfile(memberId, ['name', 'address'], access),
      ).resolves.toEqual({ name: '会员0', address: '示例路1号' });
      await expect(services.vault.readSensitive(memberId, 'resident_id', access)).resolves.toBe(
        '110101199001011237',
      );
      await expect(
        services.vault.findMemberByIdentifier('phone', '13900000203'),
      ).resolves.toBeDefined();
    });
  });

  it('fails a decrypt under a missing key version with KEY_VERSION_MISSING, never as "no value"', async () => {
    await withKeys(keySet({ 2: version2 }, 2), async (services) => {
      await expect(
        services.cipher.decrypt(v1Ciphertext, 'member_identity.name'),
      ).rejects.toMatchObject({ code: 'KEY_VERSION_MISSING' });
    });
  });
});
