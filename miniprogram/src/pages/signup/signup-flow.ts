import { CLIENT_ERROR_CODES, isApiError } from '../../services/api-error';
import { saveSessionToken } from '../../services/session';
import { takePendingTicket } from '../../services/signup-ticket-store';
import {
  answerPrivacyPrompt,
  isPrivacyAgreementNeeded,
  type PrivacyDecision,
} from '../../platform/privacy';
import { loginWithWechat } from '../../platform/wechat-login';

export type SignupStart =
  | { kind: 'ticket'; ticket: string; phoneVerified: boolean }
  | { kind: 'member' }
  | { kind: 'sms'; reason: 'privacy-refused' | 'wechat-unavailable' };

/**
 * How sign-up begins (field-cases.md "WeChat specifics"): WeChat's privacy agreement first where
 * WeChat asks for it. Refused: no call is made, nothing is stored, the SMS path is offered.
 * Agreed (or not needed): WeChat login; a new shopper gets a sealed ticket, and the consents
 * are recorded with the sign-up itself, before any phone is bound.
 */
export async function beginSignup(
  askPrivacy: () => Promise<PrivacyDecision>,
): Promise<SignupStart> {
  const pending = takePendingTicket();
  if (pending) return { kind: 'ticket', ...pending };

  if (await isPrivacyAgreementNeeded()) {
    const decision = await askPrivacy();
    answerPrivacyPrompt(decision);
    if (decision === 'refused') return { kind: 'sms', reason: 'privacy-refused' };
  }

  try {
    const answer = await loginWithWechat();
    if (answer.status === 'new')
      return { kind: 'ticket', ticket: answer.signupTicket, phoneVerified: false };

    saveSessionToken(answer.session.token);
    return { kind: 'member' };
  } catch (error) {
    if (isApiError(error) && error.code === CLIENT_ERROR_CODES.network) throw error;
    return { kind: 'sms', reason: 'wechat-unavailable' };
  }
}

export const SMS_PATH_REASONS: Readonly<Record<'privacy-refused' | 'wechat-unavailable', string>> =
  {
    'privacy-refused': '您未同意隐私保护提示，我们没有保存您的任何信息。您可以使用手机验证码注册。',
    'wechat-unavailable': '当前无法使用微信登录，请使用手机验证码注册。',
  };
