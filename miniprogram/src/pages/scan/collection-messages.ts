import { isAppError } from '@memberkit/shared';

import { isApiError, messageOf } from '../../services/api-error';

/**
 * Chinese texts for the in-store collection codes (the shared message table does not know
 * them yet); anything else falls back to the shared one.
 */
const MESSAGES: Readonly<Record<string, string>> = {
  QR_TOKEN_INVALID: '无法识别这个码，请重新扫码或核对输入的活动码',
  CAMPAIGN_NOT_FOUND: '活动不存在或已下线',
  CAMPAIGN_STORE_NOT_INCLUDED: '本门店未参加该活动',
  CAMPAIGN_NOT_STARTED: '活动尚未开始，请在活动时间内领取',
  CAMPAIGN_ENDED: '活动已结束',
  CAMPAIGN_OUT_OF_STOCK: '很抱歉，本次活动已全部领完',
  CLAIM_LIMIT_REACHED: '您已领满每人限领的数量，不能再次领取',
  CLAIM_FIELD_REQUIRED: '请填写所有必填项',
  SURVEY_NOT_FOUND: '问卷不存在',
  SURVEY_CLOSED: '问卷已结束，感谢关注',
  SURVEY_ALREADY_ANSWERED: '您已参与过本问卷，感谢您的反馈',
  SURVEY_ANSWER_INVALID: '有题目的回答不符合要求，请检查后再提交',
  GUIDE_NOT_FOUND: '导购码无效',
  DESK_SIGNUP_NOT_FOUND: '注册码无效，请向服务台重新获取',
  DESK_SIGNUP_EXPIRED: '注册码已过期，请请服务台工作人员重新生成',
  DESK_SIGNUP_USED: '该注册码已被使用，请向服务台重新获取',
};

/** From the server (ApiError) or from reading a code on the phone (shared AppError). */
export function collectionMessageOf(error: unknown): string {
  const code = isApiError(error) || isAppError(error) ? error.code : undefined;
  return (code && MESSAGES[code]) || messageOf(error);
}

/** The message shown when the same code is claimed again: the first claim stands. */
export function alreadyClaimedMessage(perMemberLimit: number): string {
  return `您已领取过该活动（每人限领 ${perMemberLimit} 份），不能重复领取。`;
}
