import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measurement } from './harness';

/** One target and its baseline (bare node:http unless the name says) measured right before it. */
export interface Comparison {
  name: string;
  connections: number;
  /** Requests/s the target was held at: its req/s is that rate, not a maximum. */
  fixedRate?: number;
  target: Measurement;
  baseline: Measurement;
  /** Set when some target requests failed, few enough for the figure to stand. */
  failures?: string;
}

export interface ReportContext {
  seconds: number;
  warmUpSeconds: number;
  totalSeconds: number;
  notes: string[];
}

const COLUMNS = [
  'benchmark',
  'target req/s',
  'baseline req/s',
  'ratio',
  'p99 ms target',
  'p99 baseline',
];

export function formatReport(comparisons: Comparison[], context: ReportContext): string {
  const lines = [
    '# Benchmarks',
    '',
    describeRun(context),
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `| ${COLUMNS.map(() => '---').join(' | ')} |`,
    ...comparisons.map(formatRow),
  ];
  const notes = [
    ...context.notes,
    ...describeFixedRate(comparisons),
    ...comparisons.flatMap(describeFailures),
  ].map((note) => `- ${note}`);
  return [...lines, ...(notes.length > 0 ? ['', ...notes] : []), ''].join('\n');
}

/**
 * docs/benchmarks.md at the repository root, found from here whether built or not: the
 * README links it, so the latest run's figures travel with the code that produced them.
 */
export function writeReport(markdown: string): string {
  const folder = path.join(findRepositoryRoot(__dirname), 'docs');
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'benchmarks.md');
  fs.writeFileSync(file, markdown);
  return file;
}

function describeRun(context: ReportContext): string {
  const machine = `Node ${process.version}, ${os.cpus().length} CPUs`;
  const timing = `${context.seconds} s per figure after a ${context.warmUpSeconds} s warm-up`;
  return [
    `${new Date().toISOString()} · ${machine} · ${timing} · whole run ${context.totalSeconds} s.`,
    'Baseline: bare node:http answering a tiny JSON in the same process, measured right before',
    'each target with the same connections; the baseline is named in the row when it is not a',
    'bare node:http server. Ratio = target / baseline; compare ratios, not absolute figures,',
    'across runs and machines.',
  ].join('\n');
}

function formatRow(comparison: Comparison): string {
  const { name, connections, target, baseline, failures, fixedRate } = comparison;
  const cells = [
    `${name}, c=${connections}${failures ? ' (failures: see below)' : ''}`,
    formatRate(target.requestsPerSecond),
    formatRate(baseline.requestsPerSecond),
    // A fixed rate over a maximum throughput compares nothing, so no ratio is shown.
    fixedRate === undefined
      ? formatRatio(target.requestsPerSecond / baseline.requestsPerSecond)
      : '—',
    String(target.p99Ms),
    String(baseline.p99Ms),
  ];
  return `| ${cells.join(' | ')} |`;
}

function describeFixedRate(comparisons: Comparison[]): string[] {
  const rates = [...new Set(comparisons.flatMap(({ fixedRate }) => fixedRate ?? []))];
  if (rates.length === 0) return [];
  return [
    `Fixed-rate rows (${rates.map((rate) => `${rate}/s`).join(', ')}): the load is held at that ` +
      'rate, so target req/s is the rate, not a maximum, and the ratio is not shown; their ' +
      'figure is the p99 at that rate.',
  ];
}

function describeFailures({ name, failures }: Comparison): string[] {
  return failures ? [`${name}: ${failures}.`] : [];
}

// Two significant digits: the vault sits near 0.02, where two decimals would hide the change.
function formatRatio(ratio: number): string {
  return ratio.toPrecision(2);
}

function formatRate(requestsPerSecond: number): string {
  return Math.round(requestsPerSecond).toLocaleString('en-US');
}

function findRepositoryRoot(start: string): string {
  for (let folder = start; folder !== path.dirname(folder); folder = path.dirname(folder)) {
    if (isWorkspacesRoot(path.join(folder, 'package.json'))) return folder;
  }
  throw new Error(`no package.json with workspaces above ${start}`);
}

function isWorkspacesRoot(packageFile: string): boolean {
  if (!fs.existsSync(packageFile)) return false;
  return 'workspaces' in JSON.parse(fs.readFileSync(packageFile, 'utf8'));
}
