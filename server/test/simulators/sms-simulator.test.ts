import crypto from 'node:crypto';
import {
  canonicalQuery,
  percentEncode,
  rpcTimestamp,
  signRpcRequest,
} from '../../src/integrations/sms/rpc-signature';
import {
  REAL_GATEWAY_LIMITS,
  startSmsSimulator,
  type SmsSimulator,
} from '../../simulators/sms-simulator';
import { fakeClock } from '../integrations/integration-support';
import { send } from '../support/http-client';

const ACCESS_KEY_ID = 'LTAI-sim';
const ACCESS_KEY_SECRET = 'sim-secret';
const PHONE = '13900000002';

/**
 * Raw requests, built by hand from the published rules, so the simulator's own checks are
 * tested without the client in between.
 */
describe('SMS gateway simulator (protocols/sms-gateway.md)', () => {
  let clock: ReturnType<typeof fakeClock>;
  let simulator: SmsSimulator;

  function params(overrides: Record<string, string> = {}): Record<string, string> {
    return {
      AccessKeyId: ACCESS_KEY_ID,
      Action: 'SendSms',
      Format: 'JSON',
      PhoneNumbers: PHONE,
      RegionId: 'cn-hangzhou',
      SignName: '会员商场',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: crypto.randomUUID(),
      SignatureVersion: '1.0',
      TemplateCode: 'SMS_1',
      TemplateParam: '{"code":"654321"}',
      Timestamp: rpcTimestamp(new Date(clock.now())),
      Version: '2017-05-25',
      ...overrides,
    };
  }

  function signedQuery(values: Record<string, string>, secret = ACCESS_KEY_SECRET): string {
    const signature = signRpcRequest('GET', values, secret);
    return `${canonicalQuery(values)}&Signature=${percentEncode(signature)}`;
  }

  function get(query: string) {
    return send(simulator.url, 'GET', `/?${query}`);
  }

  beforeEach(async () => {
    clock = fakeClock();
    simulator = await startSmsSimulator({
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      now: clock.now,
    });
  });

  afterEach(async () => {
    await simulator.stop();
  });

  describe('a correctly signed request', () => {
    it('is accepted as GET with the parameters in the query', async () => {
      const answer = await get(signedQuery(params()));

      expect(answer.status).toBe(200);
      expect(answer.body.Code).toBe('OK');
      expect(answer.body.BizId).toEqual(expect.any(String));
      expect(simulator.lastCodeFor(PHONE)).toBe('654321');
    });

    it('is accepted as POST with the parameters in a form body', async () => {
      const values = params();
      const signature = signRpcRequest('POST', values, ACCESS_KEY_SECRET);
      const answer = await send(simulator.url, 'POST', '/', {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: `${canonicalQuery(values)}&Signature=${percentEncode(signature)}`,
      });

      expect(answer.body.Code).toBe('OK');
    });

    it('serves the last code on GET /__sim/last-code for dev mode', async () => {
      await get(signedQuery(params()));

      const found = await send(simulator.url, 'GET', `/__sim/last-code?phone=${PHONE}`);
      const missing = await send(simulator.url, 'GET', '/__sim/last-code?phone=13900000999');

      expect(found.body).toEqual({ code: '654321' });
      expect(missing.status).toBe(404);
    });
  });

  describe('signature checks, as the gateway makes them', () => {
    it('answers SignatureDoesNotMatch (HTTP 400) for a wrong secret', async () => {
      const answer = await get(signedQuery(params(), 'wrong-secret'));

      expect(answer.status).toBe(400);
      expect(answer.body.Code).toBe('SignatureDoesNotMatch');
      expect(simulator.sentCount(PHONE)).toBe(0);
    });

    it('answers SignatureDoesNotMatch when a parameter changed after signing', async () => {
      const query = signedQuery(params()).replace(PHONE, '13900000003');

      expect((await get(query)).body.Code).toBe('SignatureDoesNotMatch');
    });

    it('answers SignatureDoesNotMatch for a request signed for POST but sent as GET', async () => {
      const values = params();
      const signature = signRpcRequest('POST', values, ACCESS_KEY_SECRET);

      const answer = await get(`${canonicalQuery(values)}&Signature=${percentEncode(signature)}`);

      expect(answer.body.Code).toBe('SignatureDoesNotMatch');
    });

    it('answers InvalidTimeStamp.Expired for a Timestamp more than 15 minutes old', async () => {
      const stale = rpcTimestamp(new Date(clock.now() - 15 * 60 * 1000 - 1000));

      const answer = await get(signedQuery(params({ Timestamp: stale })));

      expect(answer.status).toBe(400);
      expect(answer.body.Code).toBe('InvalidTimeStamp.Expired');
    });

    it('answers SignatureNonceUsed for a replayed request', async () => {
      const query = signedQuery(params());

      const first = await get(query);
      const replay = await get(query);

      expect(first.body.Code).toBe('OK');
      expect(replay.status).toBe(400);
      expect(replay.body.Code).toBe('SignatureNonceUsed');
      expect(simulator.sentCount(PHONE)).toBe(1);
    });

    it('answers InvalidAccessKeyId.NotFound for an unknown key', async () => {
      const answer = await get(signedQuery(params({ AccessKeyId: 'LTAI-nobody' })));

      expect(answer.status).toBe(404);
      expect(answer.body.Code).toBe('InvalidAccessKeyId.NotFound');
    });
  });

  describe('business rules (HTTP 200 with another Code)', () => {
    it.each(['12345678901', '1390000000', '+1 2025550123', 'abc'])(
      'answers isv.MOBILE_NUMBER_ILLEGAL for %p',
      async (phone) => {
        const answer = await get(signedQuery(params({ PhoneNumbers: phone })));

        expect(answer.status).toBe(200);
        expect(answer.body.Code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
      },
    );

    it('accepts a +86 prefix and files the code under the 11-digit number', async () => {
      await get(signedQuery(params({ PhoneNumbers: `+86${PHONE}` })));

      expect(simulator.lastCodeFor(PHONE)).toBe('654321');
    });

    it('answers isv.TEMPLATE_MISSING_PARAMETERS when TemplateParam has no code', async () => {
      const answer = await get(signedQuery(params({ TemplateParam: '{"customer":"x"}' })));

      expect(answer.body.Code).toBe('isv.TEMPLATE_MISSING_PARAMETERS');
    });
  });

  describe('per-number limits of the real gateway (1 a minute, 5 an hour, 10 a day)', () => {
    beforeEach(async () => {
      await simulator.stop();
      simulator = await startSmsSimulator({
        accessKeyId: ACCESS_KEY_ID,
        accessKeySecret: ACCESS_KEY_SECRET,
        limits: REAL_GATEWAY_LIMITS,
        now: clock.now,
      });
    });

    async function sendEvery(count: number, gapMs: number): Promise<string[]> {
      const codes: string[] = [];
      for (let index = 0; index < count; index += 1) {
        codes.push((await get(signedQuery(params()))).body.Code);
        clock.advance(gapMs);
      }
      return codes;
    }

    it('refuses a second code within a minute', async () => {
      expect(await sendEvery(2, 10 * 1000)).toEqual(['OK', 'isv.BUSINESS_LIMIT_CONTROL']);
    });

    it('refuses the sixth code within an hour', async () => {
      const codes = await sendEvery(6, 61 * 1000);

      expect(codes.slice(0, 5)).toEqual(Array(5).fill('OK'));
      expect(codes[5]).toBe('isv.BUSINESS_LIMIT_CONTROL');
    });

    it('refuses the eleventh code within a day', async () => {
      const codes = await sendEvery(11, 13 * 60 * 1000);

      expect(codes.filter((code) => code === 'OK')).toHaveLength(10);
      expect(codes[10]).toBe('isv.BUSINESS_LIMIT_CONTROL');
    });

    it('counts each number on its own', async () => {
      await get(signedQuery(params()));

      const other = await get(signedQuery(params({ PhoneNumbers: '13900000004' })));

      expect(other.body.Code).toBe('OK');
    });
  });
});
