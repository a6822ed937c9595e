import type { Databases } from '../platform/db/databases';
import { toSqlDateTime } from '../platform/db/sql-time';
import type { IdentityRepository } from './identity-repository';
import type { MemberCoreRepository } from './member-core-repository';

const VAULT_TABLES = ['member_identity', 'member_identifiers', 'member_sensitive'] as const;
const BATCH = 500;

/**
 * When the vault and the core are separate databases, a write commits in the vault first; if
 * the core write then fails, vault rows point at no member. This removes them once they are
 * older than any write still under way (design.md, "One write, two stores").
 */
export async function reconcileVaultOrphans(
  databases: Databases,
  identity: IdentityRepository,
  members: MemberCoreRepository,
  graceMinutes = 10,
): Promise<number> {
  const before = toSqlDateTime(new Date(Date.now() - graceMinutes * 60_000));
  let removed = 0;
  for (const table of VAULT_TABLES) {
    let after = '';
    for (
      let ids = await identity.memberIdsCreatedBefore(table, before, after, BATCH);
      ids.length > 0;
      ids = await identity.memberIdsCreatedBefore(table, before, after, BATCH)
    ) {
      const existing = await members.existingIds(ids);
      const orphans = ids.filter((id) => !existing.has(id));
      for (const memberId of orphans)
        removed += await identity.eraseMember(databases.vault, memberId);
      after = ids[ids.length - 1];
    }
  }
  return removed;
}
