import crypto from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRowContent {
  id: number;
  at: string;
  actor: string;
  action: string;
  purpose: string;
  field: string | null;
  subject: string | null;
  details: string | null;
}

/** The hash of a row covers its id, every column and the previous row's hash. */
export function hashAuditRow(previousHash: string, row: AuditRowContent): string {
  const canonical = JSON.stringify([
    previousHash,
    String(row.id),
    row.at,
    row.actor,
    row.action,
    row.purpose,
    row.field,
    row.subject,
    row.details,
  ]);
  return crypto.createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** The checkpoint's seal: an HMAC under a key derived from the master key, never stored. */
export function sealCheckpoint(
  key: Buffer,
  lastId: number,
  lastHash: string,
  rowCount: number,
): string {
  return crypto.createHmac('sha256', key).update(`${lastId}:${lastHash}:${rowCount}`).digest('hex');
}
