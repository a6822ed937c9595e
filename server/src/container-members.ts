import type { Config } from './platform/config';
import type { Logger } from './platform/logger';
import type { AuditLog } from './platform/audit/audit-log';
import type { MasterKeys } from './platform/crypto/master-keys';
import type { VaultCipher } from './platform/crypto/vault-cipher';
import type { Databases } from './platform/db/databases';
import { LoginService } from './auth/login-service';
import { LoginThrottle } from './auth/login-throttle';
import { LoginThrottleRepository } from './auth/login-throttle-repository';
import { SessionRepository } from './auth/session-repository';
import { SessionService } from './auth/session-service';
import { SignupTickets } from './auth/signup-ticket';
import { UsedSignupTickets } from './auth/used-signup-tickets';
import { SmsCodeRepository } from './auth/sms-code-repository';
import { SmsCodeService } from './auth/sms-code-service';
import { ConsentRepository } from './consent/consent-repository';
import { ConsentService } from './consent/consent-service';
import { WithdrawalService } from './consent/withdrawal-service';
import { NoticeRepository } from './consent/notice-repository';
import type { IntegrationEndpoints } from './integrations/integration-endpoints';
import { AliyunSmsClient } from './integrations/sms/aliyun-sms-client';
import { decryptLegacyPhoneData } from './integrations/wechat/legacy-phone-data';
import { WechatApiClient } from './integrations/wechat/wechat-api-client';
import { MarketingService } from './marketing/marketing-service';
import { AccountService } from './members/account-service';
import { CardBindingService } from './members/card-binding-service';
import { OfflineCardRepository } from './members/offline-card-repository';
import { PasswordService } from './members/password-service';
import { PhoneBindingService } from './members/phone-binding-service';
import { PointsRepository } from './members/points-repository';
import { ReceiptSigner } from './members/receipts';
import { SignupService } from './members/signup-service';
import { StaffService } from './staff/staff-service';
import { gateSmsBySupplier } from './suppliers/suppliers-module';
import type { IdentityVault } from './vault/identity-vault';
import type { MemberCoreRepository } from './vault/member-core-repository';

export interface MemberServices {
  endpoints: IntegrationEndpoints;
  wechat: WechatApiClient;
  consents: ConsentService;
  withdrawals: WithdrawalService;
  sessions: SessionService;
  sessionRepository: SessionRepository;
  smsCodes: SmsCodeService;
  login: LoginService;
  signup: SignupService;
  usedSignupTickets: UsedSignupTickets;
  account: AccountService;
  phoneBinding: PhoneBindingService;
  cardBinding: CardBindingService;
  offlineCards: OfflineCardRepository;
  points: PointsRepository;
  passwords: PasswordService;
  receipts: ReceiptSigner;
  staff: StaffService;
  marketing: MarketingService;
}

interface Foundation {
  config: Readonly<Config>;
  log: Logger;
  databases: Databases;
  masterKeys: MasterKeys;
  cipher: VaultCipher;
  audit: AuditLog;
  members: MemberCoreRepository;
  vault: IdentityVault;
  endpoints: IntegrationEndpoints;
}

/** Members, consent, login and account services (issue: members and consent). */
export function registerLoginDependencies(foundation: Foundation): MemberServices {
  const { config, log, databases, masterKeys, cipher, audit, members, vault, endpoints } =
    foundation;
  const wechat = new WechatApiClient({ ...endpoints.wechat, log });
  // C-4.1.4b: phone numbers reach the SMS provider only under a confidentiality agreement.
  const sms = gateSmsBySupplier(new AliyunSmsClient({ ...endpoints.sms, log }), foundation);
  const consents = new ConsentService(
    databases.core,
    new ConsentRepository(databases.core),
    new NoticeRepository(databases.core),
    audit,
  );
  const sessionRepository = new SessionRepository(databases.core);
  const sessions = new SessionService(sessionRepository, cipher);
  const smsCodes = new SmsCodeService(
    new SmsCodeRepository(databases.core),
    sms,
    cipher,
    masterKeys,
    config.smsLimits,
  );
  const tickets = new SignupTickets(masterKeys);
  const usedSignupTickets = new UsedSignupTickets(databases.core);
  const points = new PointsRepository(databases.core);
  const offlineCards = new OfflineCardRepository(databases.core);
  const receipts = new ReceiptSigner(masterKeys);
  return {
    endpoints,
    wechat,
    consents,
    withdrawals: new WithdrawalService(databases, vault, consents, audit),
    sessions,
    sessionRepository,
    smsCodes,
    login: new LoginService(vault, sessions, tickets, smsCodes, wechat),
    signup: new SignupService(vault, consents, sessions, tickets, usedSignupTickets),
    usedSignupTickets,
    account: new AccountService(
      vault,
      consents,
      sessionRepository,
      points,
      offlineCards,
      receipts,
      audit,
    ),
    phoneBinding: new PhoneBindingService(
      vault,
      consents,
      smsCodes,
      sessions,
      wechat,
      decryptLegacyPhoneData,
      config.wechat.appId,
    ),
    cardBinding: new CardBindingService(databases, vault, cipher, offlineCards, points),
    offlineCards,
    points,
    passwords: new PasswordService(
      databases.vault,
      vault,
      smsCodes,
      sessions,
      new LoginThrottle(new LoginThrottleRepository(databases.core), cipher),
    ),
    receipts,
    staff: new StaffService(databases.core),
    marketing: new MarketingService(members, vault, consents, wechat, audit),
  };
}
