import { api } from './api-client';
import type { Channel, LoginAnswer, Session } from './api-types';

export type SmsPurpose = 'login' | 'bind' | 'password';

export function loginWithWechatCode(code: string, channel: Channel): Promise<LoginAnswer> {
  return api.post<LoginAnswer>('/v1/auth/wechat/login', { code, channel });
}

export function sendSmsCode(phone: string, purpose: SmsPurpose) {
  return api.post<{ expiresInSeconds: number }>('/v1/auth/sms/send', { phone, purpose });
}

export function loginWithSmsCode(phone: string, code: string, channel: Channel) {
  return api.post<LoginAnswer>('/v1/auth/sms/login', { phone, code, channel });
}

export function loginWithPassword(phone: string, password: string) {
  return api.post<Session>('/v1/auth/password/login', { phone, password });
}

export function logout() {
  return api.post<{ ok: true }>('/v1/me/logout');
}
