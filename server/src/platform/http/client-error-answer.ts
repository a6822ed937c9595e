import crypto from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { AppError, type ErrorCode } from '@memberkit/shared';
import type { Logger } from '../logger';
import { publicError } from './error-middleware';

// Node's HTTP parser errors (llhttp) that reach 'clientError' before Koa sees a request.
const PARSER_ERROR_CODES: Record<string, ErrorCode> = {
  HPE_HEADER_OVERFLOW: 'HEADERS_TOO_LARGE',
  HPE_INVALID_METHOD: 'METHOD_NOT_ALLOWED',
};

/**
 * A request Node cannot parse (headers over the limit, a method like FOO, a garbled request
 * line) never reaches Koa, and Node would answer it with a bare status and no body. Answer it
 * like every other refusal instead: the status of a coded error and the JSON error body, then
 * close the connection, since the rest of its bytes cannot be trusted.
 */
export function answerUnparsableRequests(server: http.Server, log: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A connection already gone, or one that timed out before sending a request: nothing to
    // answer and no one waiting for it.
    if (
      !socket.writable ||
      error.code === 'ECONNRESET' ||
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
    ) {
      socket.destroy();
      return;
    }
    const appError = new AppError(PARSER_ERROR_CODES[error.code ?? ''] ?? 'REQUEST_MALFORMED');
    const requestId = crypto.randomUUID();
    log.info({ requestId, code: appError.code, parserCode: error.code }, 'request refused');
    socket.end(rawAnswer(appError, requestId));
  });
}

function rawAnswer(error: AppError, requestId: string): string {
  const body = JSON.stringify({ error: publicError(error, requestId) });
  return [
    `HTTP/1.1 ${error.status} ${http.STATUS_CODES[error.status] ?? 'Bad Request'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    `X-Request-Id: ${requestId}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}
