import type { ServerCommand } from './server-link';

interface Waiter {
  resolve(command: ServerCommand | undefined): void;
  timer: NodeJS.Timeout;
}

/**
 * "Open once" and "read again" instructions per camera (lpr-camera-push.md): the server
 * cannot call a camera, so they wait here for the camera's next comet poll. An instruction
 * not handed over before it expires (60 s) lapses.
 */
export class CommandBox {
  private readonly pending = new Map<string, ServerCommand[]>();
  private readonly known = new Set<string>();
  private readonly waiters = new Map<string, Waiter[]>();

  /** New instructions from the server; ones seen before are ignored. */
  add(commands: ServerCommand[]): void {
    for (const command of commands) {
      if (this.known.has(command.id)) continue;
      this.known.add(command.id);
      const waiting = this.waiters.get(command.cameraSerial)?.shift();
      if (waiting) {
        clearTimeout(waiting.timer);
        waiting.resolve(command);
        continue;
      }
      const queue = this.pending.get(command.cameraSerial) ?? [];
      queue.push(command);
      this.pending.set(command.cameraSerial, queue);
    }
  }

  /** The next live instruction for this camera, waiting up to holdMs for one to arrive. */
  take(serial: string, holdMs: number, now = Date.now()): Promise<ServerCommand | undefined> {
    const queue = this.pending.get(serial) ?? [];
    while (queue.length > 0) {
      const command = queue.shift() as ServerCommand;
      if (Date.parse(command.expiresAt) > now) return Promise.resolve(command);
    }
    if (holdMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        resolve,
        timer: setTimeout(() => {
          const list = this.waiters.get(serial) ?? [];
          list.splice(list.indexOf(waiter), 1);
          resolve(undefined);
        }, holdMs),
      };
      const list = this.waiters.get(serial) ?? [];
      list.push(waiter);
      this.waiters.set(serial, list);
    });
  }

  /** Answer every held poll now (shutting down). */
  release(): void {
    for (const list of this.waiters.values())
      for (const waiter of list.splice(0)) {
        clearTimeout(waiter.timer);
        waiter.resolve(undefined);
      }
  }
}
