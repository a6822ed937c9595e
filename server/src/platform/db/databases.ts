import type { Knex } from 'knex';
import { connectDatabase } from './connect';
import { isSameDatabase } from './database-url';

/**
 * The core database and the identity vault. When both URLs name one database a single knex
 * instance (and so a single transaction) serves both; otherwise they are two connections and
 * two-store writes follow the vault-first rule (design.md, "One write, two stores").
 */
export interface Databases {
  core: Knex;
  vault: Knex;
  sameDatabase: boolean;
  close(): Promise<void>;
}

export interface StoreTransactions {
  core: Knex.Transaction;
  vault: Knex.Transaction;
}

export function openDatabases(coreUrl: string, vaultUrl: string, poolMax: number): Databases {
  const core = connectDatabase(coreUrl, { poolMax });
  const sameDatabase = coreUrl === vaultUrl || isSameDatabase(coreUrl, vaultUrl);
  const vault = sameDatabase ? core : connectDatabase(vaultUrl, { poolMax });
  return {
    core,
    vault,
    sameDatabase,
    async close() {
      await core.destroy();
      if (!sameDatabase) await vault.destroy();
    },
  };
}

/**
 * Run one write that touches both stores. Same database: one transaction for both. Apart: the
 * vault transaction commits first, then the core one; if the core part fails, the vault rows it
 * wrote point at nothing and the reconciler removes them, so a half-made record never blocks
 * a shopper from signing up again.
 */
export async function inBothStores<T>(
  databases: Databases,
  work: (stores: StoreTransactions) => Promise<T>,
): Promise<T> {
  if (databases.sameDatabase) {
    return databases.core.transaction((trx) => work({ core: trx, vault: trx }));
  }

  const vaultTrx = await databases.vault.transaction();
  const coreTrx = await databases.core.transaction();
  try {
    const result = await work({ core: coreTrx, vault: vaultTrx });
    await vaultTrx.commit();
    await coreTrx.commit();
    return result;
  } catch (error) {
    await coreTrx.rollback().catch(() => undefined);
    await vaultTrx.rollback().catch(() => undefined);
    throw error;
  }
}
