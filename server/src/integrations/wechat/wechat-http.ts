import type { Logger } from '../../platform/logger';
import { wechatApiFailure, type WechatApi } from './wechat-errcodes';

/** A WeChat answer: the fields of a success, or errcode and errmsg. */
export interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
  [field: string]: unknown;
}

export interface WechatRequest {
  api: WechatApi;
  url: string;
  method: 'GET' | 'POST';
  json?: unknown;
  timeoutMs: number;
  log?: Logger;
}

/**
 * One HTTP call to WeChat. The URL carries the appsecret, a login code or an access token, so
 * it is never logged and never put in an error; failures name the API and the reason only.
 */
export async function callWechat(request: WechatRequest): Promise<WechatAnswer> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: request.method,
      headers: request.json === undefined ? {} : { 'Content-Type': 'application/json' },
      body: request.json === undefined ? undefined : JSON.stringify(request.json),
      signal: AbortSignal.timeout(request.timeoutMs),
    });
  } catch (error) {
    const reason = isTimeout(error) ? 'timeout' : 'network';
    return fail(request, { reason });
  }

  const answer = (await response.json().catch(() => undefined)) as WechatAnswer | undefined;
  if (!response.ok || !answer || typeof answer !== 'object')
    return fail(request, { reason: 'bad-answer', httpStatus: response.status });
  return answer;
}

function fail(request: WechatRequest, facts: Record<string, unknown>): never {
  request.log?.error({ api: request.api, ...facts }, 'wechat api unreachable');
  throw wechatApiFailure(request.api, facts);
}

/** AbortSignal.timeout rejects with a DOMException named TimeoutError (not always an Error). */
function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'TimeoutError';
}
