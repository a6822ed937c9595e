import type { Knex } from 'knex';
import type { Services } from '../src/container';
import { nowSql } from '../src/platform/db/sql-time';
import type { BenchServer } from './bench-server';
import type { ScratchDatabase } from './scratch-databases';
import { startWithServices } from './targets';
import { startBareFront } from './vault-server';

const BASELINE_TABLE = 'bench_single_row_inserts';

/**
 * Not product routes: bare node:http fronts, so the figures compare what a points award costs
 * in the database (consent check, audited birth-date decrypt for the birthday rule, the
 * member's locked transaction: ledger entry, lot, spend row) with one plain INSERT on the same
 * database and pool, with no Koa or device signature in front of either.
 */
export async function startPointsAwardTarget(
  database: ScratchDatabase,
  memberCount: number,
): Promise<BenchServer> {
  return startWithServices(database, async (services) => {
    const pseudonyms = await createBenchMembers(services, memberCount);
    return startBareFront(async (sequence) => {
      const award = await services.pointsAwards.award('dev_bench', {
        pseudonym: pseudonyms[sequence % pseudonyms.length],
        sourceKey: `bench-${sequence}`,
        kind: 'purchase',
        amountFen: 12_800 + (sequence % 100),
        items: [],
        occurredAt: new Date(),
      });
      return { points: award.points };
    });
  });
}

/** The baseline: one single-row INSERT per request into a scratch table of the same database. */
export async function startSingleInsertBaseline(database: ScratchDatabase): Promise<BenchServer> {
  return startWithServices(database, async (services) => {
    const knex = services.databases.core;
    await createBaselineTable(knex);
    return startBareFront(async (sequence) => {
      await knex(BASELINE_TABLE).insert({ label: `row-${sequence}`, created_at: nowSql() });
      return { ok: true };
    });
  });
}

/** Members who agreed to membership, each with a birth date on file (so the rule reads it). */
async function createBenchMembers(services: Services, count: number): Promise<string[]> {
  const notice = await services.consents.currentNotice();
  const pseudonyms: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const member = await services.vault.createMember({
      profile: { birth_date: `1990-${String((index % 12) + 1).padStart(2, '0')}-15` },
      withinCreation: (stores, created) =>
        services.consents.recordChoices(
          stores.core,
          created.pseudonym as string,
          { membership: true },
          notice.version,
          'weapp',
        ),
    });
    pseudonyms.push(member.pseudonym as string);
  }
  return pseudonyms;
}

async function createBaselineTable(knex: Knex): Promise<void> {
  await knex.schema.createTable(BASELINE_TABLE, (table) => {
    table.bigIncrements('id').primary();
    table.string('label', 40).notNullable();
    table.specificType('created_at', 'datetime(3)').notNullable();
  });
}
