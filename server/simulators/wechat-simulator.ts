import {
  parseJsonBody,
  startSimulatorServer,
  type SimulatorAnswer,
  type SimulatorRequest,
} from './simulator-http';
import {
  WechatPlatformModel,
  wechatError,
  type SentSubscribeMessage,
  type SimulatedApi,
} from './wechat-platform-model';

export type { SentSubscribeMessage, SimulatedApi } from './wechat-platform-model';

export interface WechatSimulatorOptions {
  appId: string;
  appSecret: string;
  port?: number;
  /** Milliseconds since the epoch; lets a test move time past code and token lifetimes. */
  now?: () => number;
}

export interface WechatSimulator {
  url: string;
  stop(): Promise<void>;
  /** What wx.login gives the mini-program; a random openid when none is given. */
  issueLoginCode(openid?: string, options?: { unionid?: string }): string;
  /** What the getPhoneNumber button gives; watermarkAppId simulates a foreign mini-program. */
  issuePhoneCode(phone: string, options?: { watermarkAppId?: string }): string;
  /** What the legacy getPhoneNumber button gives, under the openid's current session key. */
  legacyPhoneData(
    openid: string,
    phone: string,
    options?: { watermarkAppId?: string },
  ): { encryptedData: string; iv: string };
  allowSubscription(openid: string, templateId: string, times?: number): void;
  sessionKeyOf(openid: string): string | undefined;
  sentMessages(): SentSubscribeMessage[];
  tokenRequestCount(): number;
  expireAccessTokens(): void;
  revokeAccessTokens(): void;
  failNext(api: SimulatedApi, errcode: number): void;
}

type Route = {
  method: 'GET' | 'POST';
  handle: (model: WechatPlatformModel, request: SimulatorRequest) => unknown;
};

/** The WeChat server API paths, each with the method WeChat requires. */
const API_ROUTES: Record<string, Route> = {
  '/sns/jscode2session': {
    method: 'GET',
    handle: (model, req) => model.jscode2session(req.url.searchParams),
  },
  '/cgi-bin/token': { method: 'GET', handle: (model, req) => model.token(req.url.searchParams) },
  '/wxa/business/getuserphonenumber': {
    method: 'POST',
    handle: (model, req) => model.getuserphonenumber(accessToken(req), parseJsonBody(req.body)),
  },
  '/cgi-bin/message/subscribe/send': {
    method: 'POST',
    handle: (model, req) => model.subscribeSend(accessToken(req), parseJsonBody(req.body)),
  },
};

/**
 * Control endpoints for dev mode, where no WeChat exists (design.md "How the parts talk"): the
 * H5 build asks here for the codes wx.login and the phone button would have given.
 */
const CONTROL_ROUTES: Record<string, Route> = {
  '/__sim/login-code': {
    method: 'POST',
    handle: (model, req) => issueLoginCode(model, jsonOf(req)),
  },
  '/__sim/phone-code': {
    method: 'POST',
    handle: (model, req) => issuePhoneCode(model, jsonOf(req)),
  },
  '/__sim/subscription': {
    method: 'POST',
    handle: (model, req) => allowSubscription(model, jsonOf(req)),
  },
  '/__sim/messages': { method: 'GET', handle: (model) => ({ messages: model.sentMessages() }) },
};

export async function startWechatSimulator(
  options: WechatSimulatorOptions,
): Promise<WechatSimulator> {
  const model = new WechatPlatformModel(options);
  const server = await startSimulatorServer((request) => route(model, request), options.port);
  return {
    url: server.url,
    stop: server.stop,
    issueLoginCode: (openid, extra) => model.issueLoginCode(openid, extra?.unionid).code,
    issuePhoneCode: (phone, extra) => model.issuePhoneCode(phone, extra?.watermarkAppId),
    legacyPhoneData: (openid, phone, extra) =>
      model.legacyPhoneData(openid, phone, extra?.watermarkAppId),
    allowSubscription: (openid, templateId, times) =>
      model.allowSubscription(openid, templateId, times),
    sessionKeyOf: (openid) => model.sessionKeyOf(openid),
    sentMessages: () => model.sentMessages(),
    tokenRequestCount: () => model.tokenRequestCount(),
    expireAccessTokens: () => model.expireAccessTokens(),
    revokeAccessTokens: () => model.revokeAccessTokens(),
    failNext: (api, errcode) => model.failNext(api, errcode),
  };
}

function route(model: WechatPlatformModel, request: SimulatorRequest): SimulatorAnswer {
  const control = CONTROL_ROUTES[request.url.pathname];
  if (control)
    return control.method === request.method ? controlAnswer(control, model, request) : notFound();

  const api = API_ROUTES[request.url.pathname];
  if (!api) return notFound();
  // Like WeChat: the wrong method is an errcode on HTTP 200 (43001 needs GET, 43002 needs POST).
  if (api.method !== request.method)
    return {
      status: 200,
      body: wechatError(api.method === 'GET' ? 43001 : 43002, `require ${api.method} method`),
    };
  return { status: 200, body: api.handle(model, request) };
}

function controlAnswer(control: Route, model: WechatPlatformModel, request: SimulatorRequest) {
  const body = control.handle(model, request) as { error?: string };
  return { status: body.error ? 400 : 200, body };
}

function notFound(): SimulatorAnswer {
  return { status: 404, body: wechatError(404, 'not found') };
}

function accessToken(request: SimulatorRequest): string | null {
  return request.url.searchParams.get('access_token');
}

function jsonOf(request: SimulatorRequest): Record<string, unknown> {
  const body = parseJsonBody(request.body || '{}');
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

function issueLoginCode(model: WechatPlatformModel, body: Record<string, unknown>) {
  const openid = typeof body.openid === 'string' && body.openid ? body.openid : undefined;
  const unionid = typeof body.unionid === 'string' ? body.unionid : undefined;
  return model.issueLoginCode(openid, unionid);
}

function issuePhoneCode(model: WechatPlatformModel, body: Record<string, unknown>) {
  if (typeof body.phone !== 'string') return { error: 'phone is required' };
  const watermarkAppId = typeof body.watermarkAppId === 'string' ? body.watermarkAppId : undefined;
  return { code: model.issuePhoneCode(body.phone, watermarkAppId) };
}

function allowSubscription(model: WechatPlatformModel, body: Record<string, unknown>) {
  if (typeof body.openid !== 'string' || typeof body.templateId !== 'string')
    return { error: 'openid and templateId are required' };
  const times = typeof body.times === 'number' ? body.times : 1;
  model.allowSubscription(body.openid, body.templateId, times);
  return { allowed: times };
}
