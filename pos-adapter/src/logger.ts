import { createDeviceLogger, type DestinationStream, type Logger } from '@memberkit/shared/node';

/**
 * Payment codes and member codes are never logged (design.md "Logging"); these paths are
 * blanked whatever a call site passes, as a safety net only.
 */
const PERSONAL_PATHS = [
  'code',
  '*.code',
  'line',
  '*.line',
  'paymentCode',
  '*.paymentCode',
  'memberCode',
  '*.memberCode',
];

export function createAdapterLogger(level: string, destination?: DestinationStream): Logger {
  return createDeviceLogger({
    service: 'pos-adapter',
    level,
    personalPaths: PERSONAL_PATHS,
    destination,
  });
}

export type { Logger };
