/**
 * Every table that keeps records under a member's pseudonym. When a member deletes their
 * account (D-7.2) these rows move to a fresh random pseudonym that nothing points to, so the
 * records stay for statistics but can never be tied to the person again. A feature that
 * stores rows under the pseudonym must add its table here.
 */
export const PSEUDONYMOUS_COLUMNS: ReadonlyArray<{ table: string; column: string }> = [
  { table: 'consents', column: 'pseudonym' },
  { table: 'consent_events', column: 'pseudonym' },
  { table: 'points_ledger', column: 'pseudonym' },
  { table: 'points_accounts', column: 'pseudonym' },
  { table: 'points_lots', column: 'pseudonym' },
  { table: 'points_awards', column: 'pseudonym' },
  { table: 'points_reservations', column: 'pseudonym' },
  { table: 'points_tier_changes', column: 'pseudonym' },
  { table: 'offline_cards', column: 'bound_pseudonym' },
  { table: 'campaign_claims', column: 'pseudonym' },
  { table: 'survey_responses', column: 'pseudonym' },
  { table: 'parking_sessions', column: 'pseudonym' },
  { table: 'parking_orders', column: 'pseudonym' },
  { table: 'parking_passes', column: 'pseudonym' },
  { table: 'checkout_transactions', column: 'pseudonym' },
  // A remembered payer moved to a pseudonym no member has links no later sale (payer-links.ts).
  { table: 'remembered_payers', column: 'pseudonym' },
  { table: 'online_events', column: 'pseudonym' },
];
