import Taro from '@tarojs/taro';

import { isWeapp } from '../platform/runtime';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RawRequest {
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface RawAnswer {
  status: number;
  body: unknown;
}

/** Taro.request on weapp (wx.request); it parses JSON answers itself. */
async function sendWithTaro(request: RawRequest): Promise<RawAnswer> {
  const answer = await Taro.request({
    url: request.url,
    method: request.method,
    header: request.headers,
    data: request.body,
    dataType: 'json',
  });

  return { status: answer.statusCode, body: answer.data };
}

async function sendWithFetch(request: RawRequest): Promise<RawAnswer> {
  const response = await fetch(request.url, {
    method: request.method,
    headers: request.headers,
    // JSON, never a form body: WeChat's encryptedData and iv may hold '+' (field-cases.md).
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
  });
  const text = await response.text();

  return { status: response.status, body: parseJson(text) };
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;

  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function sendRaw(request: RawRequest): Promise<RawAnswer> {
  return isWeapp() ? sendWithTaro(request) : sendWithFetch(request);
}
