#!/usr/bin/env node
import { isAppError, parseYuan } from '@memberkit/shared';
import { Connectivity } from '@memberkit/shared/node';
import { Command, Option } from 'commander';
import { CheckoutStore } from '../checkout-store';
import { AdapterConfigError, loadAdapterConfig } from '../config';
import { createAdapterLogger } from '../logger';
import { OutboxReplayer } from '../outbox-replayer';
import { ADAPTER_VERSION, startAdapter } from '../pos-adapter';
import { readScans, openScanInput } from '../scan-source';
import { ServerLink } from '../server-link';
import { AdapterNotRunningError, callLocalApi } from './till-client';
import { describeAnswer } from './till-printer';

/**
 * `pos-adapter serve`: the till's local API and the scan gun; `scan`: try a scan-gun line
 * against a running adapter; `status`: the outbox; `replay`: send the outbox now.
 */
// Exit codes: 2 for input that was refused (by this command, the adapter or the server),
// 1 for anything else (no adapter running, an unreadable settings file, a fault).
const BAD_INPUT = 2;
const FAILED = 1;

// Usage errors (unknown option, a bad --tender) exit like other refused input; commander has
// printed them already. Help and version are not errors. Set before the commands are added,
// so each of them inherits it.
const program = new Command('pos-adapter')
  .description('Retail Member Kit pos-adapter: scan gun, checkouts, offline outbox')
  .version(ADAPTER_VERSION)
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : BAD_INPUT));

