import { capturingLogger } from '../support/test-services';

describe('createLogger', () => {
  describe('redaction as a safety net (design.md "Logging")', () => {
    it('blanks personal fields a call site passes by mistake, at the top level and one level down', () => {
      const { log, lines } = capturingLogger('info');

      log.info(
        {
          phone: '13900000001',
          member: { name: '张三', openid: 'oAbc123456' },
          paymentCode: '134567890123456789',
        },
        'oops',
      );
      const line = JSON.parse(lines[0]);
      expect(line.phone).toBe('[redacted]');
      expect(line.member).toEqual({ name: '[redacted]', openid: '[redacted]' });
      expect(line.paymentCode).toBe('[redacted]');
    });

    it('keeps its own service field readable', () => {
      const { log, lines } = capturingLogger('info');

      log.info('started');
      expect(JSON.parse(lines[0]).service).toBe('memberkit');
    });
  });
});
