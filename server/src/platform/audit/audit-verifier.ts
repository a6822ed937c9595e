import { GENESIS_HASH, hashAuditRow, sealCheckpoint } from './audit-hash';
import type { AuditRepository } from './audit-repository';
import type { AuditLog } from './audit-log';

export type AuditProblem =
  | { kind: 'edited'; rowId: number }
  | { kind: 'deleted'; beforeRowId: number; missingFrom: number; missingTo: number }
  | { kind: 'inserted'; rowId: number }
  | { kind: 'cut-off'; afterRowId: number; expectedLastId: number }
  | { kind: 'checkpoint-invalid' };

export interface AuditVerification {
  ok: boolean;
  rowsChecked: number;
  problem?: AuditProblem;
}

const PAGE_SIZE = 1000;

/**
 * Walk the chain from the first row and name the first place it breaks: an edited row (its
 * hash no longer matches), a deleted row (a gap in ids), an inserted row (its predecessor hash
 * or the checkpoint disagrees), or a cut-off tail (the checkpoint names a later row).
 */
export async function verifyAuditChain(
  repository: AuditRepository,
  auditLog: AuditLog,
): Promise<AuditVerification> {
  const checkpoint = await repository.readCheckpoint();
  if (checkpoint) {
    const expectedSeal = safeSeal(
      auditLog,
      checkpoint.keyVersion,
      checkpoint.lastId,
      checkpoint.lastHash,
      checkpoint.rowCount,
    );
    if (expectedSeal !== checkpoint.seal)
      return { ok: false, rowsChecked: 0, problem: { kind: 'checkpoint-invalid' } };
  }

  // Rows past the sealed checkpoint were never written by the product, whatever their hashes say.
  const lastSealedId = checkpoint?.lastId ?? 0;
  let previousHash = GENESIS_HASH;
  let expectedId = 1;
  let rowsChecked = 0;
  for (
    let page = await repository.pageAfter(0, PAGE_SIZE);
    page.length > 0;
    page = await repository.pageAfter(expectedId - 1, PAGE_SIZE)
  ) {
    for (const row of page) {
      const problem =
        row.id > lastSealedId
          ? ({ kind: 'inserted', rowId: row.id } as const)
          : checkRow(row, expectedId, previousHash);
      if (problem) return { ok: false, rowsChecked, problem };
      previousHash = row.hash;
      expectedId = row.id + 1;
      rowsChecked += 1;
    }
  }

  const lastId = expectedId - 1;
  if (!checkpoint) return { ok: true, rowsChecked };
  if (lastId < checkpoint.lastId)
    return {
      ok: false,
      rowsChecked,
      problem: { kind: 'cut-off', afterRowId: lastId, expectedLastId: checkpoint.lastId },
    };
  if (previousHash !== checkpoint.lastHash)
    return { ok: false, rowsChecked, problem: { kind: 'edited', rowId: lastId } };
  return { ok: true, rowsChecked };
}

function checkRow(
  row: { id: number; prevHash: string; hash: string } & Parameters<typeof hashAuditRow>[1],
  expectedId: number,
  previousHash: string,
) {
  if (row.id !== expectedId) {
    return {
      kind: 'deleted',
      beforeRowId: row.id,
      missingFrom: expectedId,
      missingTo: row.id - 1,
    } as const;
  }

  if (row.prevHash !== previousHash) return { kind: 'inserted', rowId: row.id } as const;
  if (hashAuditRow(previousHash, row) !== row.hash)
    return { kind: 'edited', rowId: row.id } as const;
  return undefined;
}

function safeSeal(
  auditLog: AuditLog,
  version: number,
  lastId: number,
  lastHash: string,
  rowCount: number,
): string | undefined {
  try {
    return sealCheckpoint(auditLog.checkpointKey(version), lastId, lastHash, rowCount);
  } catch {
    return undefined;
  }
}

export function describeAuditProblem(problem: AuditProblem): string {
  switch (problem.kind) {
    case 'edited':
      return `audit row ${problem.rowId} was edited: its hash does not match its content`;
    case 'deleted':
      return `audit rows ${problem.missingFrom}..${problem.missingTo} are missing before row ${problem.beforeRowId}`;
    case 'inserted':
      return `audit row ${problem.rowId} was inserted: it does not follow the chain`;
    case 'cut-off':
      return `audit rows after ${problem.afterRowId} were cut off: the checkpoint names row ${problem.expectedLastId}`;
    case 'checkpoint-invalid':
      return 'the audit checkpoint seal does not verify';
  }
}
