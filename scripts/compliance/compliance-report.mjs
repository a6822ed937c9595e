// Joins requirements and test results: for each requirement ID, the tests whose titles name it
// and what became of them. The report names every test so a reader can judge whether it really
// drives the product and checks the clause's outcome.
import { createTitleIdFinder, idsGroupedBy, isIdRange } from './title-ids.mjs';

/**
 * @typedef {import('./requirements.mjs').Requirements} Requirements
 * @typedef {import('./test-results.mjs').TestResults} TestResults
 * @typedef {{ file: string, title: string, status: 'passed' | 'failed' | 'skipped' }} NamingTest
 * @typedef {'covered' | 'failing' | 'not run' | 'uncovered'} IdStatus
 * @typedef {{ id: string, text: string, status: IdStatus, tests: NamingTest[] }} IdReport
 * @typedef {{ total: number, covered: number, failing: number, notRun: number, uncovered: number, percent: number }} Counts
 * @typedef {{ title: string, idFamily: string, counts: Counts, requirements: IdReport[] }} SectionReport
 * @typedef {{ id: string, range: boolean, groups: string[], tests: NamingTest[] }} UnknownIdReport
 */

/**
 * @param {Requirements} requirements
 * @param {TestResults} results
 * @param {{ testFiles: string[], outdatedFiles: string[], idsInNotRunFiles?: Map<string, string[]> }} coverage
 *   which files jest knows, which of them have no up-to-date results, and the IDs those name
 */
export function buildComplianceReport(requirements, results, coverage) {
  // Results of a test file changed since its run, or no longer a test file, may name IDs its
  // tests no longer name: only up-to-date results count.
  const outdated = new Set(coverage.outdatedFiles);
  const current = new Set(coverage.testFiles.filter((file) => !outdated.has(file)));
  const countedFiles = results.files.filter((file) => current.has(file.file));
  const testsById = collectNamingTests(countedFiles, createTitleIdFinder(requirements.prefixes));

  const sections = requirements.sections.map((section) => {
    const ids = section.requirements.map((requirement) =>
      reportId(requirement, testsById, coverage.idsInNotRunFiles ?? new Map()),
    );
    return {
      title: section.title,
      idFamily: idFamily(section.requirements[0].id),
      counts: countStatuses(ids),
      requirements: ids,
    };
  });

  const unknownIds = [...testsById.entries()]
    .filter(([id]) => !requirements.ids.has(id))
    .map(([id, tests]) => ({
      id,
      range: isIdRange(id),
      groups: idsGroupedBy(id, requirements.ids),
      tests,
    }))
    .sort((a, b) => a.id.localeCompare(b.id));

  return {
    requirementsFile: requirements.file,
    testFiles: coverage.testFiles.length,
    outdatedFiles: coverage.outdatedFiles,
    // Some test files have no up-to-date results: the figures describe part of the suite only.
    partial: coverage.outdatedFiles.length > 0,
    filesThatDidNotRun: countedFiles
      .filter((file) => file.runError && file.tests.length === 0)
      .map((file) => file.file),
    // Tests ran, but a hook or the file around them failed: the tests' own results still count.
    filesWithErrorsOutsideTests: countedFiles
      .filter((file) => file.runError && file.tests.length > 0)
      .map((file) => file.file),
    sections,
    unknownIds,
    overall: countStatuses(sections.flatMap((section) => section.requirements)),
  };
}

/**
 * Exit status: a naming test that failed fails the check, and so does a test file that could
 * not run at all, since the IDs its titles name cannot be seen.
 */
export function complianceFailed(report) {
  return report.overall.failing > 0 || report.filesThatDidNotRun.length > 0;
}

/** @returns {Map<string, NamingTest[]>} */
function collectNamingTests(files, findIds) {
  const testsById = new Map();
  for (const file of files) {
    for (const test of file.tests) {
      const titles = [...test.ancestorTitles, test.title];
      const ids = new Set(titles.flatMap((title) => findIds(title)));
      const namingTest = {
        file: file.file,
        title: titles.join(' › '),
        status: normaliseStatus(test.status),
      };
      for (const id of ids) testsById.set(id, [...(testsById.get(id) ?? []), namingTest]);
    }
  }
  return testsById;
}

/** jest says passed, failed, pending, todo, skipped, disabled or focused. */
function normaliseStatus(status) {
  return status === 'passed' || status === 'failed' ? status : 'skipped';
}

/**
 * A failed or passed test decides; otherwise an ID named in a test file that did not run is
 * "not run" (after a partial run it is not known to be uncovered), and any other "uncovered".
 */
function reportId(requirement, testsById, idsInNotRunFiles) {
  const tests = testsById.get(requirement.id) ?? [];
  const notRunFiles = idsInNotRunFiles.get(requirement.id) ?? [];
  let status = 'uncovered';
  if (tests.some((test) => test.status === 'failed')) status = 'failing';
  else if (tests.some((test) => test.status === 'passed')) status = 'covered';
  else if (notRunFiles.length > 0) status = 'not run';
  return { id: requirement.id, text: requirement.text, status, tests, notRunFiles };
}

/** `--strict`: a partial report, or an ID whose naming tests did not run, fails it too. */
export function complianceIncomplete(report) {
  return report.partial || report.overall.notRun > 0;
}

/** @returns {Counts} */
function countStatuses(ids) {
  const count = (status) => ids.filter((id) => id.status === status).length;
  const covered = count('covered');
  return {
    total: ids.length,
    covered,
    failing: count('failing'),
    notRun: count('not run'),
    uncovered: count('uncovered'),
    percent: ids.length === 0 ? 0 : Math.round((covered / ids.length) * 1000) / 10,
  };
}

/** "C-4.1.2a" -> "C-4.x": how the sections of requirements.md are usually referred to. */
function idFamily(firstId) {
  const [prefix, number] = firstId.split('-');
  return `${prefix}-${number.split('.')[0]}.x`;
}
