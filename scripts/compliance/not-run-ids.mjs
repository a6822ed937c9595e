// The requirement IDs named by test files that have no up-to-date results (never run, or
// changed since their run). Such an ID is "not run": unknown, not "uncovered", because a test
// naming it exists and was not run. Read from the file's text outside comments, since an ID in a
// comment says what code is about, not that a test names it.
import fs from 'node:fs';
import path from 'node:path';

/**
 * @param {string} root
 * @param {string[]} files test files relative to root
 * @param {(text: string) => string[]} findIds
 * @returns {Map<string, string[]>} requirement ID -> the not-run files naming it
 */
export function idsInNotRunFiles(root, files, findIds) {
  const filesById = new Map();
  for (const file of files) {
    const full = path.join(root, file);
    if (!fs.existsSync(full)) continue;
    for (const id of findIds(withoutComments(fs.readFileSync(full, 'utf8'))))
      filesById.set(id, [...(filesById.get(id) ?? []), file]);
  }
  return filesById;
}

/** Block comments, whole-line comments and trailing ` // ...` comments; strings are kept. */
function withoutComments(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .split('\n')
    .map((line) => (/^\s*\/\//.test(line) ? '' : line.replace(/\s\/\/\s.*$/, '')))
    .join('\n');
}
