import pino, { type DestinationStream, type Logger } from 'pino';

/** Never logged by any adapter, whatever a call site passes: the secret and raw bodies. */
const DEVICE_REDACTED_PATHS = [
  'deviceSecret',
  '*.deviceSecret',
  'secret',
  '*.secret',
  'body',
  '*.body',
];

/**
 * An adapter's pino logger (design.md "Logging"). `personalPaths` are the fields that carry the
 * adapter's own personal data (plates, member and payment codes); they are blanked together
 * with the device secret and bodies, as a safety net only: call sites do not log them.
 */
export function createDeviceLogger(options: {
  service: string;
  level: string;
  personalPaths: readonly string[];
  destination?: DestinationStream;
}): Logger {
  return pino(
    {
      level: options.level,
      redact: {
        paths: [...options.personalPaths, ...DEVICE_REDACTED_PATHS],
        censor: '[redacted]',
      },
      base: { service: options.service },
    },
    options.destination,
  );
}

export type { DestinationStream, Logger };
