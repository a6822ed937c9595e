import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import type { Logger } from '../../platform/logger';
import {
  canonicalQuery,
  percentEncode,
  rpcTimestamp,
  signRpcRequest,
  type RpcParams,
} from './rpc-signature';
import type { SmsGateway } from './sms-gateway';

export interface AliyunSmsClientOptions {
  baseUrl: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  templateCode: string;
  log?: Logger;
  timeoutMs?: number;
  /** Milliseconds since the epoch; tests share one clock with the simulator. */
  now?: () => number;
}

interface SendSmsAnswer {
  Code?: string;
  RequestId?: string;
}

const DEFAULT_TIMEOUT_MS = 5000;

/**
 * SendSms of Alibaba Cloud (protocols/sms-gateway.md). Sent as POST with the signed
 * parameters in a form body rather than the URL, so the phone number stays out of proxy and
 * access logs; the gateway accepts both and POST is part of the string to sign.
 */
export class AliyunSmsClient implements SmsGateway {
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AliyunSmsClientOptions) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.now = options.now ?? Date.now;
  }

  async sendVerificationCode(phone: string, code: string): Promise<void> {
    const params = this.sendSmsParams(phone, code);
    const signature = signRpcRequest('POST', params, this.options.accessKeySecret);
    const body = `${canonicalQuery(params)}&Signature=${percentEncode(signature)}`;

    const { status, answer } = await this.post(body);
    if (answer.Code !== 'OK') throw this.refusal(status, answer);
  }

  private sendSmsParams(phone: string, code: string): RpcParams {
    return {
      AccessKeyId: this.options.accessKeyId,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: phone,
      RegionId: 'cn-hangzhou',
      SignName: this.options.signName,
      SignatureMethod: 'HMAC-SHA1',
      // Unique per request: the gateway refuses a nonce it has seen (SignatureNonceUsed).
      SignatureNonce: crypto.randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: this.options.templateCode,
      TemplateParam: JSON.stringify({ code }),
      Timestamp: rpcTimestamp(new Date(this.now())),
      Version: '2017-05-25',
    };
  }

  private async post(body: string): Promise<{ status: number; answer: SendSmsAnswer }> {
    let response: Response;
    try {
      response = await fetch(this.options.baseUrl, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw this.unreachable(error);
    }

    // Refusals keep HTTP 200 or come as 4xx, both with a JSON Code (sms-gateway.md "Answer").
    const answer = (await response.json().catch(() => ({}))) as SendSmsAnswer;
    return { status: response.status, answer };
  }

  /** Only an illegal number is the shopper's problem; everything else is ours (sms-gateway.md). */
  private refusal(status: number, answer: SendSmsAnswer): AppError {
    const gatewayCode = answer.Code ?? 'NO_CODE';
    if (gatewayCode === 'isv.MOBILE_NUMBER_ILLEGAL') return new AppError('PHONE_INVALID');

    if (gatewayCode === 'isv.BUSINESS_LIMIT_CONTROL') {
      this.options.log?.info({ gatewayCode }, 'sms gateway rate limit reached');
      return new AppError('SMS_RATE_LIMITED', { details: { gatewayCode } });
    }

    // The Message text may echo the request, so only the Code and RequestId are logged.
    this.options.log?.error(
      { gatewayCode, httpStatus: status, requestId: answer.RequestId },
      'sms gateway refused the request',
    );
    return new AppError('SMS_GATEWAY_FAILED', { details: { gatewayCode } });
  }

  private unreachable(error: unknown): AppError {
    const reason = isTimeout(error) ? 'timeout' : 'network';
    this.options.log?.error({ reason }, 'sms gateway unreachable');
    return new AppError('SMS_GATEWAY_FAILED', { details: { reason }, cause: error });
  }
}

/** AbortSignal.timeout rejects with a DOMException named TimeoutError (not always an Error). */
function isTimeout(error: unknown): boolean {
  return (error as { name?: unknown } | undefined)?.name === 'TimeoutError';
}
