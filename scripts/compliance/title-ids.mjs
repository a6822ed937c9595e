// Finds requirement IDs in test titles. Only titles count: an ID in a code comment says what a
// test is about, not that jest checked it.

/**
 * A matcher for IDs with the prefixes the requirements use (C, S, U, D, E...). Anything that
 * looks like such an ID is taken whole, so a typo ("C-4.1.2d", "C-4.2.13a") or a range
 * ("C-4.2.2.1-5") is reported as an unknown ID instead of being silently cut down to a real one.
 * @param {string[]} prefixes
 * @returns {(title: string) => string[]}
 */
export function createTitleIdFinder(prefixes) {
  const alternatives = prefixes.map((prefix) => prefix.replace(/[^A-Za-z]/g, '')).join('|');
  const pattern = new RegExp(
    `(?<![A-Za-z0-9])(?:${alternatives})-[0-9][0-9A-Za-z.]*(?:-[0-9a-z][0-9A-Za-z.]*)?`,
    'g',
  );

  return (title) => {
    const found = (title.match(pattern) ?? []).map((match) => match.replace(/\.+$/, ''));
    return [...new Set(found)];
  };
}

/**
 * The requirement IDs an unknown ID groups: "C-4.1.2" groups C-4.1.2a/b/c. Naming a group does
 * not cover its members; the report says which to name instead.
 * @param {string} unknownId
 * @param {Set<string>} knownIds
 * @returns {string[]}
 */
export function idsGroupedBy(unknownId, knownIds) {
  return [...knownIds].filter(
    (id) => id.startsWith(unknownId) && /^[a-z.]/.test(id.slice(unknownId.length)),
  );
}

/**
 * "C-4.2.2.1-5": one title for several clauses hides which of them each test checks, so a
 * range covers none of them.
 * @param {string} unknownId
 */
export function isIdRange(unknownId) {
  return /^[A-Z]+-[^-]+-/.test(unknownId);
}
