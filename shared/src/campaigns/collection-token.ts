import { AppError } from '../errors/app-error';
import {
  CROCKFORD_ALPHABET,
  decodeBase32Number,
  encodeBase32,
  encodeBase32Number,
  normaliseBase32Text,
} from './crockford-base32';

/**
 * The short signed token an in-store QR code carries (C-4.2.2.1 to C-4.2.2.5): never personal
 * data, only what the code opens. 18 Crockford base32 characters:
 *
 *   K V BBBBBBBB MMMMMMMM
 *   | | |        +- MAC: HMAC-SHA256 over the rest, first 40 bits (the server holds the key)
 *   | | +- body: what it opens (a campaign code and store slot, a survey, a guide, a desk sign-up)
 *   | +- master key version the MAC was made with (1..31), so printed codes outlive a rotation
 *   +- kind: C campaign, Q survey (questionnaire), G shopping guide, D service-desk sign-up
 *
 * As a mini-program code scene it is `c=<token>` (20 characters, under WeChat's 32); as a URL
 * it is the H5 page with `?c=<token>`. Every character is in WeChat's scene set and is safe
 * in a URL path or query without escaping.
 */
export const TOKEN_KINDS = ['campaign', 'survey', 'guide', 'desk'] as const;

export type TokenKind = (typeof TOKEN_KINDS)[number];

export const TOKEN_KIND_LETTERS: Readonly<Record<TokenKind, string>> = {
  campaign: 'C',
  survey: 'Q',
  guide: 'G',
  desk: 'D',
};

/** The scene / query key for each kind: `c=`, `q=`, `g=`, `d=`. */
export const TOKEN_SCENE_KEYS: Readonly<Record<TokenKind, string>> = {
  campaign: 'c',
  survey: 'q',
  guide: 'g',
  desk: 'd',
};

export const TOKEN_BODY_LENGTH = 8;
export const TOKEN_MAC_LENGTH = 8;
export const TOKEN_LENGTH = 2 + TOKEN_BODY_LENGTH + TOKEN_MAC_LENGTH;
export const TOKEN_MAX_KEY_VERSION = 31;

export interface CollectionToken {
  kind: TokenKind;
  keyVersion: number;
  body: string;
  mac: string;
}

const base32Of = (length: number) => new RegExp(`^[${CROCKFORD_ALPHABET}]{${length}}$`);
const TOKEN_SHAPE = base32Of(TOKEN_LENGTH);
const BODY_SHAPE = base32Of(TOKEN_BODY_LENGTH);
const MAC_SHAPE = base32Of(TOKEN_MAC_LENGTH);

/** The text the MAC is computed over: everything but the MAC, with a domain prefix. */
export function tokenSigningInput(kind: TokenKind, keyVersion: number, body: string): string {
  return `memberkit-qr|${TOKEN_KIND_LETTERS[kind]}|${keyVersion}|${body}`;
}

/** The MAC field from raw HMAC bytes (at least five). */
export function tokenMacText(macBytes: Uint8Array): string {
  return encodeBase32(macBytes, TOKEN_MAC_LENGTH);
}

export function formatToken(token: CollectionToken): string {
  if (!BODY_SHAPE.test(token.body) || !MAC_SHAPE.test(token.mac))
    throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'shape' } });
  if (token.keyVersion < 1 || token.keyVersion > TOKEN_MAX_KEY_VERSION)
    throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'key version' } });
  return (
    TOKEN_KIND_LETTERS[token.kind] +
    encodeBase32Number(token.keyVersion, 1) +
    token.body +
    token.mac
  );
}

/**
 * Read a token as typed or scanned (any case, grouped with spaces or hyphens, full-width, with
 * I/L/O for 1/1/0) into its parts. Checks the shape only: the MAC is the server's to verify.
 * Throws QR_TOKEN_INVALID.
 */
export function parseToken(text: string): CollectionToken {
  const canonical = normaliseBase32Text(String(text ?? ''));
  if (!TOKEN_SHAPE.test(canonical))
    throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'shape' } });
  const kind = TOKEN_KINDS.find((candidate) => TOKEN_KIND_LETTERS[candidate] === canonical[0]);
  const keyVersion = decodeBase32Number(canonical[1]) ?? 0;
  if (!kind) throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'kind' } });
  if (keyVersion < 1)
    throw new AppError('QR_TOKEN_INVALID', { details: { reason: 'key version' } });

  return {
    kind,
    keyVersion,
    body: canonical.slice(2, 2 + TOKEN_BODY_LENGTH),
    mac: canonical.slice(2 + TOKEN_BODY_LENGTH),
  };
}

/** The token in groups of four for a printed card or a screen: `C1AB CDEF GH12 3456 78`. */
export function groupTokenForDisplay(token: string): string {
  return (token.match(/.{1,4}/g) ?? []).join(' ');
}
