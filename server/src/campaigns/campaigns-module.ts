import type { ConsentService } from '../consent/consent-service';
import { NoticeRepository } from '../consent/notice-repository';
import type { SignupService } from '../members/signup-service';
import type { AuditLog } from '../platform/audit/audit-log';
import type { MasterKeys } from '../platform/crypto/master-keys';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { Databases } from '../platform/db/databases';
import type { ApiRouter } from '../platform/http/api-router';
import type { Services } from '../container';
import { registerDeskSignupRoutes } from '../service-desk/desk-signup-routes';
import { DeskSignupRepository } from '../service-desk/desk-signup-repository';
import { DeskSignupService } from '../service-desk/desk-signup-service';
import { registerGuideRoutes } from '../guides/guide-routes';
import { GuideRepository } from '../guides/guide-repository';
import { GuideService } from '../guides/guide-service';
import { registerSurveyRoutes } from '../surveys/survey-routes';
import { SurveyRepository } from '../surveys/survey-repository';
import { SurveyService } from '../surveys/survey-service';
import { registerCampaignRoutes } from './campaign-routes';
import { CampaignRepository } from './campaign-repository';
import { CampaignService } from './campaign-service';
import { CollectionTokens } from './collection-tokens';
import { PurposeFields } from './purpose-fields';

/** In-store collection (issue #4): QR campaigns, surveys, shopping guides, service desk. */
export interface CollectionServices {
  tokens: CollectionTokens;
  campaigns: CampaignService;
  surveys: SurveyService;
  guides: GuideService;
  deskSignups: DeskSignupService;
}

// The container's Services gains `collection` here, so container.ts needs one line for it.
declare module '../container' {
  interface Services {
    collection: CollectionServices;
  }
}

interface CollectionFoundation {
  databases: Databases;
  masterKeys: MasterKeys;
  cipher: VaultCipher;
  audit: AuditLog;
  consents: ConsentService;
  signup: SignupService;
}

export function wireCollection(foundation: CollectionFoundation): CollectionServices {
  const { databases, masterKeys, cipher, audit, consents, signup } = foundation;
  const tokens = new CollectionTokens(masterKeys);
  const purposeFields = new PurposeFields(consents, new NoticeRepository(databases.core));
  return {
    tokens,
    campaigns: new CampaignService(
      new CampaignRepository(databases.core),
      tokens,
      consents,
      purposeFields,
      cipher,
      audit,
    ),
    surveys: new SurveyService(
      new SurveyRepository(databases.core),
      tokens,
      consents,
      purposeFields,
      cipher,
      audit,
    ),
    guides: new GuideService(new GuideRepository(databases.core), tokens),
    deskSignups: new DeskSignupService(
      new DeskSignupRepository(databases.core),
      tokens,
      signup,
      consents,
    ),
  };
}

export function registerCollectionRoutes(api: ApiRouter, services: Services): void {
  registerCampaignRoutes(api, services);
  registerSurveyRoutes(api, services);
  registerGuideRoutes(api, services);
  registerDeskSignupRoutes(api, services);
}
