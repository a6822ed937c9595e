import autocannon from 'autocannon';

export interface LoadOptions {
  connections: number;
  seconds: number;
}

export interface Measurement {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Non-2xx answers plus connection errors and timeouts. */
  failures: number;
}

// A cold server measures V8's JIT and an empty connection pool, not our code.
export const WARM_UP_SECONDS = 1;

/** Warm the URL up, then load it with autocannon and keep the figures the report prints. */
export async function measure(url: string, options: LoadOptions): Promise<Measurement> {
  await autocannon({ url, connections: options.connections, duration: WARM_UP_SECONDS });
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}
