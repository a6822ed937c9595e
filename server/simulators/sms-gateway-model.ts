import crypto from 'node:crypto';
import { expectedRpcSignature, rpcSignatureMatches } from './aliyun-signature-check';
import type { SimulatorAnswer } from './simulator-http';

/** Sends allowed per number and window; the real gateway's are in REAL_GATEWAY_LIMITS. */
export interface SmsLimits {
  perMinute: number;
  perHour: number;
  perDay: number;
}

/** About 1 a minute, 5 an hour, 10 a day per number (protocols/sms-gateway.md "Answer"). */
export const REAL_GATEWAY_LIMITS: SmsLimits = Object.freeze({
  perMinute: 1,
  perHour: 5,
  perDay: 10,
});

/** Tests send many codes to one number; they opt into the real limits when they test them. */
export const GENEROUS_LIMITS: SmsLimits = Object.freeze({
  perMinute: 1000,
  perHour: 10000,
  perDay: 100000,
});

export interface SmsGatewayModelOptions {
  accessKeyId: string;
  accessKeySecret: string;
  limits?: Partial<SmsLimits>;
  now?: () => number;
}

type Params = Record<string, string>;

const MINUTE = 60 * 1000;
// Alibaba Cloud refuses a Timestamp more than 15 minutes off and a nonce seen in 15 minutes.
const CLOCK_WINDOW_MS = 15 * MINUTE;
const REQUIRED_COMMON = ['AccessKeyId', 'Action', 'Signature', 'SignatureNonce', 'Timestamp'];
const REQUIRED_SEND_SMS = ['PhoneNumbers', 'SignName', 'TemplateCode'];
const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const MAINLAND_MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
const WINDOWS: Array<{ name: keyof SmsLimits; ms: number; label: string }> = [
  { name: 'perMinute', ms: MINUTE, label: '分钟级' },
  { name: 'perHour', ms: 60 * MINUTE, label: '小时级' },
  { name: 'perDay', ms: 24 * 60 * MINUTE, label: '天级' },
];

/**
 * What the SendSms endpoint decides, apart from HTTP: the checks run in the order that leaks
 * least (who, when, signature, nonce), then the business rules that answer HTTP 200.
 */
export class SmsGatewayModel {
  private readonly limits: SmsLimits;
  private readonly now: () => number;
  private readonly nonces = new Map<string, number>();
  private readonly sent = new Map<string, Array<{ at: number; code: string }>>();

