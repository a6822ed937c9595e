// The compliance report as terminal text and as Markdown: the same content, section by section.

const SHORT_TEXT = 72;
const LISTED_FILES = 5;

/** @param {ReturnType<typeof import('./compliance-report.mjs').buildComplianceReport>} report */
export function renderText(report) {
  const lines = [
    `Compliance with T/CCAGM 002-2021${partialNote(report)}`,
    ...describeSources(report, 'text'),
    '',
  ];

  for (const section of report.sections) {
    lines.push(`${section.title} (${section.idFamily}): ${describeCounts(section.counts)}`);
    for (const requirement of section.requirements) {
      lines.push(
        `  ${requirement.status.padEnd(9)} ${requirement.id.padEnd(10)} ${shorten(plain(requirement.text))}`,
      );
      for (const test of requirement.tests)
        lines.push(`      ${test.status.padEnd(7)} ${describeTest(test)}`);
      for (const file of requirement.notRunFiles) lines.push(`      not run ${file}`);
    }
    lines.push('');
  }

  if (report.unknownIds.length > 0) {
    lines.push('Unknown IDs (named in test titles, not in the requirements):');
    for (const unknown of report.unknownIds) {
      lines.push(`  ${unknown.id}${describeGroup(unknown)}`);
      for (const test of unknown.tests)
        lines.push(`      ${test.status.padEnd(7)} ${describeTest(test)}`);
    }
    lines.push('');
  }

  lines.push(...describeTotals(report));
  return `${lines.join('\n')}\n`;
}

/** @param {ReturnType<typeof import('./compliance-report.mjs').buildComplianceReport>} report */
export function renderMarkdown(report) {
  const sources = describeSources(report, 'markdown').map((line) => `- ${line}`);
  const lines = [`# Compliance with T/CCAGM 002-2021${partialNote(report)}`, '', ...sources, ''];
  lines.push(...describeTotals(report).map((line) => line.replace(/^ {2}/, '- ')), '');

  for (const section of report.sections) {
    lines.push(`## ${section.title} (${section.idFamily}): ${describeCounts(section.counts)}`, '');
    for (const requirement of section.requirements) {
      lines.push(`- **${requirement.id}** · ${requirement.status} · ${requirement.text}`);
      for (const test of requirement.tests) lines.push(describeTestInMarkdown(test));
      for (const file of requirement.notRunFiles) lines.push(`  - not run: \`${file}\``);
    }
    lines.push('');
  }

  if (report.unknownIds.length > 0) {
    lines.push('## Unknown IDs (named in test titles, not in the requirements)', '');
    for (const unknown of report.unknownIds) {
      lines.push(`- **${unknown.id}**${describeGroup(unknown)}`);
      for (const test of unknown.tests) lines.push(describeTestInMarkdown(test));
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** The title says so when some test files have no up-to-date results. */
function partialNote(report) {
  if (!report.partial) return '';
  const notRun = report.outdatedFiles.length;
  return ` (PARTIAL: ${notRun} of ${report.testFiles} test files not run or changed since their run)`;
}

/** Where the figures come from; the terminal names only the first few files left out. */
function describeSources(report, format) {
  const lines = [
    `Requirements: ${report.requirementsFile}`,
    `Test results: ${report.testFiles - report.outdatedFiles.length} of ${report.testFiles} test files`,
  ];
  const outdated = report.outdatedFiles;
  if (outdated.length > 0) {
    const named =
      format === 'text' && outdated.length > LISTED_FILES
        ? `${outdated.slice(0, LISTED_FILES).join(', ')} and ${outdated.length - LISTED_FILES} more (all in the Markdown report)`
        : outdated.join(', ');
    lines.push(`Not run or changed since their last run, so not counted: ${named}`);
  }
  if (report.filesThatDidNotRun.length > 0) {
    lines.push(`Test files that could not run: ${report.filesThatDidNotRun.join(', ')}`);
  }
  if (report.filesWithErrorsOutsideTests.length > 0) {
    lines.push(
      `Test files with an error outside their tests (a hook failed): ${report.filesWithErrorsOutsideTests.join(', ')}`,
    );
  }
  return lines;
}

/** An unknown ID that groups real ones ("C-4.1.2"): naming the group covers none of them. */
function describeGroup(unknown) {
  if (unknown.range) return ' is a range and covers none of its IDs: name each one a test checks';
  if (unknown.groups.length === 0) return '';
  return ` groups ${unknown.groups.join(', ')} and covers none of them: name the one the test checks`;
}

function describeTotals(report) {
  const lines = [`All requirement IDs: ${describeCounts(report.overall)}`];
  for (const section of report.sections) {
    lines.push(
      `  ${section.idFamily} ${section.title}: ${section.counts.covered} of ${section.counts.total} (${section.counts.percent}%)`,
    );
  }
  return lines;
}

function describeCounts(counts) {
  return (
    `${counts.covered} of ${counts.total} covered (${counts.percent}%), ` +
    `${counts.failing} failing, ${counts.notRun > 0 ? `${counts.notRun} not run, ` : ''}` +
    `${counts.uncovered} uncovered`
  );
}

/** Titles built with %j can span lines: one line each. */
function describeTest(test) {
  return `${test.file} › ${oneLine(test.title)}`;
}

function describeTestInMarkdown(test) {
  return `  - ${test.status}: \`${test.file}\` › ${escapeMarkdown(oneLine(test.title))}`;
}

function oneLine(text) {
  return text.replace(/\s+/g, ' ');
}

/** Requirement text without Markdown emphasis, for the terminal. */
function plain(text) {
  return text.replace(/\*+/g, '').replace(/`/g, '');
}

function shorten(text) {
  return text.length <= SHORT_TEXT ? text : `${text.slice(0, SHORT_TEXT - 1).trimEnd()}…`;
}

/** Test titles are free text: keep "*", "_" and "<" from turning into Markdown or HTML. */
function escapeMarkdown(text) {
  return text.replace(/([\\*_<>[\]|])/g, '\\$1');
}
