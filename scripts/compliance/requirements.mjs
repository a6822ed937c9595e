// Reads spec/requirements.md: the IDs come from the ID column of its tables, never from prose,
// so a clause mentioned in a paragraph is not mistaken for a requirement.
import fs from 'node:fs';

/**
 * @typedef {{ id: string, text: string, line: number }} Requirement
 * @typedef {{ title: string, requirements: Requirement[] }} RequirementSection
 * @typedef {{ file: string, sections: RequirementSection[], ids: Set<string>, prefixes: string[] }} Requirements
 */

const ID_SHAPE = /^[A-Z]+-[0-9][0-9A-Za-z.]*$/;

export class RequirementsError extends Error {}

/**
 * @param {string} file
 * @returns {Requirements}
 */
export function readRequirements(file) {
  if (!fs.existsSync(file)) {
    throw new RequirementsError(
      `requirements file not found: ${file} (it is expected beside the repo at ` +
        `../shared/spec/requirements.md; name another with --requirements <file>)`,
    );
  }

  const sections = parseSections(fs.readFileSync(file, 'utf8').split(/\r?\n/), file);
  const all = sections.flatMap((section) => section.requirements);
  if (all.length === 0) {
    throw new RequirementsError(`${file}: no table with an "ID" column, so no requirement IDs`);
  }

  const ids = new Set(all.map((requirement) => requirement.id));
  const prefixes = [...new Set(all.map((requirement) => requirement.id.split('-')[0]))];
  return { file, sections: sections.filter((s) => s.requirements.length > 0), ids, prefixes };
}

/**
 * Walks the lines once: "## " headings open sections, a table whose first header cell is "ID"
 * lists requirements until the table ends.
 * @param {string[]} lines
 * @param {string} file
 * @returns {RequirementSection[]}
 */
function parseSections(lines, file) {
  /** @type {RequirementSection[]} */
  const sections = [{ title: 'Requirements', requirements: [] }];
  const seen = new Map();
  let tableKind = 'none';

  lines.forEach((line, index) => {
    const trimmed = line.trim();
    if (!trimmed.startsWith('|')) {
      tableKind = 'none';
      const heading = /^##\s+(.+?)\s*#*$/.exec(trimmed);
      if (heading) sections.push({ title: heading[1], requirements: [] });
      return;
    }

    const cells = splitRow(trimmed);
    if (tableKind === 'none') {
      tableKind = cells[0].toLowerCase() === 'id' ? 'requirements' : 'other';
      return;
    }
    if (tableKind !== 'requirements' || /^:?-{3,}:?$/.test(cells[0])) return;

    const requirement = { id: cells[0], text: cells.slice(1).join(' | '), line: index + 1 };
    checkRequirement(requirement, seen, file);
    seen.set(requirement.id, requirement.line);
    sections[sections.length - 1].requirements.push(requirement);
  });
  return sections;
}

/** Cells of one table row; "\|" stays inside a cell. */
function splitRow(row) {
  const inner = row.replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

function checkRequirement(requirement, seen, file) {
  if (!ID_SHAPE.test(requirement.id)) {
    throw new RequirementsError(
      `${file}:${requirement.line}: "${requirement.id}" is not a requirement ID (like C-4.1.2a)`,
    );
  }
  if (seen.has(requirement.id)) {
    throw new RequirementsError(
      `${file}:${requirement.line}: ${requirement.id} is listed twice (first on line ${seen.get(requirement.id)})`,
    );
  }
}
