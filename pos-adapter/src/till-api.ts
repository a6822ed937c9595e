import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError, ERROR_CATALOGUE, isAppError } from '@memberkit/shared';
import { z } from 'zod';
import type { ReplayReport } from './checkout-store';
import type { Logger } from './logger';
import type { HeldCodes, ScanDesk } from './scan-desk';
import type { ScannedLine } from './scan-line-splitter';
import { tillMessage } from './till-messages';
import { MEMBER_CODE_IN_PAYMENT_CODE, type TillCheckouts } from './till-checkout';

// A checkout with 500 items is a few tens of kilobytes; nothing the till sends is larger.
const BODY_LIMIT_BYTES = 256 * 1024;
// A body past the limit is read to its end (and dropped) so the till gets its 413 instead of a
// reset connection; only past this much more is the connection cut.
const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

// No length limit here: a line too long for any code is refused as too long (SCAN_TOO_LONG).
const ScanRequestSchema = z.strictObject({ line: z.string().min(1) });

export interface TillApiDependencies {
  checkouts: TillCheckouts;
  desk: ScanDesk;
  scanMaxLength: number;
  status(): object;
  replay(): Promise<ReplayReport>;
  log: Logger;
}

/**
 * The till software's local API, on 127.0.0.1 only. It refuses anything not from this
 * machine, and a Host header that is not a loopback name (a web page in the till's browser
 * reaching it through a rebound domain name); JSON bodies only, so a browser cannot post a
 * form to it. Errors are coded (shared error catalogue) with a line for the cashier.
 */
export function createTillApi(deps: TillApiDependencies): http.Server {
  return http.createServer((request, response) => {
    void route(deps, request)
      .then(({ status, body }) => answer(response, status, body))
      .catch((error: unknown) => {
        const appError = isAppError(error) ? error : undefined;
        if (!appError) deps.log.error({ err: error }, 'till request failed');
        const failure = appError ?? new AppError('INTERNAL');
        answer(response, failure.status, errorBody(failure));
      });
  });
}

async function route(
  deps: TillApiDependencies,
  request: http.IncomingMessage,
): Promise<{ status: number; body: object }> {
  refuseStrangers(request);
  const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
  const method = request.method ?? 'GET';

  // Any /checkouts request takes the held codes off the desk before its body is read: one
  // refused for its body or method would otherwise leave them to join the next shopper's
  // sale (U-6.1.1). The checkout itself gets them from here.
  if (path === '/checkouts') {
    const held = deps.desk.takeHeldCodes();
    if (method === 'POST') return checkout(deps, await readJson(request), held);
    throw new AppError('METHOD_NOT_ALLOWED');
  }

  if (method === 'GET' && path === '/status') return { status: 200, body: deps.status() };
  if (method === 'GET' && path === '/scans')
    return { status: 200, body: { ...deps.desk.pending(), products: deps.desk.takeProducts() } };
  if (method === 'POST' && path === '/scans') return scan(deps, await readJson(request));
  // A sale given up before its checkout (the `scan` command's, say): nothing it scanned stays.
  if (method === 'DELETE' && path === '/scans') {
    deps.desk.clear();
    return { status: 200, body: deps.desk.pending() };
  }
  if (method === 'POST' && path === '/replay') return { status: 200, body: await deps.replay() };
  const known = ['/status', '/scans', '/checkouts', '/replay'].includes(path);
  throw new AppError(known ? 'METHOD_NOT_ALLOWED' : 'NOT_FOUND');
}

async function checkout(deps: TillApiDependencies, body: unknown, held: HeldCodes) {
  const outcome = await deps.checkouts.checkout(body, held);
  if (outcome.kind === 'queued') {
    const { checkoutId, tender, amountFen, occurredAt } = outcome;
    return {
      status: 202,
      body: {
        checkoutId,
        status: 'queued',
        tender,
        amountFen,
        occurredAt,
        tillMessage: tillMessage('queued'),
      },
    };
  }
  return {
    status: 200,
    body: { ...outcome.answer, tillMessage: tillMessage(outcome.answer.status) },
  };
}

function scan(deps: TillApiDependencies, body: unknown) {
  const parsed = ScanRequestSchema.safeParse(body);
  if (!parsed.success)
    throw new AppError('VALIDATION_FAILED', {
      details: { issues: [{ path: 'line', problem: 'a scan-gun line is required' }] },
    });
  const line = parsed.data.line.trim();
  const scanned: ScannedLine =
    line.length > deps.scanMaxLength ? { kind: 'too-long' } : { kind: 'code', code: line };
  const event = deps.desk.accept(scanned);
  return { status: 200, body: { ...event, tillMessage: tillMessage(event.kind) } };
}

function refuseStrangers(request: http.IncomingMessage): void {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (!LOOPBACK_ADDRESSES.has(request.socket.remoteAddress ?? '') || !LOOPBACK_HOSTS.has(host))
    throw new AppError('TILL_API_LOOPBACK_ONLY');
}

function readJson(request: http.IncomingMessage): Promise<unknown> {
  const type = String(request.headers['content-type'] ?? '');
  if (!type.toLowerCase().startsWith('application/json'))
    return Promise.reject(new AppError('CONTENT_TYPE_UNSUPPORTED'));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT_BYTES) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) request.destroy();
    });
    request.on('end', () => {
      if (size > BODY_LIMIT_BYTES)
        return reject(
          new AppError('BODY_TOO_LARGE', { details: { limitBytes: BODY_LIMIT_BYTES } }),
        );
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new AppError('JSON_INVALID'));
      }
    });
    request.on('error', reject);
  });
}

function errorBody(error: AppError): object {
  // 5xx messages stay generic; the code says what happened.
  const message =
    error.status >= 500 && error.code === 'INTERNAL'
      ? ERROR_CATALOGUE.INTERNAL.message
      : error.message;
  return {
    error: { code: error.code, message, details: error.details },
    tillMessage: tillMessage(messageKey(error)),
  };
}

/** The cashier's line: by code, or by the finer reason a few codes carry. */
function messageKey(error: AppError): string {
  const details = error.details as
    { reason?: string; issues?: Array<{ problem?: string }> } | undefined;
  if (details?.reason === 'too-long') return 'SCAN_TOO_LONG';
  if (details?.issues?.some((issue) => issue.problem === 'PAYMENT_CODE_REQUIRED'))
    return 'PAYMENT_CODE_REQUIRED';
  if (details?.issues?.some((issue) => issue.problem === MEMBER_CODE_IN_PAYMENT_CODE))
    return 'MEMBER_CODE_IN_PAYMENT_CODE';
  return error.code;
}

function answer(response: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}

/** Listen on loopback only; answers the API's base URL. */
export function listenOnLoopback(server: http.Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });
  });
}
