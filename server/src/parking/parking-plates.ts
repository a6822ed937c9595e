import crypto from 'node:crypto';
import { PROVINCE_CHARACTERS, isAppError, parsePlate, type ParsedPlate } from '@memberkit/shared';
import type { VaultCipher } from '../platform/crypto/vault-cipher';

/** The blind-index kind of plates kept with stays and reviews (not the vault's 'plate'). */
export const PARKING_PLATE_KIND = 'parking_plate';

/** Associated data of a stored plate ciphertext; listed in encrypted-columns.ts. */
export function parkingPlateAad(table: 'parking_sessions' | 'parking_reviews'): string {
  return `${table}.plate`;
}

export type PlateRead =
  | { kind: 'plate'; plate: string; plateKind: ParsedPlate['kind'] }
  | { kind: 'none' }
  | { kind: 'invalid' };

// What a camera sends when it saw a car but read no plate (lpr-camera-push.md).
const NO_PLATE_READS = new Set(['', '_无_', '无', '无牌', '无牌车']);

/** A camera read or a typed plate as the gates see it: a plate, no plate, or an unusable read. */
export function readPlate(text: string | null | undefined): PlateRead {
  const trimmed = String(text ?? '').trim();
  if (NO_PLATE_READS.has(trimmed)) return { kind: 'none' };
  try {
    const parsed = parsePlate(trimmed);
    return { kind: 'plate', plate: parsed.plate, plateKind: parsed.kind };
  } catch (error) {
    if (isAppError(error) && error.code === 'PLATE_INVALID') return { kind: 'invalid' };
    throw error;
  }
}

// Letters plates use (no I or O), digits, province characters and the special suffixes.
const PLATE_ALPHABET = [
  ...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789',
  ...PROVINCE_CHARACTERS,
  ...'警学领挂港澳使试超',
];

/**
 * Every valid plate one character away from `plate`: one character changed, dropped or added
 * (a new-energy D/F the camera missed). The exit looks these up by blind index, so stays are
 * found without decrypting any plate; a hit goes to staff review, never merged by itself.
 */
export function nearbyPlates(plate: string): string[] {
  const characters = [...plate];
  const candidates = new Set<string>();
  for (let index = 0; index <= characters.length; index += 1) {
    if (index < characters.length) {
      candidates.add(splice(characters, index, 1));
      for (const letter of PLATE_ALPHABET) candidates.add(splice(characters, index, 1, letter));
    }
    for (const letter of PLATE_ALPHABET) candidates.add(splice(characters, index, 0, letter));
  }

  candidates.delete(plate);
  return [...candidates].filter(isNormalisedPlate);
}

function splice(characters: string[], index: number, remove: number, insert?: string): string {
  const copy = [...characters];
  if (insert === undefined) copy.splice(index, remove);
  else copy.splice(index, remove, insert);
  return copy.join('');
}

function isNormalisedPlate(candidate: string): boolean {
  const read = readPlate(candidate);
  return read.kind === 'plate' && read.plate === candidate;
}

/** Blind indexes and ciphertexts of plates kept by the parking module (S-5.1a, S-5.3a). */
export class ParkingPlateCipher {
  constructor(private readonly cipher: VaultCipher) {}

  index(plate: string): string {
    return this.cipher.blindIndex(PARKING_PLATE_KIND, plate);
  }

  /** Indexes under every available key version, newest first (lookups during a rotation). */
  indexCandidates(plate: string): string[] {
    return this.cipher.blindIndexCandidates(PARKING_PLATE_KIND, plate);
  }

  nearbyIndexes(plate: string): string[] {
    return nearbyPlates(plate).flatMap((candidate) => this.indexCandidates(candidate));
  }

  encrypt(plate: string, table: 'parking_sessions' | 'parking_reviews'): Promise<string> {
    return this.cipher.encrypt('identity', parkingPlateAad(table), plate);
  }

  decrypt(ciphertext: string, table: 'parking_sessions' | 'parking_reviews'): Promise<string> {
    return this.cipher.decrypt(ciphertext, parkingPlateAad(table));
  }
}

/**
 * The keyed plate hash an adapter uses offline: HMAC-SHA256 under the lot's cache key, so the
 * adapter's file holds no plate (the adapter computes the same hash of what it reads).
 */
export function offlinePlateHash(cacheKey: Buffer, plate: string): string {
  return crypto.createHmac('sha256', cacheKey).update(plate, 'utf8').digest('base64url');
}
