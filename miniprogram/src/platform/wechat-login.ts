import Taro from '@tarojs/taro';

import { api } from '../services/api-client';
import { ApiError, CLIENT_ERROR_CODES } from '../services/api-error';
import type { LoginAnswer } from '../services/api-types';
import { loginWithWechatCode } from '../services/auth-api';
import { appChannel, isWeapp } from './runtime';

/** wx.login: a one-time code (about 5 minutes) the server trades for the openid. */
async function codeFromWechat(): Promise<string> {
  let code: string | undefined;
  try {
    code = (await Taro.login()).code;
  } catch {
    throw new ApiError('WECHAT_LOGIN_FAILED');
  }

  if (!code) throw new ApiError('WECHAT_LOGIN_FAILED');
  return code;
}

let devSimulatorAnswered = false;

/** H5 only: the WeChat simulator answered, so its phone-number stand-in works too. */
export function isDevSimulatorAvailable(): boolean {
  return devSimulatorAnswered;
}

/**
 * H5 has no wx.login. In development the server's WeChat simulator issues the code instead
 * (dev-routes.ts); elsewhere that route does not exist and WeChat login is unavailable.
 */
async function codeFromDevSimulator(): Promise<string> {
  try {
    const { code } = await api.post<{ code: string }>('/v1/dev/wechat/login-code', {});
    devSimulatorAnswered = true;
    return code;
  } catch (error) {
    if (error instanceof ApiError && error.code === CLIENT_ERROR_CODES.network) throw error;
    throw new ApiError(CLIENT_ERROR_CODES.wechatLoginUnavailable);
  }
}

export function obtainLoginCode(): Promise<string> {
  return isWeapp() ? codeFromWechat() : codeFromDevSimulator();
}

/** Log in with WeChat: a member gets a session, a new shopper a sign-up ticket. */
export async function loginWithWechat(): Promise<LoginAnswer> {
  const code = await obtainLoginCode();

  return loginWithWechatCode(code, appChannel());
}
