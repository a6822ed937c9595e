import type { Services } from '../container';
import { seedDemoSuppliers } from '../suppliers/demo-suppliers';
import { DEMO_OFFLINE_CARDS, DEMO_SHOPPERS } from './demo-data';

/** Seed the demo mall once: a database that already has members is left alone. */
export async function seedDemoMall(
  services: Services,
): Promise<{ seeded: boolean; members: number }> {
  // Before the early return: a database seeded before the register existed gets its suppliers.
  await seedDemoSuppliers(services.suppliers.register, services.config.suppliers);
  const existing = await services.databases.core('members').count({ n: '*' }).first();
  if (Number(existing?.n ?? 0) > 0) return { seeded: false, members: Number(existing?.n) };

  for (const shopper of DEMO_SHOPPERS) {
    await services.vault.createMember({
      joinedVia: 'demo-seed',
      profile: {
        name: shopper.name,
        nickname: shopper.nickname,
        birth_date: shopper.birthDate,
        province: shopper.province,
        address: shopper.address,
      },
      identifiers: [
        { kind: 'phone', value: shopper.phone },
        { kind: 'wechat_openid', value: shopper.openid },
      ],
      sensitive: shopper.residentId ? [{ kind: 'resident_id', value: shopper.residentId }] : [],
    });
  }

  for (const card of DEMO_OFFLINE_CARDS) {
    await services.offlineCards.insert({
      cardNo: card.cardNo,
      phoneIndex: services.cipher.blindIndex('phone', card.phone),
      points: card.points,
    });
  }

  return { seeded: true, members: DEMO_SHOPPERS.length };
}
