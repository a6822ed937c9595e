import type { Config } from './platform/config';
import type { Logger } from './platform/logger';
import { AuditLog } from './platform/audit/audit-log';
import { AuditRepository } from './platform/audit/audit-repository';
import { DataKeyRepository } from './platform/crypto/data-key-repository';
import { loadMasterKeys, type MasterKeys } from './platform/crypto/master-keys';
import { VaultCipher } from './platform/crypto/vault-cipher';
import { openDatabases, type Databases } from './platform/db/databases';
import { migrateLatest } from './platform/db/migrate';
import { DeviceRepository } from './devices/device-repository';
import { DeviceService } from './devices/device-service';
import { IdempotencyRepository } from './devices/idempotency-repository';
import { IdentityRepository } from './vault/identity-repository';
import { IdentityVault } from './vault/identity-vault';
import { MemberCoreRepository } from './vault/member-core-repository';
import { registerLoginDependencies } from './container-members';
import { wireCollection } from './campaigns/campaigns-module';
import type { MemberServices } from './container-members';
import { createPointsServices } from './points/points-module';
import { wireParking } from './parking/parking-module';
import { wireCheckout } from './checkout/checkout-module';
import { wireSuppliers } from './suppliers/suppliers-module';
import { wireOnlineEvents } from './online-events/online-events-module';
import { createMemberCodes } from './member-codes/member-codes-module';
import {
  resolveIntegrations,
  type IntegrationEndpoints,
} from './integrations/integration-endpoints';

/** Everything a request or a CLI command may need, wired once. Services never see ctx. */
export interface Services extends MemberServices {
  config: Readonly<Config>;
  log: Logger;
  databases: Databases;
  masterKeys: MasterKeys;
  cipher: VaultCipher;
  auditRepository: AuditRepository;
  audit: AuditLog;
  members: MemberCoreRepository;
  identity: IdentityRepository;
  vault: IdentityVault;
  deviceRepository: DeviceRepository;
  devices: DeviceService;
  idempotency: IdempotencyRepository;
  close(): Promise<void>;
}

export interface ServiceOptions {
  migrate?: boolean;
  /** Where WeChat and the SMS gateway are; dev mode and tests point them at the simulators. */
  endpoints?: IntegrationEndpoints;
}

export async function createServices(
  config: Readonly<Config>,
  log: Logger,
  options: ServiceOptions = {},
): Promise<Services> {
  const databases = openDatabases(config.databaseUrl, config.vaultDatabaseUrl, config.dbPoolMax);
  try {
    return await wireServices(config, log, databases, options);
  } catch (error) {
    // An open pool keeps the process alive: a failed start must not hang.
    await databases.close();
    throw error;
  }
}

async function wireServices(
  config: Readonly<Config>,
  log: Logger,
  databases: Databases,
  options: ServiceOptions,
): Promise<Services> {
  if (options.migrate !== false) await migrateLatest(databases.core, databases.vault);
  const masterKeys = loadMasterKeys(config, log);
  const cipher = new VaultCipher(masterKeys, new DataKeyRepository(databases.vault));
  const auditRepository = new AuditRepository(databases.vault);
  const audit = new AuditLog(databases.vault, auditRepository, masterKeys);
  const members = new MemberCoreRepository(databases.core);
  const identity = new IdentityRepository(databases.vault);
  const deviceRepository = new DeviceRepository(databases.core);
  const vault = new IdentityVault(databases, cipher, audit, members, identity);
  const memberServices = registerLoginDependencies({
    config,
    log,
    databases,
    masterKeys,
    cipher,
    audit,
    members,
    vault,
    endpoints: options.endpoints ?? resolveIntegrations(config),
  });
  await memberServices.consents.ensureDefaultNotice();
  const services: Services = {
    ...memberServices,
    config,
    log,
    databases,
    masterKeys,
    cipher,
    auditRepository,
    audit,
    members,
    identity,
    vault,
    deviceRepository,
    devices: new DeviceService(deviceRepository, cipher, config.deviceClockWindowSeconds),
    idempotency: new IdempotencyRepository(databases.core),
    ...createPointsServices({ ...memberServices, databases, members, identity, vault, audit }),
    collection: wireCollection({ ...memberServices, databases, masterKeys, cipher, audit }),
    parking: wireParking({ ...memberServices, config, databases, cipher, audit, members, vault }),
    memberCodes: createMemberCodes({ ...memberServices, config, databases, masterKeys, members }),
    suppliers: wireSuppliers({ config, log, databases, audit }),
    onlineEvents: wireOnlineEvents({ ...memberServices, databases, members }),
    checkout: wireCheckout({ ...memberServices, config, log, databases }, () => services),
    close: () => databases.close(),
  };
  return services;
}
