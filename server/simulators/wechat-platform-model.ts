import crypto from 'node:crypto';
import { encryptLegacyPhoneData } from '../src/integrations/wechat/legacy-phone-data';

/**
 * What the WeChat server API decides, apart from HTTP (protocols/wechat-miniprogram.md). The
 * errcodes are the real ones: WeChat answers HTTP 200 with { errcode, errmsg } for failures.
 */
export interface WechatPlatformOptions {
  appId: string;
  appSecret: string;
  now?: () => number;
}

export type WechatBody = Record<string, unknown>;
export type SimulatedApi = 'jscode2session' | 'token' | 'getuserphonenumber' | 'subscribe.send';

export interface SentSubscribeMessage {
  openid: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
}

interface IssuedCode {
  expiresAt: number;
  used: boolean;
}

const MINUTE = 60 * 1000;
const CODE_LIFETIME_MS = 5 * MINUTE; // login and phone codes: about 5 minutes, single use
const TOKEN_LIFETIME_S = 7200;
// Fetching a new token ends the previous one after 5 minutes; it then answers 40001 (not latest).
const OLD_TOKEN_GRACE_MS = 5 * MINUTE;

export function wechatError(errcode: number, errmsg: string): WechatBody {
  return { errcode, errmsg: `${errmsg} rid: ${crypto.randomBytes(6).toString('hex')}` };
}

export class WechatPlatformModel {
  readonly appId: string;
  private readonly now: () => number;
  private readonly loginCodes = new Map<string, IssuedCode & { openid: string }>();
  private readonly phoneCodes = new Map<string, IssuedCode & { phone: string; appId: string }>();
  private readonly users = new Map<string, { sessionKey: string; unionid?: string }>();
  private readonly tokens = new Map<string, { expiresAt: number; supersededAt?: number }>();
  private readonly allowances = new Map<string, number>();
  private readonly failures = new Map<SimulatedApi, number[]>();
  private readonly messages: SentSubscribeMessage[] = [];
  private tokenRequests = 0;

  constructor(private readonly options: WechatPlatformOptions) {
    this.appId = options.appId;
    this.now = options.now ?? Date.now;
  }

  // ---- what happens on the phone (wx.login, the getPhoneNumber button, the allow dialog)

  issueLoginCode(openid = randomOpenid(), unionid?: string): { code: string; openid: string } {
    const code = crypto.randomBytes(24).toString('base64url').slice(0, 32);
    const user = this.users.get(openid);
    const sessionKey = user?.sessionKey ?? randomSessionKey();
    this.users.set(openid, { sessionKey, unionid: unionid ?? user?.unionid });
    this.loginCodes.set(code, { openid, expiresAt: this.now() + CODE_LIFETIME_MS, used: false });
    return { code, openid };
  }

  /** watermarkAppId lets a test hand out a number issued for another mini-program. */
  issuePhoneCode(phone: string, watermarkAppId = this.appId): string {
    const code = crypto.randomBytes(32).toString('hex');
    const expiresAt = this.now() + CODE_LIFETIME_MS;
    this.phoneCodes.set(code, { phone, appId: watermarkAppId, expiresAt, used: false });
    return code;
  }

  /** The legacy button's encryptedData, under the shopper's current session key. */
  legacyPhoneData(openid: string, phone: string, watermarkAppId = this.appId) {
    const sessionKey = this.sessionKeyOf(openid);
    if (!sessionKey) throw new Error('no session for this openid: exchange a login code first');
    const timestamp = Math.floor(this.now() / 1000);
    return encryptLegacyPhoneData({
      sessionKey,
      appId: watermarkAppId,
      phoneNumber: phone,
      timestamp,
    });
  }

  allowSubscription(openid: string, templateId: string, times = 1): void {
    const key = `${openid}\n${templateId}`;
    this.allowances.set(key, (this.allowances.get(key) ?? 0) + times);
  }

  // ---- test controls

  sessionKeyOf(openid: string): string | undefined {
    return this.users.get(openid)?.sessionKey;
  }

  sentMessages(): SentSubscribeMessage[] {
    return [...this.messages];
  }

  tokenRequestCount(): number {
    return this.tokenRequests;
  }

