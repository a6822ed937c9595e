/**
 * Prints, after a jest run, how many tests ran on each database. Database suites put the
 * database in their describe title ("[sqlite]" / "[mariadb]"), so CI logs show plainly that
 * both ran (design.md, "Database for tests").
 */
class DatabaseSummaryReporter {
  onRunComplete(_contexts, results) {
    const counts = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        const title = test.ancestorTitles.join(' ');
        const match = /\[(sqlite|mariadb|mysql)\]/.exec(title);
        if (!match) continue;
        const entry = counts.get(match[1]) ?? { passed: 0, failed: 0, skipped: 0 };
        if (test.status === 'passed') entry.passed += 1;
        else if (test.status === 'failed') entry.failed += 1;
        else entry.skipped += 1;
        counts.set(match[1], entry);
      }
    }

    if (counts.size === 0) return;
    process.stdout.write('\nDatabase test summary:\n');
    for (const [database, entry] of counts) {
      process.stdout.write(
        `  ${database}: ${entry.passed} passed, ${entry.failed} failed, ${entry.skipped} skipped\n`,
      );
    }
  }
}

module.exports = DatabaseSummaryReporter;
