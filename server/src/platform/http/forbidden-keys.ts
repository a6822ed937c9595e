/**
 * Keys that reach an object's prototype when a parsed body is merged or copied with ordinary
 * JavaScript (`Object.assign`, spread into a class, a deep-merge helper). No route takes them.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor']);

/** Paths (dot-joined, array indexes as numbers) of every forbidden key in a parsed JSON value. */
export function findForbiddenKeys(value: unknown, path: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return [];

  const found: string[] = [];
  for (const key of Object.keys(value)) {
    const keyPath = [...path, key];
    if (FORBIDDEN_KEYS.has(key)) found.push(keyPath.join('.'));
    else found.push(...findForbiddenKeys((value as Record<string, unknown>)[key], keyPath));
  }
  return found;
}