  /** Every token issued so far answers 42001 from now on. */
  expireAccessTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = this.now() - 1;
  }

  /** Every token issued so far answers 40001, as after another server fetched a new one. */
  revokeAccessTokens(): void {
    this.tokens.clear();
  }

  /** The next call of that API answers with this errcode (45011, -1, 40226...). */
  failNext(api: SimulatedApi, errcode: number): void {
    this.failures.set(api, [...(this.failures.get(api) ?? []), errcode]);
  }

  // ---- the server API

  jscode2session(query: URLSearchParams): WechatBody {
    const refusal = this.checkApp(query) ?? this.injected('jscode2session');
    if (refusal) return refusal;
    if (query.get('grant_type') !== 'authorization_code')
      return wechatError(40002, 'invalid grant_type');

    const jsCode = query.get('js_code');
    if (!jsCode) return wechatError(41008, 'missing code');
    return this.exchangeLoginCode(jsCode);
  }

  token(query: URLSearchParams): WechatBody {
    if (query.get('grant_type') !== 'client_credential')
      return wechatError(40002, 'invalid grant_type');
    const refusal = this.checkApp(query) ?? this.injected('token');
    if (refusal) return refusal;

    this.tokenRequests += 1;
    return { access_token: this.issueAccessToken(), expires_in: TOKEN_LIFETIME_S };
  }

  getuserphonenumber(accessToken: string | null, body: unknown): WechatBody {
    const refusal = this.checkToken(accessToken) ?? this.injected('getuserphonenumber');
    if (refusal) return refusal;
    if (!isObject(body)) return wechatError(47001, 'data format error');

    const issued = typeof body.code === 'string' ? this.phoneCodes.get(body.code) : undefined;
    // A used phone code gets the same 40029 as an unknown one (field reports).
    if (!issued || issued.used || issued.expiresAt < this.now())
      return wechatError(40029, 'invalid code');

    issued.used = true;
    return { errcode: 0, errmsg: 'ok', phone_info: this.phoneInfo(issued.phone, issued.appId) };
  }

  subscribeSend(accessToken: string | null, body: unknown): WechatBody {
    const refusal = this.checkToken(accessToken) ?? this.injected('subscribe.send');
    if (refusal) return refusal;
    if (!isObject(body)) return wechatError(47001, 'data format error');

    const invalid = this.checkMessage(body);
    if (invalid) return invalid;

    // Each allow the shopper tapped permits one message (wechat-miniprogram.md "Notifications").
    const message = sentMessageOf(body);
    const key = `${message.openid}\n${message.templateId}`;
    const allowance = this.allowances.get(key) ?? 0;
    if (allowance <= 0) return wechatError(43101, 'user refuse to accept the msg');

    this.allowances.set(key, allowance - 1);
    this.messages.push(message);
    return { errcode: 0, errmsg: 'ok', msgid: crypto.randomInt(1e12, 2e14) };
  }

  // ---- checks

  private checkApp(query: URLSearchParams): WechatBody | undefined {
    if (query.get('appid') !== this.options.appId) return wechatError(40013, 'invalid appid');
    if (query.get('secret') !== this.options.appSecret)
      return wechatError(40125, 'invalid appsecret');
    return undefined;
  }

  /** Checked on every call: missing 41001, unknown or superseded 40001, past expires_in 42001. */
  private checkToken(accessToken: string | null): WechatBody | undefined {
    if (!accessToken) return wechatError(41001, 'access_token missing');
    const token = this.tokens.get(accessToken);
    const superseded = token?.supersededAt !== undefined && token.supersededAt <= this.now();
    if (!token || superseded)
      return wechatError(40001, 'invalid credential, access_token is invalid or not latest');
    if (token.expiresAt <= this.now()) return wechatError(42001, 'access_token expired');
    return undefined;
  }

  private checkMessage(body: WechatBody): WechatBody | undefined {
    const { touser, template_id: templateId, data } = body;
    if (typeof touser !== 'string' || !this.users.has(touser))
      return wechatError(40003, 'invalid openid');
    if (typeof templateId !== 'string' || !templateId)
      return wechatError(40037, 'invalid template_id');
    if (!isMessageData(data)) return wechatError(47003, 'argument invalid! data invalid');
    return undefined;
  }

  private exchangeLoginCode(jsCode: string): WechatBody {
    const issued = this.loginCodes.get(jsCode);
    if (!issued || issued.expiresAt < this.now()) return wechatError(40029, 'invalid code');
    if (issued.used) return wechatError(40163, 'code been used');

    // Each exchange gives the openid a fresh session_key, which ends the previous one.
    issued.used = true;
    const user = {
      sessionKey: randomSessionKey(),
      unionid: this.users.get(issued.openid)?.unionid,
    };
    this.users.set(issued.openid, user);
    const unionid = user.unionid ? { unionid: user.unionid } : {};
    return { openid: issued.openid, session_key: user.sessionKey, ...unionid };
  }

  private issueAccessToken(): string {
    const graceEnd = this.now() + OLD_TOKEN_GRACE_MS;
    for (const old of this.tokens.values()) old.supersededAt ??= graceEnd;

    const token = crypto.randomBytes(48).toString('base64url');
    this.tokens.set(token, { expiresAt: this.now() + TOKEN_LIFETIME_S * 1000 });
    return token;
  }

  private phoneInfo(phone: string, watermarkAppId: string): WechatBody {
    const watermark = { timestamp: Math.floor(this.now() / 1000), appid: watermarkAppId };
    return { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark };
  }

  private injected(api: SimulatedApi): WechatBody | undefined {
    const errcode = this.failures.get(api)?.shift();
    return errcode === undefined ? undefined : wechatError(errcode, 'simulated failure');
  }
}

/** Only after checkMessage: touser, template_id and data are known to be well formed. */
function sentMessageOf(body: WechatBody): SentSubscribeMessage {
  const page = typeof body.page === 'string' ? body.page : undefined;
  const data = body.data as SentSubscribeMessage['data'];
  return { openid: String(body.touser), templateId: String(body.template_id), page, data };
}

function randomOpenid(): string {
  return `o${crypto.randomBytes(21).toString('base64url').slice(0, 27)}`;
}

/** 16 random bytes, base64: a session_key is an AES-128 key (legacy phone data). */
function randomSessionKey(): string {
  return crypto.randomBytes(16).toString('base64');
}

function isObject(value: unknown): value is WechatBody {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isMessageData(value: unknown): value is Record<string, { value: string }> {
  if (!isObject(value)) return false;
  return Object.values(value).every((entry) => isObject(entry) && typeof entry.value === 'string');
}
