import type { BaseEventOrig, ButtonProps } from '@tarojs/components';

import { api } from '../services/api-client';
import { ApiError, CLIENT_ERROR_CODES } from '../services/api-error';
import type { PhoneBindingBody } from '../services/member-api';

export type PhoneButtonEvent = BaseEventOrig<ButtonProps.onGetPhoneNumberEventDetail>;

export type PhoneButtonResult =
  | { kind: 'code'; code: string }
  | { kind: 'legacy'; encryptedData: string; iv: string }
  | { kind: 'denied' }
  | { kind: 'failed'; reason: string };

/**
 * Reads the event of <Button openType="getPhoneNumber">: the current flow gives `code`; older
 * clients give only encryptedData + iv (protocols/wechat-miniprogram.md). A shopper who taps
 * "拒绝" gets errMsg "getPhoneNumber:fail user deny" (or "...:fail:user deny" on some clients).
 */
export function readPhoneButtonEvent(event: PhoneButtonEvent): PhoneButtonResult {
  const detail = event.detail ?? ({} as ButtonProps.onGetPhoneNumberEventDetail);
  const errMsg = detail.errMsg ?? '';
  if (detail.code) return { kind: 'code', code: detail.code };
  if (/deny|cancel/i.test(errMsg)) return { kind: 'denied' };
  if (detail.encryptedData && detail.iv)
    return { kind: 'legacy', encryptedData: detail.encryptedData, iv: detail.iv };

  return { kind: 'failed', reason: errMsg };
}

/** What POST /v1/me/phone needs for a button result; the bytes go as JSON, untouched. */
export function phoneBindingFromButton(result: PhoneButtonResult): PhoneBindingBody {
  if (result.kind === 'code') return { method: 'wechat', code: result.code };
  if (result.kind === 'legacy')
    return { method: 'wechat-legacy', encryptedData: result.encryptedData, iv: result.iv };
  if (result.kind === 'denied') throw new ApiError(CLIENT_ERROR_CODES.phoneButtonDenied);

  throw new ApiError('WECHAT_DECRYPT_FAILED');
}

/**
 * H5 (development only): no phone-number button exists, so the WeChat simulator issues the code
 * the button would have given for a typed number; the server then takes the real route.
 */
export async function devPhoneCode(phone: string): Promise<string> {
  try {
    return (await api.post<{ code: string }>('/v1/dev/wechat/phone-code', { phone })).code;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404)
      throw new ApiError(CLIENT_ERROR_CODES.wechatLoginUnavailable, 404);
    throw error;
  }
}
