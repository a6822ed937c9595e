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

function failure(error: unknown): LinkAnswer {
  const name = (error as { name?: string }).name ?? 'Error';
  const code = (error as { cause?: { code?: string } }).cause?.code;
  if (code && NOT_SENT_CODES.has(code)) return { kind: 'not-sent', reason: code };
  return { kind: 'no-answer', reason: code ?? name };
}
