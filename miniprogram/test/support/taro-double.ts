/**
 * A hand-written double of the parts of `wx` / `@tarojs/taro` the mini-program uses: the one
 * place where a stand-in is right, since no WeChat runtime exists outside WeChat (design.md).
 * It answers the way WeChat does (callbacks or promises, `errMsg` on failure); each test sets
 * what WeChat should answer and reads what the code asked for.
 *
 * Use:  jest.mock('@tarojs/taro', () => jest.requireActual('../support/taro-double').taroModule);
 */
type Callbacks<T> = {
  success?: (result: T) => void;
  fail?: (result: { errMsg: string }) => void;
};

type PrivacyResolve = (option: { event: string; buttonId?: string }) => void;

export interface RecordedRequest {
  url: string;
  method?: string;
  header?: Record<string, string>;
  data?: unknown;
}

interface WechatState {
  loginCode: string | undefined;
  loginFails: boolean;
  needPrivacyAuthorization: boolean | 'unsupported';
  privacyListener?: (resolve: PrivacyResolve, info: { referrer: string }) => void;
  scanAnswer: { result: string } | { errMsg: string };
  authSetting: Record<string, boolean>;
  authSettingAfterOpenSetting?: Record<string, boolean>;
  modalConfirms: boolean;
  storage: Map<string, unknown>;
  requests: RecordedRequest[];
  respond: (request: RecordedRequest) => { statusCode: number; data: unknown };
  calls: string[];
}

function freshState(): WechatState {
  return {
    loginCode: 'wx-login-code-1',
    loginFails: false,
    needPrivacyAuthorization: false,
    scanAnswer: { result: '600000000001' },
    authSetting: {},
    modalConfirms: true,
    storage: new Map(),
    requests: [],
    respond: () => ({ statusCode: 404, data: { error: { code: 'NOT_FOUND', message: 'No' } } }),
    calls: [],
  };
}

export const wechat: WechatState = freshState();

export function resetWechat(): void {
  Object.assign(wechat, freshState());
}

/** WeChat fires onNeedPrivacyAuthorization (a blocked API was used); returns its resolve calls. */
export function triggerPrivacyPrompt(): Array<{ event: string; buttonId?: string }> {
  const answers: Array<{ event: string; buttonId?: string }> = [];
  if (!wechat.privacyListener) throw new Error('no onNeedPrivacyAuthorization listener');

  wechat.privacyListener((option) => answers.push(option), { referrer: 'getPhoneNumber' });
  return answers;
}

function fail(api: string, reason: string) {
  return Promise.reject({ errMsg: `${api}:fail ${reason}` });
}

const taro = {
  login: async () => {
    wechat.calls.push('login');
    if (wechat.loginFails || !wechat.loginCode) return fail('login', 'system error');
    return { code: wechat.loginCode, errMsg: 'login:ok' };
  },
  getPrivacySetting: (options: Callbacks<{ needAuthorization: boolean }>) => {
    wechat.calls.push('getPrivacySetting');
    if (wechat.needPrivacyAuthorization === 'unsupported')
      return options.fail?.({ errMsg: 'getPrivacySetting:fail not supported' });
    options.success?.({ needAuthorization: wechat.needPrivacyAuthorization });
  },
  onNeedPrivacyAuthorization: (listener: WechatState['privacyListener']) => {
    wechat.calls.push('onNeedPrivacyAuthorization');
    wechat.privacyListener = listener;
  },
  openPrivacyContract: (options: Callbacks<unknown>) => options.success?.({}),
  scanCode: async (options: Record<string, unknown>) => {
    wechat.calls.push(`scanCode:${JSON.stringify(options.scanType)}`);
    const answer = wechat.scanAnswer;
    if ('errMsg' in answer) return Promise.reject(answer);
    return { ...answer, scanType: 'CODE_128', errMsg: 'scanCode:ok' };
  },
  getSetting: async () => {
    wechat.calls.push('getSetting');
    return { authSetting: { ...wechat.authSetting }, errMsg: 'getSetting:ok' };
  },
  openSetting: async () => {
    wechat.calls.push('openSetting');
    if (wechat.authSettingAfterOpenSetting) wechat.authSetting = wechat.authSettingAfterOpenSetting;
    return { authSetting: { ...wechat.authSetting }, errMsg: 'openSetting:ok' };
  },
  showModal: async (options: { title: string }) => {
    wechat.calls.push(`showModal:${options.title}`);
    return { confirm: wechat.modalConfirms, cancel: !wechat.modalConfirms };
  },
  showToast: () => undefined,
  getStorageSync: (key: string) => wechat.storage.get(key) ?? '',
  setStorageSync: (key: string, value: unknown) => void wechat.storage.set(key, value),
  removeStorageSync: (key: string) => void wechat.storage.delete(key),
  request: async (options: RecordedRequest) => {
    // wx.request serialises `data` to JSON for a JSON content type; keep that copy.
    const request = { ...options, data: JSON.parse(JSON.stringify(options.data ?? null)) };
    wechat.requests.push(request);
    return { ...wechat.respond(request), header: {}, errMsg: 'request:ok' };
  },
};

export const taroModule = { __esModule: true, default: taro, ...taro };
