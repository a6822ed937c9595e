import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');
const complianceScript = path.join(repoRoot, 'scripts/compliance/compliance.mjs');
const reporterFile = path.join(repoRoot, 'jest/test-results-reporter.js');

/** A small requirements file: two sections, a terms table and prose that must not count. */
export const SMALL_REQUIREMENTS = `# Requirements

Prose that mentions D-7.9 is not a requirement: only the ID column of a table is.

| term | meaning |
| --- | --- |
| consent | what the shopper agreed to |

## 4 Collection

| ID | requirement |
| --- | --- |
| C-4.1.2a | Show a **notice** before collecting. |
| C-4.1.2b | Consent can be withdrawn at any time. |
| C-4.2.1.3 | Mini-program sign-up. |
| C-4.2.1.3a | Phone binding verified by SMS code. |

## 7 Deletion

| ID | requirement |
| --- | --- |
| D-7.1 | Delete or anonymise when the retention period ends. |
| D-7.2 | Closing an account is one action. |
`;

export interface FixtureTest {
  ancestorTitles: string[];
  title: string;
  status: 'passed' | 'failed' | 'pending';
}

/**
 * A repo of its own for the compliance command: a jest config whose reporter is the real one,
 * plain JavaScript test files (no transform needed), and the requirements beside it in
 * ../shared/spec/requirements.md as in the real layout.
 */
export class FixtureRepo {
  readonly base = fs.mkdtempSync(path.join(os.tmpdir(), 'memberkit-compliance-'));
  readonly root = path.join(this.base, 'main');
  readonly requirementsFile = path.join(this.base, 'shared/spec/requirements.md');
  readonly resultsFile = path.join(this.root, 'reports/test-results.json');
  readonly markdownFile = path.join(this.root, 'reports/compliance.md');

  constructor(requirements = SMALL_REQUIREMENTS) {
    fs.mkdirSync(path.dirname(this.requirementsFile), { recursive: true });
    fs.writeFileSync(this.requirementsFile, requirements);
    fs.mkdirSync(this.root, { recursive: true });
    fs.writeFileSync(
      path.join(this.root, 'jest.config.js'),
      `module.exports = ${JSON.stringify({
        testEnvironment: 'node',
        testMatch: ['**/test/**/*.test.js'],
        transform: {},
        reporters: [[reporterFile, { outputFile: 'reports/test-results.json' }]],
      })};\n`,
    );
  }

  writeTestFile(relativePath: string, source: string): string {
    const file = path.join(this.root, relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, source);
    return file;
  }

  /**
   * A results file as the reporter writes it, with runs later than every test file; a file
   * given as 'could not run' is recorded as jest records a file that failed to load.
   */
  writeResults(files: Record<string, FixtureTest[] | 'could not run' | 'hook failed'>): void {
    const ranAt = new Date().toISOString();
    const entries = Object.entries(files).map(([file, tests]) => {
      const full = this.writeTestFile(file, '// only its results matter here\n');
      const anHourAgo = new Date(Date.now() - 3_600_000);
      fs.utimesSync(full, anHourAgo, anHourAgo);
      if (tests === 'could not run') return { file, ranAt, runError: true, tests: [] };
      if (tests === 'hook failed') {
        const passed = { ancestorTitles: [], title: 'D-7.1 ran', status: 'passed' };
        return { file, ranAt, runError: true, tests: [{ ...passed, fullName: passed.title }] };
      }
      return {
        file,
        ranAt,
        runError: false,
        tests: tests.map((test) => ({
          ...test,
          fullName: [...test.ancestorTitles, test.title].join(' '),
        })),
      };
    });
    fs.mkdirSync(path.dirname(this.resultsFile), { recursive: true });
    fs.writeFileSync(this.resultsFile, JSON.stringify({ format: 1, files: entries }));
  }

  runCompliance(...args: string[]) {
    const run = spawnSync(process.execPath, [complianceScript, '--root', this.root, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  runComplianceAsJson(...args: string[]) {
    const run = this.runCompliance('--json', ...args);
    return { ...run, report: run.stdout ? JSON.parse(run.stdout) : undefined };
  }

  /** jest itself in the fixture repo, as a developer would run it. */
  runJest(...args: string[]) {
    return spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...args], {
      cwd: this.root,
      encoding: 'utf8',
      timeout: 120_000,
    });
  }

  remove(): void {
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}

/** The status and test titles the report gives one requirement ID. */
export function idInReport(report: ComplianceJson, id: string) {
  const found = report.sections
    .flatMap((section) => section.requirements)
    .find((requirement) => requirement.id === id);
  if (!found) throw new Error(`${id} is not in the report`);
  return { status: found.status, titles: found.tests.map((test) => test.title) };
}

export interface ComplianceJson {
  sections: {
    title: string;
    idFamily: string;
    counts: { total: number; covered: number; failing: number; uncovered: number; percent: number };
    requirements: {
      id: string;
      status: string;
      tests: { file: string; title: string; status: string }[];
    }[];
  }[];
  unknownIds: { id: string; range: boolean; groups: string[]; tests: { title: string }[] }[];
  overall: { total: number; covered: number; failing: number; uncovered: number; percent: number };
  outdatedFiles: string[];
  filesThatDidNotRun: string[];
  filesWithErrorsOutsideTests: string[];
}
