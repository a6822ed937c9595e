import { AppError } from '../errors/app-error';
import { decodeScene } from '../scene/decode-scene';
import {
  formatToken,
  parseToken,
  TOKEN_KINDS,
  TOKEN_SCENE_KEYS,
  type TokenKind,
} from './collection-token';

export interface ScannedCode {
  kind: TokenKind;
  /** The canonical token (upper case, no grouping), ready for the server to verify. */
  token: string;
}

// A short link such as https://mall.example/g/G1ABCDEFGH12345678 (field cases, "QR codes").
const SHORT_LINK = /\/([cqgd])\/([^/?#]+)\/?(?:[?#].*)?$/i;

/**
 * What the shopper scanned or typed, as a token of a known kind. Accepts everything our codes
 * turn into in the field (shared/cases "QR codes", "WeChat specifics"):
 * - the bare token, typed in any case, grouped, full-width, with I/L/O for 1/1/0;
 * - the H5 URL `https://<host>/h5/#/pages/campaign/index?c=<token>` (query in the hash or not);
 * - a short link `https://<host>/c/<token>`;
 * - a scene `c=<token>`, percent-encoded once or more (`c%3D...`), with other pairs beside it;
 * - the mini-program path wx.scanCode gives for our code: `pages/campaign/index?scene=c%3D...`.
 * A scene key must match the token's kind (`g=` with a campaign token is refused). Throws
 * QR_TOKEN_INVALID for anything else; the MAC is checked by the server, not here.
 */
export function readScannedCode(text: string | null | undefined): ScannedCode {
  const scanned = String(text ?? '')
    .normalize('NFKC')
    .trim();
  if (scanned === '') throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'empty' } });

  const fromPairs = tokenFromPairs(queryPairs(scanned));
  if (fromPairs) return fromPairs;

  const shortLink = SHORT_LINK.exec(scanned);
  if (shortLink) return expectKind(shortLink[2], shortLink[1]);

  if (/[=?/&%]/.test(scanned))
    throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'unrecognised' } });
  return asScanned(scanned);
}

/** Pairs from every query part of a URL or path, or from the whole text when it is a scene. */
function queryPairs(scanned: string): Record<string, string> {
  const questionMark = scanned.indexOf('?');
  const parts = questionMark < 0 ? [scanned] : scanned.slice(questionMark + 1).split(/[?#]/);
  const pairs: Record<string, string> = {};
  for (const part of parts) {
    const decoded = decodeScene(part);
    // A mini-program code's scene travels as the value of `scene` and is encoded on its own.
    const nested = decoded.scene ? decodeScene(decoded.scene) : {};
    for (const [key, value] of Object.entries({ ...nested, ...decoded }))
      if (!(key in pairs)) pairs[key] = value;
  }

  return pairs;
}

function tokenFromPairs(pairs: Record<string, string>): ScannedCode | undefined {
  for (const kind of TOKEN_KINDS) {
    const value = pairs[TOKEN_SCENE_KEYS[kind]];
    if (value !== undefined) return expectKind(value, TOKEN_SCENE_KEYS[kind]);
  }

  return undefined;
}

function expectKind(tokenText: string, sceneKey: string): ScannedCode {
  const scanned = asScanned(tokenText);
  if (TOKEN_SCENE_KEYS[scanned.kind] !== sceneKey.toLowerCase())
    throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'kind' } });
  return scanned;
}

function asScanned(tokenText: string): ScannedCode {
  const parsed = parseToken(tokenText);
  return { kind: parsed.kind, token: formatToken(parsed) };
}
