import { PROFILE_FIELDS, profileAad } from '../../vault/identity-fields';
import { campaignClaimAad } from '../../campaigns/claim-ciphertext';
import { surveyAnswerAad } from '../../surveys/survey-ciphertext';
import { PARKING_PLATE_KIND, parkingPlateAad } from '../../parking/parking-plates';

/**
 * Every encrypted column and blind index in both stores. `memberkit rotate-keys` walks this
 * list, so a new encrypted column must be added here or rotation would leave it behind.
 * `aad` gives the associated data of a row's value (fixed per column, or per row kind).
 */
export interface EncryptedColumn {
  store: 'core' | 'vault';
  table: string;
  idColumn: string;
  column: string;
  aad: (row: Record<string, unknown>) => string;
}

export interface BlindIndexColumn {
  store: 'core' | 'vault';
  table: string;
  idColumn: string;
  column: string;
  /** The encrypted column holding the normalised value the index was computed from. */
  sourceColumn: string;
  sourceAad: (row: Record<string, unknown>) => string;
  kind: (row: Record<string, unknown>) => string;
}

export const ENCRYPTED_COLUMNS: EncryptedColumn[] = [
  ...PROFILE_FIELDS.map((field) => ({
    store: 'vault' as const,
    table: 'member_identity',
    idColumn: 'member_id',
    column: `${field}_enc`,
    aad: () => profileAad(field),
  })),
  {
    store: 'vault',
    table: 'member_identifiers',
    idColumn: 'id',
    column: 'value_enc',
    aad: (row) => `member_identifiers.${row.kind}`,
  },
  {
    store: 'vault',
    table: 'member_sensitive',
    idColumn: 'id',
    column: 'value_enc',
    aad: (row) => `member_sensitive.${row.kind}`,
  },
  {
    store: 'core',
    table: 'devices',
    idColumn: 'id',
    column: 'secret_enc',
    aad: () => 'devices.secret',
  },
  {
    store: 'core',
    table: 'member_sessions',
    idColumn: 'token_hash',
    column: 'session_key_enc',
    aad: () => 'member_sessions.session_key',
  },
  {
    store: 'core',
    table: 'campaign_claims',
    idColumn: 'id',
    column: 'values_enc',
    aad: (row) => campaignClaimAad('values', String(row.id)),
  },
  {
    store: 'core',
    table: 'campaign_claims',
    idColumn: 'id',
    column: 'sensitive_enc',
    aad: (row) => campaignClaimAad('sensitive', String(row.id)),
  },
  {
    store: 'core',
    table: 'survey_answers',
    idColumn: 'id',
    column: 'text_enc',
    aad: (row) => surveyAnswerAad(String(row.response_id), Number(row.question_id)),
  },
  {
    store: 'core',
    table: 'parking_sessions',
    idColumn: 'id',
    column: 'plate_enc',
    aad: () => parkingPlateAad('parking_sessions'),
  },
  {
    store: 'core',
    table: 'parking_reviews',
    idColumn: 'id',
    column: 'plate_enc',
    aad: () => parkingPlateAad('parking_reviews'),
  },
  {
    store: 'core',
    table: 'parking_lots',
    idColumn: 'id',
    column: 'cache_key_enc',
    aad: () => 'parking_lots.cache_key',
  },
];

export const BLIND_INDEX_COLUMNS: BlindIndexColumn[] = [
  {
    store: 'vault',
    table: 'member_identifiers',
    idColumn: 'id',
    column: 'blind_index',
    sourceColumn: 'value_enc',
    sourceAad: (row) => `member_identifiers.${row.kind}`,
    kind: (row) => String(row.kind),
  },
  {
    store: 'vault',
    table: 'member_sensitive',
    idColumn: 'id',
    column: 'blind_index',
    sourceColumn: 'value_enc',
    sourceAad: (row) => `member_sensitive.${row.kind}`,
    kind: (row) => String(row.kind),
  },
  {
    store: 'core',
    table: 'parking_sessions',
    idColumn: 'id',
    column: 'plate_index',
    sourceColumn: 'plate_enc',
    sourceAad: () => parkingPlateAad('parking_sessions'),
    kind: () => PARKING_PLATE_KIND,
  },
  {
    store: 'core',
    table: 'parking_reviews',
    idColumn: 'id',
    column: 'plate_index',
    sourceColumn: 'plate_enc',
    sourceAad: () => parkingPlateAad('parking_reviews'),
    kind: () => PARKING_PLATE_KIND,
  },
];
