import type { Knex } from 'knex';
import { CORE_MIGRATIONS, VAULT_MIGRATIONS } from '../../../migrations';

class ListedMigrationSource implements Knex.MigrationSource<string> {
  constructor(private readonly migrations: Record<string, Knex.Migration>) {}

  async getMigrations(): Promise<string[]> {
    return Object.keys(this.migrations).sort();
  }

  getMigrationName(name: string): string {
    return name;
  }

  async getMigration(name: string): Promise<Knex.Migration> {
    return this.migrations[name];
  }
}

export interface MigrationResult {
  core: string[];
  vault: string[];
}

/** Bring both stores up to date; the vault first, as in every two-store write. */
export async function migrateLatest(core: Knex, vault: Knex): Promise<MigrationResult> {
  const [, vaultApplied] = await vault.migrate.latest({
    migrationSource: new ListedMigrationSource(VAULT_MIGRATIONS),
    tableName: 'knex_migrations_vault',
  });
  const [, coreApplied] = await core.migrate.latest({
    migrationSource: new ListedMigrationSource(CORE_MIGRATIONS),
    tableName: 'knex_migrations_core',
  });
  return { core: coreApplied, vault: vaultApplied };
}
