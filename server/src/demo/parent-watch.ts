const POLL_MS = 1000;

/**
 * Calls `onGone` once when the process that started this one exits: the kernel then hands this
 * process to init (or a subreaper), so `process.ppid` changes. `npm start` can die without passing
 * a signal on (a SIGTERM to npm ends npm and its shell only), and a server left running would keep
 * its adapters running with it. Development only: a production server started with nohup must
 * outlive its shell. The timer does not keep the process alive.
 */
export function watchParent(onGone: () => void, pollMs = POLL_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onGone();
  }, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
