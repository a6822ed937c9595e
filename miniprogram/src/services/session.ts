import Taro from '@tarojs/taro';

/** Storage key of the member session token (Taro storage: localStorage in H5). */
export const SESSION_STORAGE_KEY = 'memberkit.session';

export function readSessionToken(): string | undefined {
  const token: unknown = Taro.getStorageSync(SESSION_STORAGE_KEY);

  return typeof token === 'string' && token.length > 0 ? token : undefined;
}

export function saveSessionToken(token: string): void {
  Taro.setStorageSync(SESSION_STORAGE_KEY, token);
}

export function clearSessionToken(): void {
  Taro.removeStorageSync(SESSION_STORAGE_KEY);
}

export function isLoggedIn(): boolean {
  return readSessionToken() !== undefined;
}
