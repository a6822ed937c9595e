/**
 * Recognise a unique-key violation from either driver: MySQL errno 1062 (ER_DUP_ENTRY), SQLite
 * SQLITE_CONSTRAINT_UNIQUE / SQLITE_CONSTRAINT_PRIMARYKEY. Repositories turn it into a coded
 * ConflictError; nothing above them sees driver errors.
 */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { errno?: number; code?: string } | undefined;
  return (
    candidate?.errno === 1062 ||
    candidate?.code === 'ER_DUP_ENTRY' ||
    candidate?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    candidate?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** MySQL errno 1213 (ER_LOCK_DEADLOCK) and 1205 (lock wait timeout): safe to retry whole. */
export function isRetryableTransactionError(error: unknown): boolean {
  const candidate = error as { errno?: number; code?: string } | undefined;
  return (
    candidate?.errno === 1213 || candidate?.errno === 1205 || candidate?.code === 'SQLITE_BUSY'
  );
}
