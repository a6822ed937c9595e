import { AppError } from '../errors/app-error';
import { CONSENT_PURPOSES, type CollectedField, type PurposeId } from './consent-purposes';

/** The fields the given purposes allow together. */
export function allowedFields(purposes: Iterable<PurposeId>): Set<CollectedField> {
  const allowed = new Set<CollectedField>();
  for (const purpose of purposes) {
    for (const field of CONSENT_PURPOSES[purpose].fields) allowed.add(field);
  }
  return allowed;
}

/**
 * C-4.1.3a: refuse any field that no consented purpose allows, naming the field (never its
 * value). Called before anything is stored.
 */
export function assertFieldsAllowed(
  fields: Iterable<CollectedField>,
  purposes: Iterable<PurposeId>,
): void {
  assertFieldsWithin(fields, allowedFields(purposes));
}

/** The same check against an already computed set of allowed fields. */
export function assertFieldsWithin(
  fields: Iterable<CollectedField>,
  allowed: ReadonlySet<CollectedField>,
): void {
  for (const field of fields) {
    if (!allowed.has(field)) {
      throw new AppError('FIELD_NOT_ALLOWED', { details: { field } });
    }
  }
}
