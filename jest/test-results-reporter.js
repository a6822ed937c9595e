/**
 * Keeps, after each jest run, every test's file, ancestor titles, title and status in a JSON
 * file (reports/test-results.json by default) for `npm run compliance`, which matches the
 * requirement IDs named in test titles against spec/requirements.md.
 *
 * A run over some files replaces only those files' entries, so running one suite does not
 * wipe the results of the others; each file keeps the time its run started, which tells the
 * compliance report whether the file changed since. Deleted test files drop out.
 *
 * Writing the file must never break or slow a test run: it is one small write at the end, and
 * a failure to write is reported as a warning only.
 */
const fs = require('node:fs');
const path = require('node:path');

const RESULTS_FORMAT = 1;

class TestResultsReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.testNamePattern = globalConfig.testNamePattern;
    this.outputFile = path.resolve(this.rootDir, options.outputFile ?? 'reports/test-results.json');
  }

  onRunComplete(_contexts, results) {
    // With -t jest skips every test whose title does not match: those files' entries would
    // then say "skipped" for tests that pass, so such a run keeps the earlier results.
    if (this.testNamePattern) return;
    if (results.testResults.length === 0) return;
    try {
      this.writeResults(results);
    } catch (error) {
      process.stderr.write(`test results not written to ${this.outputFile}: ${error.message}\n`);
    }
  }

  writeResults(results) {
    const ranAt = new Date(results.startTime).toISOString();
    const ranNow = results.testResults.map((file) => describeFile(this.rootDir, file, ranAt));
    const replaced = new Set(ranNow.map((file) => file.file));
    const kept = readEarlierFiles(this.outputFile).filter(
      (file) => !replaced.has(file.file) && fs.existsSync(path.resolve(this.rootDir, file.file)),
    );
    const files = [...kept, ...ranNow].sort((a, b) => a.file.localeCompare(b.file));

    const document = { format: RESULTS_FORMAT, writtenAt: new Date().toISOString(), files };
    fs.mkdirSync(path.dirname(this.outputFile), { recursive: true });
    const partFile = `${this.outputFile}.${process.pid}.part`;
    fs.writeFileSync(partFile, `${JSON.stringify(document, null, 1)}\n`);
    fs.renameSync(partFile, this.outputFile);
  }
}

/** One test file as the compliance report needs it; failure messages are left out on purpose. */
function describeFile(rootDir, fileResult, ranAt) {
  // A file that could not run (a syntax error, a throwing import) has no tests to list.
  const runError =
    Boolean(fileResult.testExecError) ||
    (Boolean(fileResult.failureMessage) && fileResult.testResults.length === 0);
  return {
    file: path.relative(rootDir, fileResult.testFilePath).split(path.sep).join('/'),
    ranAt,
    runError,
    tests: fileResult.testResults.map((test) => ({
      ancestorTitles: test.ancestorTitles,
      title: test.title,
      fullName: test.fullName,
      status: test.status,
    })),
  };
}

/** The files of an earlier run, or none when there is no readable earlier file. */
function readEarlierFiles(outputFile) {
  if (!fs.existsSync(outputFile)) return [];
  try {
    const earlier = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
    return earlier.format === RESULTS_FORMAT && Array.isArray(earlier.files) ? earlier.files : [];
  } catch {
    return [];
  }
}

module.exports = TestResultsReporter;
