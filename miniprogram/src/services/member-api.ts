import { api } from './api-client';
import type {
  MemberAccount,
  OptionalFieldsInput,
  ProfileInput,
  SignedReceipt,
  SignUpAnswer,
  SignUpInput,
} from './api-types';

export type PhoneBindingBody =
  | { method: 'sms'; phone: string; code: string }
  | { method: 'wechat'; code: string }
  | { method: 'wechat-legacy'; encryptedData: string; iv: string };

export function signUp(input: SignUpInput) {
  return api.post<SignUpAnswer>('/v1/members', input);
}

export function fetchAccount() {
  return api.get<MemberAccount>('/v1/me');
}

export function updateProfile(profile: ProfileInput, optional: OptionalFieldsInput = {}) {
  return api.patch<{ ok: true }>('/v1/me/profile', { profile, optional });
}

export function bindPhone(body: PhoneBindingBody) {
  return api.post<{ phone: string }>('/v1/me/phone', body);
}

export function bindCard(cardNo: string) {
  return api.post<{ cardNo: string; pointsMoved: number; balance: number }>('/v1/me/cards', {
    cardNo,
  });
}

export function setPassword(newPassword: string, proof: { currentPassword?: string }) {
  return api.put<{ ok: true }>('/v1/me/password', { newPassword, ...proof });
}

export function exportMyData() {
  return api.get<Record<string, unknown>>('/v1/me/export');
}

export function deleteAccount() {
  return api.delete<SignedReceipt & { statement?: string }>('/v1/me');
}
