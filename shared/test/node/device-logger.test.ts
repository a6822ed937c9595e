import { Writable } from 'node:stream';
import { createDeviceLogger } from '../../src/node';

function capture(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { stream, lines };
}

describe('createDeviceLogger (design.md "Logging", S-5.3a: no personal data in logs)', () => {
  it("blanks the adapter's personal fields, the device secret and bodies, top level and nested", () => {
    const { stream, lines } = capture();
    const logger = createDeviceLogger({
      service: 'parking-adapter',
      level: 'info',
      personalPaths: ['plate', '*.plate'],
      destination: stream,
    });
    logger.info(
      { plate: '沪A12345', event: { plate: '沪B54321', recordId: 7 }, secret: 's', body: '{}' },
      'gate event queued',
    );
    logger.info({ request: { deviceSecret: 'd', body: 'b' } }, 'heartbeat sent');

    const [first, second] = lines();
    expect(first).toMatchObject({
      service: 'parking-adapter',
      msg: 'gate event queued',
      plate: '[redacted]',
      event: { plate: '[redacted]', recordId: 7 },
      secret: '[redacted]',
      body: '[redacted]',
    });
    expect(second).toMatchObject({ request: { deviceSecret: '[redacted]', body: '[redacted]' } });
    expect(JSON.stringify(lines())).not.toMatch(/沪A12345|沪B54321/);
  });

  it('keeps below-level lines out and fields it was not told about as they are', () => {
    const { stream, lines } = capture();
    const logger = createDeviceLogger({
      service: 'pos-adapter',
      level: 'warn',
      personalPaths: ['memberCode'],
      destination: stream,
    });
    logger.info({ attempt: 1 }, 'checkout sent');
    logger.warn({ attempt: 2, plate: 'not personal here' }, 'server away');
    expect(lines()).toEqual([
      expect.objectContaining({
        level: 40,
        service: 'pos-adapter',
        attempt: 2,
        plate: 'not personal here',
      }),
    ]);
  });
});
