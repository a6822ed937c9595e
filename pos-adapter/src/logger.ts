import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Payment codes and member codes are never logged (design.md "Logging"); these paths are
 * blanked whatever a call site passes, as a safety net only.
 */
const REDACTED_PATHS = [
  'code',
  '*.code',
  'line',
  '*.line',
  'paymentCode',
  '*.paymentCode',
  'memberCode',
  '*.memberCode',
  'deviceSecret',
  '*.deviceSecret',
  'secret',
  '*.secret',
  'body',
  '*.body',
];

export function createAdapterLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      base: { service: 'pos-adapter' },
    },
    destination,
  );
}

export type { Logger };
