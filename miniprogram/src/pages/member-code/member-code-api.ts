import { api } from '../../services/api-client';

/** GET /v1/me/member-code: 18 digits, valid until `expiresAt`, single use. */
export interface IssuedMemberCode {
  code: string;
  expiresAt: string;
  stepSeconds: number;
}

export function fetchMemberCode() {
  return api.get<IssuedMemberCode>('/v1/me/member-code');
}
