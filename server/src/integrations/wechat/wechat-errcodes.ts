import { AppError } from '@memberkit/shared';

/**
 * The errcodes of the WeChat server API that the product reacts to. WeChat answers HTTP 200
 * with { errcode, errmsg } for almost every failure; errcode 0 or no errcode means success.
 */
export const WECHAT_ERRCODE = {
  SYSTEM_BUSY: -1,
  INVALID_CREDENTIAL: 40001, // access_token invalid or not the latest one
  INVALID_ACCESS_TOKEN: 40014,
  ACCESS_TOKEN_EXPIRED: 42001,
  INVALID_APPID: 40013,
  INVALID_APPSECRET: 40125,
  INVALID_CODE: 40029, // unknown or expired code; also what getuserphonenumber says for a used one
  CODE_BEEN_USED: 40163, // jscode2session: the login code was already exchanged
  HIGH_RISK_USER: 40226,
  API_RATE_LIMITED: 45011,
  USER_REFUSED_MESSAGE: 43101, // subscribe/send: no allow left for this template
} as const;

export type WechatApi = 'jscode2session' | 'token' | 'getuserphonenumber' | 'subscribe.send';

const ACCESS_TOKEN_REJECTIONS: number[] = [
  WECHAT_ERRCODE.INVALID_CREDENTIAL,
  WECHAT_ERRCODE.INVALID_ACCESS_TOKEN,
  WECHAT_ERRCODE.ACCESS_TOKEN_EXPIRED,
];

const LOGIN_CODE_REJECTIONS: number[] = [
  WECHAT_ERRCODE.INVALID_CODE,
  WECHAT_ERRCODE.CODE_BEEN_USED,
  WECHAT_ERRCODE.HIGH_RISK_USER,
];

const PHONE_CODE_REJECTIONS: number[] = [
  WECHAT_ERRCODE.INVALID_CODE,
  WECHAT_ERRCODE.CODE_BEEN_USED,
];

export function isAccessTokenRejected(errcode: number | undefined): boolean {
  return errcode !== undefined && ACCESS_TOKEN_REJECTIONS.includes(errcode);
}

/** A failure that is ours or WeChat's, never the shopper's: 502, details name the API only. */
export function wechatApiFailure(api: WechatApi, facts: Record<string, unknown> = {}): AppError {
  return new AppError('WECHAT_API_FAILED', { details: { api, ...facts } });
}

/**
 * jscode2session: a bad, used or high-risk login code is the shopper's (log in again); a wrong
 * appid/secret or a busy WeChat is ours, so it must not look like a shopper error.
 */
export function loginError(errcode: number): AppError {
  if (errcode === WECHAT_ERRCODE.API_RATE_LIMITED) return new AppError('RATE_LIMITED');
  if (LOGIN_CODE_REJECTIONS.includes(errcode))
    return new AppError('WECHAT_LOGIN_FAILED', { details: { errcode } });
  return wechatApiFailure('jscode2session', { errcode });
}

export function phoneNumberError(errcode: number): AppError {
  if (errcode === WECHAT_ERRCODE.API_RATE_LIMITED) return new AppError('RATE_LIMITED');
  if (PHONE_CODE_REJECTIONS.includes(errcode))
    return new AppError('WECHAT_PHONE_CODE_INVALID', { details: { errcode } });
  return wechatApiFailure('getuserphonenumber', { errcode });
}

/** Each "allow" the shopper taps permits one message (wechat-miniprogram.md "Notifications"). */
export function subscribeError(errcode: number): AppError {
  if (errcode === WECHAT_ERRCODE.USER_REFUSED_MESSAGE)
    return new AppError('SUBSCRIBE_NOT_ALLOWED', { details: { errcode } });
  return wechatApiFailure('subscribe.send', { errcode });
}
