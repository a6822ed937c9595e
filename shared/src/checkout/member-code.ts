import { AppError } from '../errors/app-error';

/**
 * The member code of design.md "Interfaces": 18 digits, `88` + the 10-digit card number +
 * a 6-digit time-based code (30 s steps). The server makes and checks the time-based part;
 * this only splits and joins the digits, so the till and the mini-program agree on them.
 */
export const MEMBER_CODE_PREFIX = '88';
export const MEMBER_CODE_STEP_SECONDS = 30;

export interface MemberCodeParts {
  cardNo: string;
  otp: string;
}

const MEMBER_CODE = /^88(\d{10})(\d{6})$/;

export function parseMemberCode(text: string): MemberCodeParts {
  const match = MEMBER_CODE.exec(text.trim());
  if (!match) throw new AppError('MEMBER_CODE_INVALID');
  return { cardNo: match[1]!, otp: match[2]! };
}

export function formatMemberCode({ cardNo, otp }: MemberCodeParts): string {
  if (!/^\d{10}$/.test(cardNo) || !/^\d{6}$/.test(otp)) throw new AppError('MEMBER_CODE_INVALID');
  return `${MEMBER_CODE_PREFIX}${cardNo}${otp}`;
}
