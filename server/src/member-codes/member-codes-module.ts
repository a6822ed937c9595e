import type { ConsentService } from '../consent/consent-service';
import type { MasterKeys } from '../platform/crypto/master-keys';
import type { Databases } from '../platform/db/databases';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { MemberCodeRepository } from './member-code-repository';
import { MemberCodeSecrets } from './member-code-secrets';
import { MemberCodeService } from './member-code-service';

export { registerMemberCodeRoutes } from './member-code-routes';

// The container's Services gains `memberCodes` here, so container.ts needs one line for it.
declare module '../container' {
  interface Services {
    memberCodes: MemberCodeService;
  }
}

export interface MemberCodeFoundation {
  config: { deviceClockWindowSeconds: number };
  databases: Databases;
  masterKeys: MasterKeys;
  members: MemberCoreRepository;
  consents: ConsentService;
}

/** Member codes (issue #6): shown in the mini-program, used once at a till. */
export function createMemberCodes(foundation: MemberCodeFoundation): MemberCodeService {
  return new MemberCodeService({
    codes: new MemberCodeRepository(foundation.databases.core),
    secrets: new MemberCodeSecrets(foundation.masterKeys),
    members: foundation.members,
    consents: foundation.consents,
    clockWindowSeconds: foundation.config.deviceClockWindowSeconds,
  });
}
