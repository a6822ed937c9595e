import { chineseMessageFor } from './error-messages';

/** Codes the client itself answers with, beside the server's catalogue. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK_ERROR',
  badAnswer: 'BAD_ANSWER',
  wechatLoginUnavailable: 'WECHAT_LOGIN_UNAVAILABLE',
  phoneButtonDenied: 'PHONE_BUTTON_DENIED',
} as const;

/**
 * One failure shape for every call the pages make: the server's `{ error: { code, message } }`,
 * a network failure, or a WeChat API refusal. `message` is always the Chinese text for the code
 * (shoppers never see the server's English); `serverMessage` keeps the original for debugging.
 */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;
  readonly serverMessage?: string;

  constructor(code: string, status = 0, serverMessage?: string, details?: unknown) {
    super(chineseMessageFor(code, status));
    this.name = 'ApiError';
    this.code = code;
    this.status = status;
    this.serverMessage = serverMessage;
    this.details = details;
  }
}

export function isApiError(value: unknown): value is ApiError {
  return value instanceof ApiError;
}

/** The Chinese text to show for anything a call threw. */
export function messageOf(error: unknown): string {
  return isApiError(error) ? error.message : chineseMessageFor('INTERNAL', 0);
}
