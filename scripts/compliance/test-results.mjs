// The test results the compliance report reads: the file jest/test-results-reporter.js writes,
// which test files it is missing or has out of date, and running jest to bring it up to date.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * @typedef {{ ancestorTitles: string[], title: string, fullName: string, status: string }} TestEntry
 * @typedef {{ file: string, ranAt: string, runError: boolean, tests: TestEntry[] }} TestFileEntry
 * @typedef {{ files: TestFileEntry[] }} TestResults
 */

export class TestResultsError extends Error {}

const jestBin = createRequire(import.meta.url).resolve('jest/bin/jest');

/**
 * @param {string} file
 * @returns {TestResults | null} null when there is no results file yet
 */
export function readTestResults(file) {
  if (!fs.existsSync(file)) return null;

  let document;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TestResultsError(`${file} is not readable JSON (${error.message}): run with --run`);
  }
  if (document.format !== 1 || !Array.isArray(document.files)) {
    throw new TestResultsError(
      `${file} is not a test results file of jest/test-results-reporter.js`,
    );
  }
  return { files: document.files };
}

/**
 * Every test file jest would run in this repo, relative to it, as jest's own config finds them.
 * @param {string} root
 * @returns {string[]}
 */
export function listTestFiles(root) {
  const listing = spawnSync(process.execPath, [jestBin, '--listTests', '--json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (listing.status !== 0) {
    throw new TestResultsError(`jest --listTests failed in ${root}: ${listing.stderr.trim()}`);
  }
  return JSON.parse(listing.stdout)
    .map((file) => path.relative(root, file).split(path.sep).join('/'))
    .sort();
}

/**
 * Test files with no results, or changed after the run that produced their results.
 * @param {string} root
 * @param {string[]} testFiles
 * @param {TestResults | null} results
 * @returns {string[]}
 */
export function findOutdatedFiles(root, testFiles, results) {
  const ranAt = new Map(
    (results?.files ?? []).map((entry) => [entry.file, Date.parse(entry.ranAt)]),
  );
  return testFiles.filter((file) => {
    const lastRun = ranAt.get(file);
    return lastRun === undefined || fs.statSync(path.join(root, file)).mtimeMs > lastRun;
  });
}

/**
 * Runs jest with the repo's config (whose reporter writes the results file): every test file,
 * or only the given ones. Failing tests are expected here; they show up in the report.
 * @param {string} root
 * @param {{ files?: string[], maxWorkers?: string }} choice
 */
export function runJest(root, { files, maxWorkers }) {
  const args = [jestBin];
  if (maxWorkers) args.push(`--maxWorkers=${maxWorkers}`);
  if (files) args.push('--runTestsByPath', ...files);

  // jest's own output goes to stderr so that stdout carries only the report (--json).
  const run = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (run.error) throw new TestResultsError(`jest did not start: ${run.error.message}`);
}
