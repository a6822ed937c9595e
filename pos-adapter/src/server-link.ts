import { deviceHeaders } from '@memberkit/shared/node';

/**
 * What came back: an answer (any status), or nothing. `not-sent` means the connection was
 * never made, so the server cannot have acted on it; `no-answer` means the request may have
 * arrived (a timeout, a dropped connection): for a payment code the outcome is unknown.
 */
export type LinkAnswer =
  | { kind: 'answered'; status: number; body: unknown; errorCode?: string }
  | { kind: 'not-sent'; reason: string }
  | { kind: 'no-answer'; reason: string };

// Connection errors that mean no byte of the request reached the server.
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
]);

export const CHECKOUTS_PATH = '/v1/checkouts';

/**
 * Signed requests to the server (design.md "Interfaces": X-Device-Id, X-Timestamp, X-Nonce,
 * X-Signature via deviceHeaders, Idempotency-Key on every write). The signature is made at
 * every send, so a queued checkout carries the send time while its body keeps occurredAt.
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

  /** `body` is sent byte for byte as stored, so a retry matches its Idempotency-Key. */
  postCheckout(body: string, idempotencyKey: string, timeoutMs: number): Promise<LinkAnswer> {
    return this.post(CHECKOUTS_PATH, body, idempotencyKey, timeoutMs);
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

  private async post(
    path: string,
    body: string,
    idempotencyKey: string,
    timeoutMs: number,
  ): Promise<LinkAnswer> {
    const headers: Record<string, string> = {
      ...deviceHeaders(this.deviceId, this.secret, 'POST', path, body),
      'Content-Type': 'application/json',
      'Idempotency-Key': idempotencyKey,
    };
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      return failure(error);
    }
    const parsed = (await response.json().catch(() => undefined)) as
      { error?: { code?: string } } | undefined;
    return {
      kind: 'answered',
      status: response.status,
      body: parsed,
      errorCode: parsed?.error?.code,
    };
  }
}

function failure(error: unknown): LinkAnswer {
  const name = (error as { name?: string }).name ?? 'Error';
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code && NOT_SENT_CODES.has(code)) return { kind: 'not-sent', reason: code };
  return { kind: 'no-answer', reason: code ?? name };
}
