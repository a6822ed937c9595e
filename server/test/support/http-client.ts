import { deviceHeaders } from '@memberkit/shared/node';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read any shape
  text: string;
}

export async function send(
  baseUrl: string,
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    body: options.body,
    headers: options.headers,
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body, text };
}

export function sendJson(
  baseUrl: string,
  method: string,
  path: string,
  value: unknown,
  headers: Record<string, string> = {},
) {
  return send(baseUrl, method, path, {
    body: JSON.stringify(value),
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

/** A signed device request, built the way the adapters build theirs. */
export function sendSigned(
  baseUrl: string,
  device: { deviceId: string; secret: string },
  method: string,
  path: string,
  value: unknown,
  extraHeaders: Record<string, string> = {},
) {
  const body = value === undefined ? '' : JSON.stringify(value);
  const headers = {
    ...deviceHeaders(device.deviceId, device.secret, method, path, body),
    ...extraHeaders,
  };
  if (body) headers['Content-Type'] = 'application/json';
  return send(baseUrl, method, path, { body: body || undefined, headers });
}
