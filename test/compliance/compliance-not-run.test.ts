import fs from 'node:fs';
import { type ComplianceJson, FixtureRepo, idInReport } from './compliance-fixtures';

type PartialReport = ComplianceJson & {
  partial: boolean;
  overall: ComplianceJson['overall'] & { notRun: number };
};

/** The not-run test files the report names for one requirement ID. */
function notRunFilesOf(report: PartialReport, id: string): string[] {
  const requirements = report.sections.flatMap((section) => section.requirements) as Array<{
    id: string;
    notRunFiles?: string[];
  }>;
  return requirements.find((requirement) => requirement.id === id)?.notRunFiles ?? [];
}

// issue #8: after a partial jest run, `npm run compliance -- --no-run` called every ID of the
// files that did not run "uncovered" and exited 0, as if the report were complete.
describe('npm run compliance after a partial run', () => {
  const repo = new FixtureRepo();
  let report: PartialReport;
  let status: number | null;

  beforeAll(() => {
    repo.writeResults({
      'test/consent.test.js': [
        { ancestorTitles: [], title: 'C-4.1.2a shows the notice', status: 'passed' },
      ],
    });
    repo.writeTestFile(
      'test/deletion.test.js',
      [
        '// D-7.2 is only mentioned in this comment: no test names it.',
        "describe('retention', () => {",
        "  it('D-7.1 deletes when the period ends', () => {}); // C-4.1.2b in a comment",
        '  /* C-4.2.1.3 in a block comment */',
        '});',
        '',
      ].join('\n'),
    );
    const run = repo.runComplianceAsJson('--no-run');
    report = run.report;
    status = run.status;
  });
  afterAll(() => repo.remove());

  it('labels an ID named only by a test file that did not run "not run", naming the file', () => {
    expect(idInReport(report, 'D-7.1')).toEqual({ status: 'not run', titles: [] });
    expect(notRunFilesOf(report, 'D-7.1')).toEqual(['test/deletion.test.js']);
  });

  it('keeps IDs mentioned only in comments of that file, or nowhere, "uncovered"', () => {
    for (const id of ['D-7.2', 'C-4.1.2b', 'C-4.2.1.3', 'C-4.2.1.3a'])
      expect(idInReport(report, id).status).toBe('uncovered');
    expect(idInReport(report, 'C-4.1.2a').status).toBe('covered');
  });

  it('says the report is partial, in its counts, header and Markdown, and still exits 0', () => {
    expect(status).toBe(0);
    expect(report.partial).toBe(true);
    expect(report.overall).toMatchObject({ covered: 1, notRun: 1, uncovered: 4, total: 6 });

    const { stdout } = repo.runCompliance('--no-run');
    expect(stdout.split('\n')[0]).toBe(
      'Compliance with T/CCAGM 002-2021 (PARTIAL: 1 of 2 test files not run or changed since their run)',
    );
    expect(stdout).toMatch(/not run\s+D-7\.1/);
    expect(stdout).toContain('not run test/deletion.test.js');
    expect(stdout).toContain(
      'All requirement IDs: 1 of 6 covered (16.7%), 0 failing, 1 not run, 4 uncovered',
    );
    expect(fs.readFileSync(repo.markdownFile, 'utf8').split('\n')[0]).toBe(
      '# Compliance with T/CCAGM 002-2021 (PARTIAL: 1 of 2 test files not run or changed since their run)',
    );
  });

  it('exits 1 with --strict because part of the suite did not run', () => {
    const strict = repo.runCompliance('--no-run', '--strict');
    expect(strict.status).toBe(1);
  });

  it('exits 0 with --strict and drops the PARTIAL mark once every file has run', () => {
    repo.writeResults({
      'test/consent.test.js': [
        { ancestorTitles: [], title: 'C-4.1.2a shows the notice', status: 'passed' },
      ],
      'test/deletion.test.js': [
        { ancestorTitles: ['retention'], title: 'D-7.1 deletes', status: 'passed' },
      ],
    });

    const complete = repo.runCompliance('--no-run', '--strict');

    expect(complete.status).toBe(0);
    expect(complete.stdout.split('\n')[0]).toBe('Compliance with T/CCAGM 002-2021');
  });
});
