import { AppError, normalizePhone, parsePlate, parseResidentId } from '@memberkit/shared';
import type { IdentifierKind, SensitiveKind } from './identity-fields';

/**
 * Blind indexes only match when both sides normalise alike, so every value is normalised
 * here before it is indexed or stored.
 */
export function normaliseIdentifier(kind: IdentifierKind | SensitiveKind, value: string): string {
  switch (kind) {
    case 'phone':
      return normalizePhone(value);
    case 'resident_id':
      return parseResidentId(value).id;
    case 'plate':
      return parsePlate(value).plate;
    default:
      return requireToken(value);
  }
}

function requireToken(value: string): string {
  const trimmed = String(value).trim();
  if (!/^[\w-]{6,128}$/.test(trimmed)) {
    throw new AppError('VALIDATION_FAILED', {
      details: { issues: [{ path: 'identifier', problem: 'malformed' }] },
    });
  }
  return trimmed;
}
