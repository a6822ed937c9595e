import crypto from 'node:crypto';
import {
  AliyunSmsClient,
  type AliyunSmsClientOptions,
} from '../../../src/integrations/sms/aliyun-sms-client';
import {
  REAL_GATEWAY_LIMITS,
  startSmsSimulator,
  type SmsLimits,
  type SmsSimulator,
} from '../../../simulators/sms-simulator';
import { capturingLogger } from '../../support/test-services';
import { closedPortUrl, fakeClock, rejectionOf, startSilentServer } from '../integration-support';

const ACCESS_KEY_ID = 'LTAI-test-key';
const ACCESS_KEY_SECRET = crypto.randomBytes(15).toString('base64');
const PHONE = '13900000001';

describe('AliyunSmsClient (protocols/sms-gateway.md)', () => {
  let clock: ReturnType<typeof fakeClock>;
  let simulator: SmsSimulator;
  let logs: ReturnType<typeof capturingLogger>;

  async function start(limits?: Partial<SmsLimits>) {
    simulator = await startSmsSimulator({
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      limits,
      now: clock.now,
    });
  }

  function client(overrides: Partial<AliyunSmsClientOptions> = {}) {
    return new AliyunSmsClient({
      baseUrl: simulator.url,
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: ACCESS_KEY_SECRET,
      signName: '会员商场',
      templateCode: 'SMS_123456789',
      log: logs.log,
      now: clock.now,
      ...overrides,
    });
  }

  beforeEach(async () => {
    clock = fakeClock();
    logs = capturingLogger();
    await start();
  });

  afterEach(async () => {
    await simulator.stop();
  });

  describe('C-4.2.1.3a phone binding by SMS: sending the code', () => {
    it('delivers the code to the number, signed the way the gateway checks it', async () => {
      await client().sendVerificationCode(PHONE, '482913');

      expect(simulator.lastCodeFor(PHONE)).toBe('482913');
      expect(simulator.sentCount(PHONE)).toBe(1);
    });

    it('uses a fresh nonce each time, so back-to-back sends are both accepted', async () => {
      const gateway = client();

      await gateway.sendVerificationCode(PHONE, '111111');
      await gateway.sendVerificationCode(PHONE, '222222');

      expect(simulator.sentCount(PHONE)).toBe(2);
      expect(simulator.lastCodeFor(PHONE)).toBe('222222');
    });
  });

  describe('a request the gateway cannot verify', () => {
    it('fails with SMS_GATEWAY_FAILED when signed with a wrong secret', async () => {
      const error = await rejectionOf(
        client({ accessKeySecret: 'not-the-secret' }).sendVerificationCode(PHONE, '482913'),
      );

      expect(error.code).toBe('SMS_GATEWAY_FAILED');
      expect(error.status).toBe(502);
      expect(error.details?.gatewayCode).toBe('SignatureDoesNotMatch');
      expect(simulator.sentCount(PHONE)).toBe(0);
    });

    it('fails with SMS_GATEWAY_FAILED for an unknown AccessKeyId', async () => {
      const error = await rejectionOf(
        client({ accessKeyId: 'LTAI-other' }).sendVerificationCode(PHONE, '482913'),
      );

      expect(error.code).toBe('SMS_GATEWAY_FAILED');
      expect(error.details?.gatewayCode).toBe('InvalidAccessKeyId.NotFound');
    });

    it('fails with SMS_GATEWAY_FAILED when our clock is more than 15 minutes off', async () => {
      const lateClock = () => clock.now() - 16 * 60 * 1000;

      const error = await rejectionOf(client({ now: lateClock }).sendVerificationCode(PHONE, '1'));

      expect(error.code).toBe('SMS_GATEWAY_FAILED');
      expect(error.details?.gatewayCode).toBe('InvalidTimeStamp.Expired');
    });
  });

  describe('refusals that are the shopper’s', () => {
    it('maps isv.MOBILE_NUMBER_ILLEGAL to PHONE_INVALID', async () => {
      const error = await rejectionOf(client().sendVerificationCode('12345', '482913'));

      expect(error.code).toBe('PHONE_INVALID');
      expect(error.status).toBe(400);
    });

    it('maps the gateway limit (isv.BUSINESS_LIMIT_CONTROL) to SMS_RATE_LIMITED', async () => {
      await simulator.stop();
      await start(REAL_GATEWAY_LIMITS);
      const gateway = client();

      await gateway.sendVerificationCode(PHONE, '111111');
      const error = await rejectionOf(gateway.sendVerificationCode(PHONE, '222222'));

      expect(error.code).toBe('SMS_RATE_LIMITED');
      expect(error.status).toBe(429);
      expect(simulator.lastCodeFor(PHONE)).toBe('111111');
    });

    it('sends again once the minute has passed', async () => {
      await simulator.stop();
      await start(REAL_GATEWAY_LIMITS);
      const gateway = client();

      await gateway.sendVerificationCode(PHONE, '111111');
      clock.advance(61 * 1000);
      await gateway.sendVerificationCode(PHONE, '222222');

      expect(simulator.lastCodeFor(PHONE)).toBe('222222');
    });
  });

  describe('a gateway that does not answer', () => {
    it('fails with SMS_GATEWAY_FAILED when nothing listens', async () => {
      const error = await rejectionOf(
        client({ baseUrl: await closedPortUrl() }).sendVerificationCode(PHONE, '482913'),
      );

      expect(error.code).toBe('SMS_GATEWAY_FAILED');
      expect(error.details?.reason).toBe('network');
    });

    it('fails with SMS_GATEWAY_FAILED after the timeout', async () => {
      const silent = await startSilentServer();
      try {
        const gateway = client({ baseUrl: silent.url, timeoutMs: 150 });

        const error = await rejectionOf(gateway.sendVerificationCode(PHONE, '482913'));

        expect(error.code).toBe('SMS_GATEWAY_FAILED');
        expect(error.details?.reason).toBe('timeout');
      } finally {
        await silent.stop();
      }
    });
  });

  describe('logs', () => {
    it('carry the gateway code but never the phone number, the code or the secret', async () => {
      await rejectionOf(
        client({ accessKeySecret: 'wrong-secret' }).sendVerificationCode(PHONE, '739201'),
      );
      await rejectionOf(
        client({ baseUrl: await closedPortUrl() }).sendVerificationCode(PHONE, '739202'),
      );
      const text = logs.lines.join('\n');

      expect(text).toContain('SignatureDoesNotMatch');
      for (const secret of [PHONE, '739201', '739202', ACCESS_KEY_SECRET, 'wrong-secret'])
        expect(text).not.toContain(secret);
    });
  });
});
