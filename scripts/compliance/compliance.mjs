// `npm run compliance`: each requirement ID of spec/requirements.md with the tests that name it
// in their titles and whether they passed, the uncovered IDs, and the covered percentage.
// Reads reports/test-results.json (written by jest/test-results-reporter.js) and first runs jest
// over the test files that have no up-to-date results there.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import {
  buildComplianceReport,
  complianceFailed,
  complianceIncomplete,
} from './compliance-report.mjs';
import { idsInNotRunFiles } from './not-run-ids.mjs';
import { renderMarkdown, renderText } from './render-report.mjs';
import { readRequirements, RequirementsError } from './requirements.mjs';
import { createTitleIdFinder } from './title-ids.mjs';
import {
  findOutdatedFiles,
  listTestFiles,
  readTestResults,
  runJest,
  TestResultsError,
} from './test-results.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const USAGE_ERROR = 2;

const program = new Command('compliance')
  .description('List every requirement ID with the tests that name it and whether they passed.')
  .option('--root <dir>', 'the repository whose tests count', repoRoot)
  .option(
    '--requirements <file>',
    'requirements file (default: ../shared/spec/requirements.md beside the repo)',
  )
  .option('--results <file>', 'test results file (default: reports/test-results.json in the repo)')
  .option(
    '--markdown <file>',
    'where the Markdown report goes (default: reports/compliance.md in the repo)',
  )
  .option('--run', 'run the whole jest suite first, even when the results are up to date')
  .option('--no-run', 'never run jest: report from the results file as it is')
  .option('--max-workers <count>', 'jest workers when jest runs', parseWorkerCount)
  .option('--json', 'print the report as JSON instead of text')
  .option(
    '--strict',
    'exit 1 also when the report is partial: a test file not run, or an ID whose tests did not run',
  )
  .action(main);

function parseWorkerCount(value) {
  if (!/^[1-9][0-9]*$/.test(value)) throw new InvalidArgumentError('a whole number above 0');
  return value;
}

function main(options) {
  const root = path.resolve(options.root);
  const requirementsFile = path.resolve(
    options.requirements ?? path.join(root, '../shared/spec/requirements.md'),
  );
  const defaultResultsFile = path.join(root, 'reports/test-results.json');
  const resultsFile = path.resolve(options.results ?? defaultResultsFile);
  const markdownFile = path.resolve(options.markdown ?? path.join(root, 'reports/compliance.md'));

  const requirements = readRequirements(requirementsFile);
  const testFiles = listTestFiles(root);
  const results = bringResultsUpToDate({
    root,
    resultsFile,
    defaultResultsFile,
    testFiles,
    options,
  });
  const outdatedFiles = findOutdatedFiles(root, testFiles, results);
  const report = buildComplianceReport(requirements, results, {
    testFiles,
    outdatedFiles,
    idsInNotRunFiles: idsInNotRunFiles(
      root,
      outdatedFiles,
      createTitleIdFinder(requirements.prefixes),
    ),
  });

  fs.mkdirSync(path.dirname(markdownFile), { recursive: true });
  fs.writeFileSync(markdownFile, renderMarkdown(report));
  process.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderText(report));
  if (!options.json)
    process.stdout.write(
      `Markdown report: ${path.relative(process.cwd(), markdownFile) || markdownFile}\n`,
    );
  const failed = complianceFailed(report) || (options.strict && complianceIncomplete(report));
  process.exitCode = failed ? 1 : 0;
}

/**
 * The results to report from. `--run` runs every test file; by default only the test files
 * with no results or changed since their run are run; `--no-run` takes the file as it is.
 */
function bringResultsUpToDate({ root, resultsFile, defaultResultsFile, testFiles, options }) {
  const earlier = readTestResults(resultsFile);
  if (options.run === false) {
    if (!earlier)
      throw new TestResultsError(`no test results at ${resultsFile}: run without --no-run`);
    return earlier;
  }

  const outdated = findOutdatedFiles(root, testFiles, earlier);
  const runAll = options.run === true || !earlier;
  if (!runAll && outdated.length === 0) return earlier;

  // jest's reporter writes only the default file; another file can only be read as it is.
  if (resultsFile !== defaultResultsFile) {
    throw new TestResultsError(
      `jest writes its results to ${defaultResultsFile}, not ${resultsFile}: pass --no-run to report from ${resultsFile} as it is`,
    );
  }

  if (runAll) {
    process.stderr.write(
      `running all ${testFiles.length} test files with jest first: the whole suite takes about 15 minutes on 2 cores\n`,
    );
  } else {
    process.stderr.write(
      `running the ${outdated.length} test files with no up-to-date results first: ${outdated.join(', ')}\n`,
    );
  }
  runJest(root, { files: runAll ? undefined : outdated, maxWorkers: options.maxWorkers });

  const fresh = readTestResults(resultsFile);
  if (!fresh) {
    throw new TestResultsError(
      `jest wrote no results to ${resultsFile}: is jest/test-results-reporter.js in jest.config.js?`,
    );
  }
  return fresh;
}

// A reader piping the report into `head` closes stdout early; that is not an error.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

try {
  program.parse();
} catch (error) {
  if (!(error instanceof RequirementsError || error instanceof TestResultsError)) throw error;
  process.stderr.write(`compliance: ${error.message}\n`);
  process.exitCode = USAGE_ERROR;
}
