import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Plates are personal data and never logged (design.md "Logging"); these paths are blanked
 * whatever a call site passes, as a safety net only.
 */
const REDACTED_PATHS = [
  'plate',
  '*.plate',
  'license',
  '*.license',
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
      base: { service: 'parking-adapter' },
    },
    destination,
  );
}

export type { Logger };
