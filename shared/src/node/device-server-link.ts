import { deviceHeaders } from './device-signature';

/**
 * What one signed call gave: an answer (any status, its JSON body if it had one), or the error
 * fetch threw. Each adapter judges a failure itself: what may have reached the server matters
 * for a payment code, how long it took matters for a waiting camera.
 */
export type DeviceCallResult<T> =
  | { kind: 'answered'; status: number; body: T; errorCode?: string }
  | { kind: 'failed'; error: unknown };

/**
 * Signed requests from an adapter to the server (design.md "Interfaces": X-Device-Id,
 * X-Timestamp, X-Nonce, X-Signature via deviceHeaders, Idempotency-Key on every write). The
 * signature is made at every call, so a queued write carries the send time; each call has its
 * own deadline (AbortSignal.timeout).
 */
export class DeviceServerLink {
  private readonly base: string;

  constructor(
    serverUrl: string,
    private readonly deviceId: string,
    private readonly secret: string,
  ) {
    this.base = serverUrl.replace(/\/$/, '');
  }

  /** `body` is sent byte for byte as given (empty: none), so a retry matches its key. */
  async call<T>(
    method: 'GET' | 'POST',
    path: string,
    body: string,
    timeoutMs: number,
    idempotencyKey?: string,
  ): Promise<DeviceCallResult<T>> {
    const headers = deviceHeaders(this.deviceId, this.secret, method, path, body);
    if (body) headers['Content-Type'] = 'application/json';
    if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers,
        body: body || undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return { kind: 'failed', error };
    }
    const parsed = (await response.json().catch(() => undefined)) as T & {
      error?: { code?: string };
    };
    return {
      kind: 'answered',
      status: response.status,
      body: parsed,
      errorCode: parsed?.error?.code,
    };
  }

  /** The unsigned liveness check, false on any failure or a non-2xx answer. */
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
}
