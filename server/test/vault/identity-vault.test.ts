import type { Services } from '../../src/container';
import { describeEachDatabase } from '../support/test-databases';
import { testServices } from '../support/test-services';

const access = { actor: 'staff:test', purpose: 'membership' };

describeEachDatabase('IdentityVault', (database) => {
  let services: Services;

  beforeAll(async () => {
    services = await testServices(database().url);
  });

  afterAll(async () => {
    await services.close();
  });

  describe('S-5.1a a new member', () => {
    it('gets a random id and pseudonym with no identifier in the member core', async () => {
      const member = await services.vault.createMember({
        profile: { name: '测试🐟用户', birth_date: '1990-01-01' },
        identifiers: [{ kind: 'phone', value: '+86 139 0000 0101' }],
      });

      const core = await services.databases.core('members').where({ id: member.id }).first();
      expect(member.id).toMatch(/^m_[0-9a-f]{24}$/);
      expect(member.pseudonym).toMatch(/^p_[0-9a-f]{24}$/);
      expect(member.cardNo).toMatch(/^[1-9]\d{9}$/);
      expect(JSON.stringify(core)).not.toContain('13900000101');
    });

    it('is found by its phone through the blind index, whatever way the phone is written', async () => {
      const member = await services.vault.createMember({
        identifiers: [{ kind: 'phone', value: '13900000102' }],
      });

      const found = await services.vault.findMemberByIdentifier('phone', '+86 139-0000-0102');
      expect(found?.id).toBe(member.id);
    });

    it('S-5.3a stores the phone encrypted and the index as a keyed hash', async () => {
      const member = await services.vault.createMember({
        identifiers: [{ kind: 'phone', value: '13900000103' }],
      });

      const row = await services.databases
        .vault('member_identifiers')
        .where({ member_id: member.id })
        .first();
      expect(row.value_enc).toMatch(/^ev1\.1\.identity\./);
      expect(row.blind_index).toMatch(/^bi1:[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain('13900000103');
    });

    it('S-5.1b keeps the ID number in the sensitive table under its own keyring', async () => {
      const member = await services.vault.createMember({
        sensitive: [{ kind: 'resident_id', value: '11010119900101004x' }],
      });

      const row = await services.databases
        .vault('member_sensitive')
        .where({ member_id: member.id })
        .first();
      expect(row.value_enc).toMatch(/^ev1\.1\.sensitive\./);
      await expect(services.vault.readSensitive(member.id, 'resident_id', access)).resolves.toBe(
        '11010119900101004X',
      );
    });

    it('refuses a second member with a phone already registered', async () => {
      await services.vault.createMember({ identifiers: [{ kind: 'phone', value: '13900000104' }] });

      await expect(
        services.vault.createMember({ identifiers: [{ kind: 'phone', value: '8613900000104' }] }),
      ).rejects.toMatchObject({ code: 'PHONE_ALREADY_REGISTERED' });
    });

    it('refuses a malformed phone with nothing stored', async () => {
      const before = await services.databases.core('members').count({ n: '*' }).first();

      await expect(
        services.vault.createMember({ identifiers: [{ kind: 'phone', value: '12025550123' }] }),
      ).rejects.toMatchObject({ code: 'PHONE_INVALID' });
      const after = await services.databases.core('members').count({ n: '*' }).first();
      expect(Number(after?.n)).toBe(Number(before?.n));
    });
  });

  describe('S-5.5 reading personal values', () => {
    it('decrypts the profile and writes one audit row per field with the pseudonym, never the value', async () => {
      const member = await services.vault.createMember({
        profile: { name: '测试🐟用户', province: '广东' },
      });

      const profile = await services.vault.readProfile(member.id, ['name', 'province'], access);
      const rows = await services.auditRepository.listForSubject(member.pseudonym as string);
      const decrypts = rows.filter((row) => row.action === 'decrypt');
      expect(profile).toEqual({ name: '测试🐟用户', province: '广东' });
      expect(decrypts.map((row) => row.field)).toEqual(['profile.name', 'profile.province']);
      expect(
        decrypts.every((row) => row.actor === 'staff:test' && row.purpose === 'membership'),
      ).toBe(true);
      expect(JSON.stringify(rows)).not.toContain('测试');
    });
  });

  describe('field cases: deleting and joining again (D-7.2)', () => {
    it('signs up, deletes and signs up again three times with 13900000001, with no link between the members', async () => {
      const created = [];
      for (let round = 1; round <= 3; round += 1) {
        const member = await services.vault.createMember({
          profile: { name: `第${round}位` },
          identifiers: [{ kind: 'phone', value: '13900000001' }],
        });
        created.push(member);
        if (round < 3)
          await services.vault.eraseMember(member.id, {
            actor: `member:${member.pseudonym}`,
            purpose: 'account.delete',
          });
      }

      const [first, second, third] = created;
      const found = await services.vault.findMemberByIdentifier('phone', '13900000001');
      expect(found?.id).toBe(third.id);
      expect(new Set(created.map((member) => member.id)).size).toBe(3);
      expect(new Set(created.map((member) => member.pseudonym)).size).toBe(3);
      expect(new Set(created.map((member) => member.cardNo)).size).toBe(3);
      for (const erased of [first, second]) {
        const core = await services.databases.core('members').where({ id: erased.id }).first();
        expect(core).toMatchObject({ status: 'deleted', pseudonym: null, card_no: null });
        expect(
          await services.databases.vault('member_identity').where({ member_id: erased.id }).first(),
        ).toBeUndefined();
        expect(
          await services.databases.vault('member_identifiers').where({ member_id: erased.id }),
        ).toHaveLength(0);
      }
      await expect(services.vault.readProfile(third.id, ['name'], access)).resolves.toEqual({
        name: '第3位',
      });
    });

    it('refuses to read a deleted member', async () => {
      const member = await services.vault.createMember({
        identifiers: [{ kind: 'phone', value: '13900000105' }],
      });
      await services.vault.eraseMember(member.id, access);

      await expect(services.vault.readProfile(member.id, ['name'], access)).rejects.toMatchObject({
        code: 'MEMBER_NOT_FOUND',
      });
      await expect(
        services.vault.findMemberByIdentifier('phone', '13900000105'),
      ).resolves.toBeUndefined();
    });
  });
});
