import { DeviceServerLink } from '@memberkit/shared/node';
import type { Decision, OfflineRules } from './offline-decisions';
import type { QueuedEvent } from './local-store';

export interface ServerCommand {
  id: string;
  cameraSerial: string;
  kind: 'open' | 'trigger';
  reason: string;
  expiresAt: string;
}

/** What came back: an answer (any status), or nothing in time. */
export type LinkAnswer<T> =
  | { kind: 'answered'; status: number; body: T; errorCode?: string }
  | { kind: 'unreachable'; reason: 'timeout' | 'network' };

/**
 * The adapter's signed calls to the server (signing, deadlines and /healthz in
 * DeviceServerLink). Each call has its own deadline: the camera is waiting for the live ones.
 */
export class ServerLink extends DeviceServerLink {
  /** A gate event; re-signed at every send, so a queued one carries the send time (design.md). */
  postEvent(event: QueuedEvent, idempotencyKey: string, timeoutMs: number) {
    return this.send<Decision>('POST', '/v1/parking/gate-events', event, timeoutMs, idempotencyKey);
  }

  rules(timeoutMs: number) {
    return this.send<OfflineRules>('GET', '/v1/parking/offline-rules', undefined, timeoutMs);
  }

  commands(timeoutMs: number) {
    return this.send<{ commands: ServerCommand[] }>(
      'GET',
      '/v1/parking/gate-commands',
      undefined,
      timeoutMs,
    );
  }

  delivered(commandId: string, timeoutMs: number) {
    const path = `/v1/parking/gate-commands/${encodeURIComponent(commandId)}/delivered`;
    return this.send('POST', path, undefined, timeoutMs, `delivered:${commandId}`);
  }

  heartbeat(softwareVersion: string, backlog: number, timeoutMs: number) {
    return this.send(
      'POST',
      '/v1/devices/heartbeat',
      { softwareVersion, backlog },
      timeoutMs,
      `heartbeat:${Date.now()}`,
    );
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    value: unknown,
    timeoutMs: number,
    idempotencyKey?: string,
  ): Promise<LinkAnswer<T>> {
    const body = value === undefined ? '' : JSON.stringify(value);
    const result = await this.call<T>(method, path, body, timeoutMs, idempotencyKey);
    if (result.kind === 'answered') return result;
    const name = (result.error as { name?: string }).name;
    return { kind: 'unreachable', reason: name === 'TimeoutError' ? 'timeout' : 'network' };
  }
}
