import { deviceHeaders } from '@memberkit/shared/node';
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
 * Signed requests to the server (design.md "Interfaces": X-Device-Id, X-Timestamp, X-Nonce,
 * X-Signature via deviceHeaders, Idempotency-Key on every write). Each call has its own
 * deadline (AbortSignal.timeout): the camera is waiting for the live ones.
 */
export class ServerLink {
  private readonly base: string;

  constructor(
    serverUrl: string,
    private readonly deviceId: string,
    private readonly secret: string,
  ) {
    this.base = serverUrl.replace(/\/$/, '');
  }

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

  async healthy(timeoutMs: number): Promise<boolean> {
    try {
      const response = await fetch(`${this.base}/healthz`, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      return response.ok;
    } catch {
      return false;
    }
  }

  private async send<T>(
    method: 'GET' | 'POST',
    path: string,
    value: unknown,
    timeoutMs: number,
    idempotencyKey?: string,
  ): Promise<LinkAnswer<T>> {
    const body = value === undefined ? '' : JSON.stringify(value);
    const headers: Record<string, string> = deviceHeaders(
      this.deviceId,
      this.secret,
      method,
      path,
      body,
    );
    if (body) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    try {
      const response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body || undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const parsed = (await response.json().catch(() => undefined)) as T & {
        error?: { code?: string };
      };
      return {
        kind: 'answered',
        status: response.status,
        body: parsed,
        errorCode: parsed?.error?.code,
      };
    } catch (error) {
      const name = (error as { name?: string }).name;
      return { kind: 'unreachable', reason: name === 'TimeoutError' ? 'timeout' : 'network' };
    }
  }
}
