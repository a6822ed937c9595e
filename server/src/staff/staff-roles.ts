/**
 * Staff roles and what each may do (S-5.3b: a written access policy; S-22239: least
 * privilege). Routes name the roles they admit; nothing else decides access.
 */
export const STAFF_ROLES = [
  'privacy-officer',
  'marketing',
  'operations',
  'parking',
  'service-desk',
] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];

export const ACCESS_POLICY: Readonly<Record<StaffRole, string>> = {
  'privacy-officer':
    'publishes privacy notices, reads consent statistics and the audit chain, handles incidents',
  marketing:
    'sends marketing messages to members who consented, runs campaigns and surveys; sees no identities',
  operations: 'manages stores, campaigns, shopping guides and devices; sees no identities',
  parking: 'reviews plate matches and parking sessions under the parking consent',
  'service-desk': 'starts sign-ups at the service desk; the shopper consents on their own phone',
};
