import http from 'node:http';
import type { Services } from '../src/container';
import { listenOnFreePort, type BenchServer } from './bench-server';

/**
 * Not a product route: a bare node:http front on the identity vault, so the figure is the cost
 * of encrypt + blind index + insert + lookup, with no Koa in front of it.
 */
export async function startVaultServer(services: Services): Promise<BenchServer> {
  return startBareFront(async (sequence) => ({
    memberId: await createAndFindMember(services, benchPhone(sequence)),
  }));
}

/**
 * A bare node:http front that runs `handle` once per request (numbered from 1) and answers
 * 200 with what it returns, or 500 with a code; the first error is kept for the report.
 */
export async function startBareFront(
  handle: (sequence: number) => Promise<object>,
): Promise<BenchServer> {
  const inFlight = new Set<Promise<void>>();
  let requests = 0;
  let firstError: unknown;
  const server = http.createServer((_request, response) => {
    requests += 1;
    const handled = handle(requests).then(
      (body) => answerJson(response, 200, body),
      (error: unknown) => {
        firstError ??= error;
        answerJson(response, 500, { code: 'BENCH_ROUND_TRIP_FAILED' });
      },
    );
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });

  const listening = await listenOnFreePort(server);
  // autocannon stops at its deadline with requests still running: let them answer, or closing
  // the pool under them aborts their queries and knex prints an acquire error for each.
  const stop = async () => {
    await Promise.allSettled([...inFlight]);
    await listening.stop();
  };
  return { url: listening.url, stop, describeFailure: () => describeError(firstError) };
}

/** A valid mainland mobile number, unique per request, so every sign-up is a new member. */
function benchPhone(sequence: number): string {
  return `13${String(sequence).padStart(9, '0')}`;
}

async function createAndFindMember(services: Services, phone: string): Promise<string> {
  await services.vault.createMember({
    identifiers: [{ kind: 'phone', value: phone }],
    profile: { name: 'bench' },
  });

  const member = await services.vault.findMemberByIdentifier('phone', phone);
  if (!member) throw new Error('member not found by the phone it was just created with');
  return member.id;
}

function answerJson(response: http.ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/**
 * Code and database message only: knex puts the SQL and its bindings in error.message, and
 * bindings are never printed (design.md, "Logging").
 */
function describeError(error: unknown): string | undefined {
  if (error === undefined) return undefined;
  const { code, sqlMessage } = error as { code?: string; sqlMessage?: string };
  if (sqlMessage) return `${code}: ${sqlMessage}`;
  const message = error instanceof Error ? error.message : String(error);
  return code ? `${code}: ${message}` : message;
}
