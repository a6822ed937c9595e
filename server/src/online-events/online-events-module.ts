import type { ConsentService } from '../consent/consent-service';
import type { AccountService } from '../members/account-service';
import type { Databases } from '../platform/db/databases';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { OnlineEventRepository } from './online-event-repository';
import { OnlineEventRetention } from './online-event-retention';
import { OnlineEventService } from './online-event-service';

export { registerOnlineEventRoutes } from './online-event-routes';

/** Online shopping events (issue #8, C-4.2.1.5). */
export interface OnlineEventServices {
  service: OnlineEventService;
  retention: OnlineEventRetention;
}

// The container's Services gains `onlineEvents` here, so container.ts needs one line for it.
declare module '../container' {
  interface Services {
    onlineEvents: OnlineEventServices;
  }
}

export interface OnlineEventFoundation {
  databases: Databases;
  members: MemberCoreRepository;
  consents: ConsentService;
  account: AccountService;
}

export function wireOnlineEvents(foundation: OnlineEventFoundation): OnlineEventServices {
  const repository = new OnlineEventRepository(foundation.databases.core);
  const service = new OnlineEventService(repository, foundation.members, foundation.consents);
  // C-4.2.1.3b: the member's export holds their online events too.
  foundation.account.addExportSection('onlineEvents', (pseudonym) => service.listOwn(pseudonym));
  return { service, retention: new OnlineEventRetention(repository) };
}
