import pino, { type Logger, type DestinationStream } from 'pino';

/**
 * Paths pino blanks out whatever a call site passes. A safety net only: call sites must not
 * log personal data in the first place (design.md, "Logging").
 */
export const REDACTED_PATHS = [
  'phone',
  '*.phone',
  'name',
  '*.name',
  'openid',
  '*.openid',
  'unionid',
  '*.unionid',
  'idNumber',
  '*.idNumber',
  'plate',
  '*.plate',
  'paymentCode',
  '*.paymentCode',
  'authCode',
  '*.authCode',
  'address',
  '*.address',
  'email',
  '*.email',
  'birthDate',
  '*.birthDate',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'sessionKey',
  '*.sessionKey',
  'body',
  '*.body',
  'bindings',
  '*.bindings',
  'req.headers.authorization',
  'req.headers["x-signature"]',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Not pino's `name`: a top-level "name" is a personal field and is redacted.
      base: { service: 'memberkit' },
    },
    destination,
  );
}

export type { Logger };