  constructor(private readonly options: SmsGatewayModelOptions) {
    this.limits = { ...GENEROUS_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
  }

  handleRpc(method: string, params: Params): SimulatorAnswer {
    const refusal =
      this.checkCaller(method, params) ?? this.checkSendSms(params) ?? this.checkLimits(params);
    if (refusal) return refusal;
    return this.deliver(params);
  }

  lastCodeFor(phone: string): string | undefined {
    return this.sent.get(nationalNumber(phone) ?? phone)?.at(-1)?.code;
  }

  sentCount(phone: string): number {
    return this.sent.get(nationalNumber(phone) ?? phone)?.length ?? 0;
  }

  private checkCaller(method: string, params: Params): SimulatorAnswer | undefined {
    const missing = REQUIRED_COMMON.find((name) => !params[name]);
    if (missing)
      return refuse(400, `Missing${missing}`, `${missing} is mandatory for this action.`);
    if (params.Action !== 'SendSms')
      return refuse(404, 'InvalidAction.NotFound', 'Specified api is not found.');
    if (params.AccessKeyId !== this.options.accessKeyId)
      return refuse(404, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

    return (
      this.checkTimestamp(params.Timestamp) ??
      this.checkSignature(method, params) ??
      this.checkNonce(params.SignatureNonce)
    );
  }

  private checkTimestamp(timestamp: string): SimulatorAnswer | undefined {
    const at = Date.parse(timestamp);
    if (!TIMESTAMP_FORMAT.test(timestamp) || Number.isNaN(at))
      return refuse(400, 'InvalidTimeStamp.Format', 'Specified time stamp is not well formed.');
    if (Math.abs(this.now() - at) > CLOCK_WINDOW_MS)
      return refuse(
        400,
        'InvalidTimeStamp.Expired',
        'Specified time stamp or date value is expired.',
      );
    return undefined;
  }

  private checkSignature(method: string, params: Params): SimulatorAnswer | undefined {
    const expected = expectedRpcSignature(method, params, this.options.accessKeySecret);
    if (rpcSignatureMatches(expected, params.Signature)) return undefined;
    return refuse(
      400,
      'SignatureDoesNotMatch',
      'Specified signature is not matched with our calculation.',
    );
  }

  /** Checked only after the signature, so a forged request cannot burn someone's nonce. */
  private checkNonce(nonce: string): SimulatorAnswer | undefined {
    const now = this.now();
    for (const [seen, expiresAt] of this.nonces) if (expiresAt < now) this.nonces.delete(seen);
    if (this.nonces.has(nonce))
      return refuse(400, 'SignatureNonceUsed', 'Specified signature nonce was used already.');

    this.nonces.set(nonce, now + CLOCK_WINDOW_MS);
    return undefined;
  }

  private checkSendSms(params: Params): SimulatorAnswer | undefined {
    const missing = REQUIRED_SEND_SMS.find((name) => !params[name]);
    if (missing)
      return refuse(400, `Missing${missing}`, `${missing} is mandatory for this action.`);
    if (phonesOf(params).some((phone) => !nationalNumber(phone)))
      return refuse(200, 'isv.MOBILE_NUMBER_ILLEGAL', 'Illegal mobile number.');

    const templateParam = parseTemplateParam(params.TemplateParam);
    if (!templateParam) return refuse(200, 'isv.INVALID_JSON_PARAM', 'TemplateParam is not JSON.');
    if (typeof templateParam.code !== 'string')
      return refuse(200, 'isv.TEMPLATE_MISSING_PARAMETERS', 'The template needs ${code}.');
    return undefined;
  }

  private checkLimits(params: Params): SimulatorAnswer | undefined {
    const now = this.now();
    for (const phone of phonesOf(params)) {
      const times = (this.sent.get(nationalNumber(phone) as string) ?? []).map((send) => send.at);
      for (const window of WINDOWS) {
        const permits = this.limits[window.name];
        if (times.filter((at) => at > now - window.ms).length >= permits)
          return refuse(
            200,
            'isv.BUSINESS_LIMIT_CONTROL',
            `触发${window.label}流控Permits:${permits}`,
          );
      }
    }
    return undefined;
  }

  private deliver(params: Params): SimulatorAnswer {
    const code = (parseTemplateParam(params.TemplateParam) as { code: string }).code;
    for (const phone of phonesOf(params)) {
      const national = nationalNumber(phone) as string;
      this.sent.set(national, [...(this.sent.get(national) ?? []), { at: this.now(), code }]);
    }

    const bizId = `${crypto.randomInt(1e9, 1e10 - 1)}^0`;
    return {
      status: 200,
      body: { Code: 'OK', Message: 'OK', BizId: bizId, RequestId: requestId() },
    };
  }
}

function refuse(status: number, code: string, message: string): SimulatorAnswer {
  return { status, body: { Code: code, Message: message, RequestId: requestId() } };
}

function requestId(): string {
  return crypto.randomUUID().toUpperCase();
}

/** PhoneNumbers may list several numbers separated by commas. */
function phonesOf(params: Params): string[] {
  return params.PhoneNumbers.split(',').map((phone) => phone.trim());
}

/** The 11-digit mainland mobile number, or undefined; +86 / 0086 / 86 prefixes are allowed. */
function nationalNumber(phone: string): string | undefined {
  return MAINLAND_MOBILE.exec(phone)?.[1];
}

function parseTemplateParam(text: string | undefined): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text ?? '{}');
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
