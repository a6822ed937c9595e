import { AppError } from '@memberkit/shared';
import type { Logger } from '../../platform/logger';
import { AccessTokenCache, type IssuedAccessToken } from './access-token-cache';
import type { PhoneNumberInfo } from './legacy-phone-data';
import { callWechat, type WechatAnswer } from './wechat-http';
import {
  isAccessTokenRejected,
  loginError,
  phoneNumberError,
  subscribeError,
  wechatApiFailure,
  type WechatApi,
} from './wechat-errcodes';

export interface WechatApiClientOptions {
  /** https://api.weixin.qq.com in production; the simulator's URL in dev and tests. */
  baseUrl: string;
  appId: string;
  appSecret: string;
  log?: Logger;
  timeoutMs?: number;
  /** Milliseconds since the epoch; tests share one clock with the simulator. */
  now?: () => number;
}

/** session_key never leaves the server and is never logged (wechat-miniprogram.md "Login"). */
export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

const DEFAULT_TIMEOUT_MS = 5000;
const PHONE_NUMBER_PATH = '/wxa/business/getuserphonenumber';
const SUBSCRIBE_SEND_PATH = '/cgi-bin/message/subscribe/send';

/** The mini-program server API of WeChat (protocols/wechat-miniprogram.md). */
export class WechatApiClient {
  private readonly baseUrl: string;
  private readonly tokens: AccessTokenCache;

  constructor(private readonly options: WechatApiClientOptions) {
    // Checked here so that fetch never fails on a malformed URL, whose error quotes the
    // whole URL, secret included.
    this.baseUrl = new URL(options.baseUrl).href.replace(/\/$/, '');
    this.tokens = new AccessTokenCache(() => this.fetchAccessToken(), options.now);
  }

  /** wx.login's one-time code for the shopper's openid and session key. */
  async code2Session(jsCode: string): Promise<WechatSession> {
    const answer = await this.get('jscode2session', '/sns/jscode2session', {
      appid: this.options.appId,
      secret: this.options.appSecret,
      js_code: jsCode,
      grant_type: 'authorization_code',
    });
    if (answer.errcode) throw this.logged('jscode2session', loginError(answer.errcode));

    const { openid, session_key: sessionKey, unionid } = answer;
    if (typeof openid !== 'string' || typeof sessionKey !== 'string')
      throw this.badAnswer('jscode2session');
    return typeof unionid === 'string' ? { openid, sessionKey, unionid } : { openid, sessionKey };
  }

  getAccessToken(): Promise<string> {
    return this.tokens.get();
  }

  /** The code from the getPhoneNumber button: single use, about 5 minutes, billed per success. */
  async getPhoneNumber(code: string): Promise<PhoneNumberInfo> {
    const answer = await this.postWithToken('getuserphonenumber', PHONE_NUMBER_PATH, { code });
    if (answer.errcode) throw this.logged('getuserphonenumber', phoneNumberError(answer.errcode));
    return this.checkedPhoneInfo(answer.phone_info);
  }

  /** No allow, no message: 43101 becomes SUBSCRIBE_NOT_ALLOWED (wechat-miniprogram.md). */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<void> {
    const answer = await this.postWithToken('subscribe.send', SUBSCRIBE_SEND_PATH, {
      touser: message.openid,
      template_id: message.templateId,
      page: message.page,
      data: message.data,
    });
    if (answer.errcode) throw this.logged('subscribe.send', subscribeError(answer.errcode));
  }

  private checkedPhoneInfo(info: unknown): PhoneNumberInfo {
    const phone = (info ?? {}) as Partial<PhoneNumberInfo> & { watermark?: { appid?: unknown } };
    if (typeof phone.purePhoneNumber !== 'string' || typeof phone.phoneNumber !== 'string')
      throw this.badAnswer('getuserphonenumber');

    // The watermark names the mini-program the number was issued for; anything else is refused.
    if (phone.watermark?.appid !== this.options.appId)
      throw this.logged('getuserphonenumber', new AppError('PHONE_WATERMARK_MISMATCH'));
    return {
      phoneNumber: phone.phoneNumber,
      purePhoneNumber: phone.purePhoneNumber,
      countryCode: String(phone.countryCode ?? ''),
    };
  }

  /**
   * A token can die before its time: another server fetched a newer one, or WeChat revoked it.
   * Then the cache is cleared and the call retried once with a fresh token.
   */
  private async postWithToken(api: WechatApi, path: string, json: unknown): Promise<WechatAnswer> {
    const token = await this.tokens.get();
    const answer = await this.post(api, path, token, json);
    if (!isAccessTokenRejected(answer.errcode)) return answer;

    this.tokens.invalidate(token);
    const retried = await this.post(api, path, await this.tokens.get(), json);
    if (isAccessTokenRejected(retried.errcode))
      throw this.logged(api, wechatApiFailure(api, { errcode: retried.errcode }));
    return retried;
  }

  private async fetchAccessToken(): Promise<IssuedAccessToken> {
    const answer = await this.get('token', '/cgi-bin/token', {
      grant_type: 'client_credential',
      appid: this.options.appId,
      secret: this.options.appSecret,
    });
    if (answer.errcode || typeof answer.access_token !== 'string')
      throw this.logged('token', wechatApiFailure('token', { errcode: answer.errcode ?? null }));

    const expiresInSeconds = Number(answer.expires_in) || 7200;
    this.options.log?.debug({ expiresInSeconds }, 'wechat access token refreshed');
    return { token: answer.access_token, expiresInSeconds };
  }

  private get(api: WechatApi, path: string, query: Record<string, string>): Promise<WechatAnswer> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams(query)}`;
    return callWechat({ api, url, method: 'GET', ...this.transport() });
  }

  private post(api: WechatApi, path: string, token: string, json: unknown): Promise<WechatAnswer> {
    const url = `${this.baseUrl}${path}?${new URLSearchParams({ access_token: token })}`;
    return callWechat({ api, url, method: 'POST', json, ...this.transport() });
  }

  private transport(): { timeoutMs: number; log?: Logger } {
    return { timeoutMs: this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS, log: this.options.log };
  }

  /** A success answer without the fields it must carry: WeChat changed, or a proxy interfered. */
  private badAnswer(api: WechatApi): AppError {
    return this.logged(api, wechatApiFailure(api, { reason: 'bad-answer' }));
  }

  /** Our side's failures are logged here with the API and errcode; shopper errors at debug. */
  private logged(api: WechatApi, error: AppError): AppError {
    const level =
      error.status >= 500 || error.code === 'PHONE_WATERMARK_MISMATCH' ? 'warn' : 'debug';
    this.options.log?.[level](
      { api, code: error.code, errcode: error.details?.errcode },
      'wechat api refused',
    );
    return error;
  }
}
