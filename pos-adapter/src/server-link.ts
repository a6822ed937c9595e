import { DeviceServerLink } from '@memberkit/shared/node';

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
 * The till's signed calls to the server (signing, deadlines and /healthz in DeviceServerLink).
 * The signature is made at every send, so a queued checkout carries the send time while its
 * body keeps occurredAt.
 */
export class ServerLink extends DeviceServerLink {
  /** `body` is sent byte for byte as stored, so a retry matches its Idempotency-Key. */
  async postCheckout(body: string, idempotencyKey: string, timeoutMs: number): Promise<LinkAnswer> {
    const result = await this.call<unknown>(
      'POST',
      CHECKOUTS_PATH,
      body,
      timeoutMs,
      idempotencyKey,
    );
    return result.kind === 'answered' ? result : failure(result.error);
  }
}

// fetch (undici) refuses some URLs before it connects, with a TypeError whose cause has no
// code, only a message: ports on the Fetch standard's "bad port" list (serverUrl on :9, :25...)
// and schemes it cannot fetch. Nothing left this machine.
const REFUSED_BEFORE_CONNECTING: ReadonlyMap<string, string> = new Map([
  ['bad port', 'URL_PORT_BLOCKED'],
  ['unknown scheme', 'URL_SCHEME_UNSUPPORTED'],
]);

function failure(error: unknown): LinkAnswer {
  const name = (error as { name?: string }).name ?? 'Error';
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const code = cause?.code;
  if (code && NOT_SENT_CODES.has(code)) return { kind: 'not-sent', reason: code };
  const refusedBy = REFUSED_BEFORE_CONNECTING.get(cause?.message ?? '');
  if (!code && refusedBy) return { kind: 'not-sent', reason: refusedBy };
  return { kind: 'no-answer', reason: code ?? name };
}
