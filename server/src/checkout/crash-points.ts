import type { CrashPoint } from '../platform/config-checkout';

/**
 * A test-only fault hook (issue #6, checkout-crash.test.ts): the process kills itself with
 * SIGKILL at the named point of a checkout, so the test can prove that a restart and the
 * till's retry finish the sale with exactly one payment, one transaction and one award.
 * SIGKILL, not an exception: nothing may run after it (no finally, no rollback, no reply),
 * exactly as when the machine loses power. config.ts sets the point only under NODE_ENV=test.
 */
export function crashHook(point: CrashPoint | undefined): (reached: CrashPoint) => void {
  if (!point) return () => undefined;
  return (reached) => {
    if (reached === point) process.kill(process.pid, 'SIGKILL');
  };
}
