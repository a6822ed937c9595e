/** Which build the code under test believes it runs in (Taro replaces this at build time). */
export function runAs(platform: 'weapp' | 'h5'): void {
  process.env.TARO_ENV = platform;
}

export interface FetchCall {
  url: string;
  method?: string;
  headers: Record<string, string>;
  body?: unknown;
}

/** A fetch for the H5 build: answers per path, records every call with its parsed body. */
export function installFetch(
  answer: (call: FetchCall) => { status: number; body?: unknown } | 'network-error',
): FetchCall[] {
  const calls: FetchCall[] = [];
  globalThis.fetch = (async (url: string, init: RequestInit = {}) => {
    const call: FetchCall = {
      url,
      method: init.method,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    calls.push(call);
    const reply = answer(call);
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return new Response(reply.body === undefined ? '' : JSON.stringify(reply.body), {
      status: reply.status,
      headers: { 'Content-Type': 'application/json' },
    });
  }) as typeof fetch;
  return calls;
}
