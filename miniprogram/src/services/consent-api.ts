import type { PurposeId } from '@memberkit/shared';

import { api } from './api-client';
import type {
  Channel,
  ConsentChoices,
  MyConsents,
  PrivacyNotice,
  PurposeState,
  SignedReceipt,
} from './api-types';

export function fetchCurrentNotice() {
  return api.get<PrivacyNotice>('/v1/notices/current');
}

export function fetchMyConsents() {
  return api.get<MyConsents>('/v1/me/consents');
}

export function recordConsents(noticeVersion: number, choices: ConsentChoices, channel: Channel) {
  return api.post<{ purposes: PurposeState[] }>('/v1/me/consents', {
    noticeVersion,
    choices,
    channel,
  });
}

export function withdrawConsent(purpose: PurposeId) {
  return api.post<{ withdrawn: PurposeId; purposes: PurposeState[] }>(
    `/v1/me/consents/${purpose}/withdraw`,
  );
}

export function fetchConsentReceipt() {
  return api.get<SignedReceipt>('/v1/me/consents/receipt');
}
