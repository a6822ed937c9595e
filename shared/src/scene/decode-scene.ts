import { SCENE_KEY_SEPARATOR, SCENE_PAIR_SEPARATOR } from './scene-charset';

// Enough for a scene percent-encoded twice over (a page that encoded it again before a
// redirect) with room to spare; the loop also stops as soon as nothing changes.
const MAX_DECODE_ROUNDS = 4;

const ENCODED_RUN = /(?:%[0-9A-Fa-f]{2})+/g;

/**
 * Read a mini-program code's scene into its pairs: 'g%3DA7K2%26s%3D12', 'g=A7K2&s=12' and the
 * doubly encoded 'g%253DA7K2%2526s%253D12' all give { g: 'A7K2', s: '12' }.
 *
 * Decoding repeats until the text stops changing. That is safe because '%' is not in WeChat's
 * scene character set, so a '%' left in the text is always encoding, never content. Never
 * throws: a bad escape ('%G1', a lone '%', bytes that are not UTF-8) is kept as it stands, and
 * the caller then fails to find its token, as for any unknown scene. '+' stays a plus sign
 * (it is a scene character, not a form-encoded space). A part without '=' is a key with an
 * empty value; empty parts are skipped; when a key repeats, the first one counts.
 */
export function decodeScene(text: string | null | undefined): Record<string, string> {
  const scene = fullyDecode(String(text ?? '').trim());
  const pairs = new Map<string, string>();
  for (const part of scene.split(SCENE_PAIR_SEPARATOR)) {
    const [key, value] = splitPair(part);
    if (key !== '' && !pairs.has(key)) pairs.set(key, value);
  }

  // fromEntries defines own properties, so a key like '__proto__' cannot touch the prototype.
  return Object.fromEntries(pairs);
}

function fullyDecode(text: string): string {
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round += 1) {
    const next = current.replace(ENCODED_RUN, decodeRun);
    if (next === current) break;
    current = next;
  }

  return current;
}

// Decodes one run of escapes; a run that is not valid UTF-8 is left as it is.
function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

function splitPair(part: string): [string, string] {
  const index = part.indexOf(SCENE_KEY_SEPARATOR);
  return index < 0 ? [part, ''] : [part.slice(0, index), part.slice(index + 1)];
}
