/**
 * Cleanups still owed: servers, pools, scratch databases and temp folders. Kept in one place so
 * that Ctrl-C in the middle of a run still drops the scratch MariaDB database.
 */
const pending: Array<() => Promise<void>> = [];

/** Register a cleanup; the returned function runs it once and forgets it. */
export function deferCleanup(cleanup: () => Promise<void>): () => Promise<void> {
  let done = false;
  const runOnce = async () => {
    if (done) return;
    done = true;
    pending.splice(pending.indexOf(runOnce), 1);
    await cleanup();
  };
  pending.push(runOnce);
  return runOnce;
}

/** Newest first, so a server stops before the database under it is dropped. */
export async function runPendingCleanups(): Promise<void> {
  while (pending.length > 0) {
    await pending[pending.length - 1]().catch((error: unknown) => {
      console.error('cleanup failed:', error instanceof Error ? error.message : error);
    });
  }
}
