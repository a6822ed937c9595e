import fs from 'node:fs';
import { type ComplianceJson, FixtureRepo, idInReport } from './compliance-fixtures';

// `npm run compliance` (issue #8): requirement IDs from spec/requirements.md against the test
// titles that name them, driven as a person runs it, on a small requirements file.
describe('npm run compliance', () => {
  describe('with a results file of passing, failing and skipped tests', () => {
    const repo = new FixtureRepo();
    let report: ComplianceJson;

    beforeAll(() => {
      repo.writeResults({
        'test/consent.test.js': [
          { ancestorTitles: [], title: 'C-4.1.2a: shows the notice first', status: 'passed' },
          { ancestorTitles: ['withdrawal (C-4.1.2b)'], title: 'stops marketing', status: 'passed' },
          {
            ancestorTitles: ['withdrawal (C-4.1.2b)'],
            title: 'keeps the history',
            status: 'failed',
          },
          { ancestorTitles: [], title: 'names only the group C-4.1.2.', status: 'passed' },
          { ancestorTitles: [], title: 'has a typo: C-4.1.2d', status: 'passed' },
          { ancestorTitles: ['QR codes (C-4.2.1.3-4)'], title: 'read back', status: 'passed' },
        ],
        'test/signup.test.js': [
          {
            ancestorTitles: ['[sqlite] sign-up'],
            title: 'C-4.2.1.3a binds the phone',
            status: 'passed',
          },
          { ancestorTitles: ['[sqlite] sign-up'], title: 'signs up (C-4.2.1.3)', status: 'passed' },
          {
            ancestorTitles: ['[mariadb] sign-up'],
            title: 'D-7.2 deletes in one action',
            status: 'pending',
          },
        ],
      });
      report = repo.runComplianceAsJson('--no-run').report;
    });
    afterAll(() => repo.remove());

    it('lists every ID of the requirement tables, by section, and no ID from prose', () => {
      expect(report.sections.map((section) => section.title)).toEqual([
        '4 Collection',
        '7 Deletion',
      ]);
      expect(report.sections[0].idFamily).toBe('C-4.x');
      const ids = report.sections.flatMap((section) =>
        section.requirements.map((requirement) => requirement.id),
      );
      expect(ids).toEqual(['C-4.1.2a', 'C-4.1.2b', 'C-4.2.1.3', 'C-4.2.1.3a', 'D-7.1', 'D-7.2']);
    });

    it('counts an ID covered when every test naming it passed', () => {
      expect(idInReport(report, 'C-4.1.2a')).toEqual({
        status: 'covered',
        titles: ['C-4.1.2a: shows the notice first'],
      });
    });

    it('counts an ID failing when one test naming it failed, a describe title naming it too', () => {
      expect(idInReport(report, 'C-4.1.2b')).toEqual({
        status: 'failing',
        titles: [
          'withdrawal (C-4.1.2b) › stops marketing',
          'withdrawal (C-4.1.2b) › keeps the history',
        ],
      });
    });

    it('matches IDs exactly: an ID and the one it extends each get only their own test', () => {
      expect(idInReport(report, 'C-4.2.1.3a').titles).toEqual([
        '[sqlite] sign-up › C-4.2.1.3a binds the phone',
      ]);
      expect(idInReport(report, 'C-4.2.1.3').titles).toEqual([
        '[sqlite] sign-up › signs up (C-4.2.1.3)',
      ]);
    });

    it('counts an ID with no test, or only skipped tests, as uncovered', () => {
      expect(idInReport(report, 'D-7.1')).toEqual({ status: 'uncovered', titles: [] });
      expect(idInReport(report, 'D-7.2')).toEqual({
        status: 'uncovered',
        titles: ['[mariadb] sign-up › D-7.2 deletes in one action'],
      });
    });

    it('reports a parent ID and a range as unknown, covering none of theirs, and a typo too', () => {
      expect(report.unknownIds).toEqual([
        expect.objectContaining({ id: 'C-4.1.2', range: false, groups: ['C-4.1.2a', 'C-4.1.2b'] }),
        expect.objectContaining({ id: 'C-4.1.2d', range: false, groups: [] }),
        expect.objectContaining({ id: 'C-4.2.1.3-4', range: true }),
      ]);
    });

    it('gives the covered percentage overall and per section', () => {
      expect(report.overall).toEqual({
        total: 6,
        covered: 3,
        failing: 1,
        notRun: 0,
        uncovered: 2,
        percent: 50,
      });
      expect(report.sections[0].counts).toEqual({
        total: 4,
        covered: 3,
        failing: 1,
        notRun: 0,
        uncovered: 0,
        percent: 75,
      });
      expect(report.sections[1].counts.percent).toBe(0);
    });

    it('exits 1 because a test naming an ID failed', () => {
      expect(repo.runCompliance('--no-run').status).toBe(1);
    });

    it('prints each ID with its status and tests, and ends with the percentages', () => {
      const { stdout } = repo.runCompliance('--no-run');

      expect(stdout).toMatch(/failing\s+C-4\.1\.2b\s+Consent can be withdrawn at any time\./);
      expect(stdout).toContain(
        'failed  test/consent.test.js › withdrawal (C-4.1.2b) › keeps the history',
      );
      expect(stdout).toMatch(/uncovered\s+D-7\.1/);
      expect(stdout).toContain('C-4.1.2 groups C-4.1.2a, C-4.1.2b and covers none of them');
      expect(stdout).toContain('C-4.2.1.3-4 is a range and covers none of its IDs');
      expect(stdout).toContain('All requirement IDs: 3 of 6 covered (50%), 1 failing, 2 uncovered');
      expect(stdout).toContain('C-4.x 4 Collection: 3 of 4 (75%)');
    });

    it('writes the same report as Markdown to reports/compliance.md', () => {
      repo.runCompliance('--no-run');

      const markdown = fs.readFileSync(repo.markdownFile, 'utf8');
      expect(markdown).toContain(
        '## 4 Collection (C-4.x): 3 of 4 covered (75%), 1 failing, 0 uncovered',
      );
      expect(markdown).toContain('- **C-4.1.2a** · covered · Show a **notice** before collecting.');
      expect(markdown).toContain(
        '  - failed: `test/consent.test.js` › withdrawal (C-4.1.2b) › keeps the history',
      );
      expect(markdown).toContain('## Unknown IDs');
    });
  });

  describe('with every naming test passing', () => {
    const repo = new FixtureRepo();
    afterAll(() => repo.remove());

    it('exits 0 and counts the covered IDs', () => {
      repo.writeResults({
        'test/all.test.js': [
          {
            ancestorTitles: [],
            title: 'C-4.1.2a and C-4.1.2b: one title names two',
            status: 'passed',
          },
        ],
      });

      const { status, report } = repo.runComplianceAsJson('--no-run');

      expect(status).toBe(0);
      expect(idInReport(report, 'C-4.1.2b').status).toBe('covered');
      expect(report.overall.covered).toBe(2);
    });
  });

  describe('with results older than a test file, or a test file with errors', () => {
    const repo = new FixtureRepo();
    afterAll(() => repo.remove());

    it('counts neither, names both, and exits 1', () => {
      const passing = { ancestorTitles: [], title: 'C-4.1.2a shows it', status: 'passed' as const };
      repo.writeResults({
        'test/changed.test.js': [passing],
        'test/broken.test.js': 'could not run',
      });
      const aMinuteAhead = new Date(Date.now() + 60_000);
      fs.utimesSync(`${repo.root}/test/changed.test.js`, aMinuteAhead, aMinuteAhead);

      const { status, report } = repo.runComplianceAsJson('--no-run');

      expect(status).toBe(1);
      expect(idInReport(report, 'C-4.1.2a')).toEqual({ status: 'uncovered', titles: [] });
      expect(report.outdatedFiles).toEqual(['test/changed.test.js']);
      expect(report.filesThatDidNotRun).toEqual(['test/broken.test.js']);
    });

    it('names a file whose hook failed but counts its tests, exiting 0 when they passed', () => {
      repo.writeResults({ 'test/hook.test.js': 'hook failed' });

      const { status, report } = repo.runComplianceAsJson('--no-run');

      expect(status).toBe(0);
      expect(idInReport(report, 'D-7.1')).toEqual({ status: 'covered', titles: ['D-7.1 ran'] });
      expect(report.filesWithErrorsOutsideTests).toEqual(['test/hook.test.js']);
      expect(report.filesThatDidNotRun).toEqual([]);
    });
  });

  describe('with bad input', () => {
    const repo = new FixtureRepo();
    afterAll(() => repo.remove());

    it('exits 2 naming a missing requirements file and --requirements, writing no report', () => {
      repo.writeResults({ 'test/a.test.js': [] });

      const { status, stderr } = repo.runCompliance(
        '--no-run',
        '--requirements',
        `${repo.base}/nope.md`,
      );

      expect(status).toBe(2);
      expect(stderr).toContain(`requirements file not found: ${repo.base}/nope.md`);
      expect(stderr).toContain('--requirements <file>');
      expect(fs.existsSync(repo.markdownFile)).toBe(false);
    });

    it('exits 2 naming the line of an ID listed twice', () => {
      const twice = `${repo.base}/twice.md`;
      fs.writeFileSync(
        twice,
        '| ID | requirement |\n| --- | --- |\n| D-7.1 | a |\n| D-7.1 | b |\n',
      );

      const { status, stderr } = repo.runCompliance('--no-run', '--requirements', twice);

      expect(status).toBe(2);
      expect(stderr).toContain(`${twice}:4: D-7.1 is listed twice (first on line 3)`);
    });

    it('exits 2 when --no-run finds no results file', () => {
      fs.rmSync(repo.resultsFile, { force: true });

      const { status, stderr } = repo.runCompliance('--no-run');

      expect(status).toBe(2);
      expect(stderr).toContain('no test results at');
    });

    it('refuses a worker count that is not a whole number', () => {
      const { status, stderr } = repo.runCompliance('--max-workers', 'two');

      expect(status).not.toBe(0);
      expect(stderr).toContain('a whole number above 0');
    });
  });

  describe('with no results yet, so jest runs with the results reporter', () => {
    const repo = new FixtureRepo();
    afterAll(() => repo.remove());

    beforeAll(() => {
      repo.writeTestFile(
        'test/notice.test.js',
        [
          "it('C-4.1.2a shows the notice', () => expect(1 + 1).toBe(2));",
          '// C-4.1.2b is named only in this comment, which does not count.',
          "it('withdraws', () => expect(true).toBe(true));",
        ].join('\n'),
      );
      repo.writeTestFile(
        'test/deletion.test.js',
        "describe('D-7.2 closing', () => { it('fails on purpose', () => expect(1).toBe(2)); });\n",
      );
    });

    it('runs jest, records every test and reports from what it recorded', () => {
      const { status, report, stderr } = repo.runComplianceAsJson();

      expect(stderr).toContain('running all 2 test files with jest first');
      expect(status).toBe(1);
      expect(idInReport(report, 'C-4.1.2a').status).toBe('covered');
      expect(idInReport(report, 'C-4.1.2b')).toEqual({ status: 'uncovered', titles: [] });
      expect(idInReport(report, 'D-7.2')).toEqual({
        status: 'failing',
        titles: ['D-7.2 closing › fails on purpose'],
      });
      expect(report.outdatedFiles).toEqual([]);
    });

    it('runs only a test file changed since, keeping the results of the others', () => {
      repo.writeTestFile('test/deletion.test.js', "it('D-7.2 closes in one action', () => {});\n");

      const { status, report, stderr } = repo.runComplianceAsJson();

      expect(stderr).toContain(
        'running the 1 test files with no up-to-date results first: test/deletion.test.js',
      );
      expect(status).toBe(0);
      expect(idInReport(report, 'D-7.2')).toEqual({
        status: 'covered',
        titles: ['D-7.2 closes in one action'],
      });
      expect(idInReport(report, 'C-4.1.2a').status).toBe('covered');
    });

    it('keeps the recorded results when jest runs with -t, which skips the other tests', () => {
      const before = fs.readFileSync(repo.resultsFile, 'utf8');

      const run = repo.runJest('-t', 'shows the notice');

      expect(run.status).toBe(0);
      expect(fs.readFileSync(repo.resultsFile, 'utf8')).toBe(before);
    });

    it('reads the recorded results without running jest when nothing changed', () => {
      const { stderr, report } = repo.runComplianceAsJson();

      expect(stderr).not.toContain('running');
      expect(report.overall.covered).toBe(2);
    });
  });
});
