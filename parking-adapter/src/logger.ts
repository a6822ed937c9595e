import { createDeviceLogger, type DestinationStream, type Logger } from '@memberkit/shared/node';

/**
 * Plates are personal data and never logged (design.md "Logging"); these paths are blanked
 * whatever a call site passes, as a safety net only.
 */
const PERSONAL_PATHS = ['plate', '*.plate', 'license', '*.license'];

export function createAdapterLogger(level: string, destination?: DestinationStream): Logger {
  return createDeviceLogger({
    service: 'parking-adapter',
    level,
    personalPaths: PERSONAL_PATHS,
    destination,
  });
}

export type { Logger };
