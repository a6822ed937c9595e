/** The CLI's calls to a running `pos-adapter serve` (its local API on 127.0.0.1). */
export interface LocalAnswer {
  status: number;
  body: Record<string, unknown>;
}

export class AdapterNotRunningError extends Error {
  constructor(url: string) {
    super(`No pos-adapter answers at ${url}: start it with "pos-adapter serve" first`);
    this.name = 'AdapterNotRunningError';
  }
}

export async function callLocalApi(
  baseUrl: string,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  value?: unknown,
): Promise<LocalAnswer> {
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: value === undefined ? {} : { 'Content-Type': 'application/json' },
      body: value === undefined ? undefined : JSON.stringify(value),
    });
  } catch {
    throw new AdapterNotRunningError(baseUrl);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  return { status: response.status, body };
}
