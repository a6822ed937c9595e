/**
 * Associated data of a claim's encrypted form values, bound to the claim id: a ciphertext
 * copied onto another claim row no longer decrypts. Listed in encrypted-columns.ts.
 */
export function campaignClaimAad(part: 'values' | 'sensitive', claimId: string): string {
  return `campaign_claims.${part}:${claimId}`;
}