program
  .command('serve')
  .description('listen for the till on 127.0.0.1 and read the scan gun')
  .option('-c, --config <file>', 'settings file (JSON); POS_* variables override it')
  .option('--tty <path>', 'the scan gun as a serial/TTY device; "-" or none reads stdin')
  .option('--no-scanner', 'do not read a scan gun (the till posts codes itself)')
  .action(async (options: { config?: string; tty?: string; scanner: boolean }) => {
    const config = loadAdapterConfig(options.config);
    const log = createAdapterLogger(config.logLevel);
    const adapter = await startAdapter(config, log);
    if (options.scanner) adapter.readScanGun(openScanInput(options.tty));
    process.stderr.write(`pos-adapter listening on ${adapter.url}\n`);
    const stop = () => {
      log.info('stopping');
      void adapter.stop().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

interface ScanOptions {
  config?: string;
  port?: string;
  amount?: string;
  tender?: 'cash' | 'bank-card';
  checkoutId?: string;
}

program
  .command('scan')
  .description('feed scan-gun lines (arguments, or stdin) to a running adapter and check out')
  .argument('[lines...]', 'the scanned codes of one sale; none: read lines from stdin')
  .option('-c, --config <file>', 'settings file (JSON), for the local port')
  .option('-p, --port <port>', 'the running adapter’s local port')
  .option('-a, --amount <yuan>', 'the sale amount in yuan, e.g. 19.90')
  .addOption(
    new Option(
      '-t, --tender <tender>',
      'a sale paid by other means: with --amount it needs no code (a member code is optional)',
    ).choices(['cash', 'bank-card']),
  )
  .option('--checkout-id <id>', 'the till’s sale number (generated when not given)')
  .action(async (lines: string[], options: ScanOptions) => {
    const baseUrl = `http://127.0.0.1:${options.port ?? loadAdapterConfig(options.config).port}`;
    const amountFen = options.amount === undefined ? undefined : parseYuan(options.amount);
    if (lines.length > 0) return scanOneSale(baseUrl, lines, amountFen, options);
    // A sale paid by other means needs no code: it goes through at once, with any held code.
    if (amountFen !== undefined && options.tender)
      return checkOut(baseUrl, amountFen, options.tender, options);
    await scanFromStdin(baseUrl, amountFen, options);
  });

/**
 * The arguments are the codes of one sale, in any order: all are scanned first, then the sale
 * is checked out once, so a member code given after the payment code joins this sale and is
 * never left on the scan desk for the next shopper's. A sale that ends without a checkout
 * clears the desk, for the same reason (U-6.1.1).
 */
async function scanOneSale(
  baseUrl: string,
  lines: string[],
  amountFen: number | undefined,
  options: ScanOptions,
): Promise<void> {
  const tender = await scanAll(baseUrl, lines, options);
  if (amountFen === undefined || !tender) {
    await callLocalApi(baseUrl, 'DELETE', '/scans');
    if (amountFen !== undefined && tender === undefined)
      refuseInput('no checkout: scan a payment code, or give --tender');
    return;
  }
  // The checkout takes the held codes off the desk, whatever its outcome.
  await checkOut(baseUrl, amountFen, tender, options);
}

/** The tender the scanned codes call for; null when a scan was refused (already reported). */
async function scanAll(
  baseUrl: string,
  lines: string[],
  options: ScanOptions,
): Promise<string | undefined | null> {
  const kinds: unknown[] = [];
  for (const line of lines) {
    const scanned = await callLocalApi(baseUrl, 'POST', '/scans', { line });
    report(scanned.status, describeAnswer(scanned));
    if (scanned.status !== 200) return null;
    kinds.push(scanned.body.kind);
  }
  return kinds.includes('payment') ? 'payment-code' : options.tender;
}

/** Lines as the scan gun types them: a payment code (or a member code with --tender) checks out. */
async function scanFromStdin(
  baseUrl: string,
  amountFen: number | undefined,
  options: ScanOptions,
): Promise<void> {
  if (process.stdin.isTTY) process.stderr.write('reading scan-gun lines; Ctrl-D ends\n');
  let read = 0;
  let chain = Promise.resolve();
  const source = readScans(process.stdin, 1024, (scanned) => {
    read += 1;
    if (scanned.kind === 'code') chain = chain.then(() => scanLine(baseUrl, scanned.code));
  });
  await source.ended;
  await chain;
  if (read === 0) refuseInput('no scan-gun lines: give codes as arguments or on stdin');

  async function scanLine(url: string, line: string): Promise<void> {
    const scanned = await callLocalApi(url, 'POST', '/scans', { line });
    report(scanned.status, describeAnswer(scanned));
    if (scanned.status !== 200 || amountFen === undefined) return;
    const kind = scanned.body.kind;
    const tender =
      kind === 'payment' ? 'payment-code' : kind === 'member' ? options.tender : undefined;
    if (tender) await checkOut(url, amountFen, tender, options);
  }
}

async function checkOut(
  baseUrl: string,
  amountFen: number,
  tender: string,
  options: ScanOptions,
): Promise<void> {
  const checkout = await callLocalApi(baseUrl, 'POST', '/checkouts', {
    checkoutId: options.checkoutId,
    amountFen,
    tender,
  });
  report(checkout.status, describeAnswer(checkout));
}

function report(status: number, lines: string[]): void {
  process.stdout.write(`${lines.join('\n')}\n`);
  if (status >= 400) process.exitCode = BAD_INPUT;
}

function refuseInput(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = BAD_INPUT;
}

program
  .command('status')
  .description('print the outbox backlog, dead letters and the last replay')
  .option('-c, --config <file>', 'settings file (JSON)')
  .action((options: { config?: string }) => {
    const config = loadAdapterConfig(options.config);
    const store = new CheckoutStore(config.outboxFile, config.deviceSecret);
    const status = {
      backlog: store.backlog(),
      overdue: store.overdue(),
      deadLetters: store.deadLetters(),
      sent: store.sentCount(),
      lastReplay: store.lastReplay() ?? null,
    };
    store.close();
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  });

program
  .command('replay')
  .description('send the outbox now (through the running adapter, or directly when none runs)')
  .option('-c, --config <file>', 'settings file (JSON)')
  .action(async (options: { config?: string }) => {
    const config = loadAdapterConfig(options.config);
    try {
      const answer = await callLocalApi(`http://127.0.0.1:${config.port}`, 'POST', '/replay');
      process.stdout.write(`${JSON.stringify(answer.body, null, 2)}\n`);
      return;
    } catch (error) {
      if (!(error instanceof AdapterNotRunningError)) throw error;
    }
    const store = new CheckoutStore(config.outboxFile, config.deviceSecret);
    const link = new ServerLink(config.serverUrl, config.deviceId, config.deviceSecret);
    const log = createAdapterLogger(config.logLevel);
    const replayer = new OutboxReplayer(store, link, new Connectivity(), log, {
      timeoutMs: 15_000,
      retryMs: config.retryMs,
      maxRetryMs: config.maxRetryMs,
    });
    const report = await replayer.replay();
    replayer.stop();
    store.close();
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof AdapterConfigError || error instanceof AdapterNotRunningError)
    process.stderr.write(`${error.message}\n`);
  else if (isAppError(error)) process.stderr.write(`${error.code}: ${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  // A refused value (an amount like -5: MONEY_INVALID) is bad input, like a refused scan.
  process.exitCode = isAppError(error) && error.status < 500 ? BAD_INPUT : FAILED;
});
