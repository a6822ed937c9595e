import type { PaymentProvider } from '../checkout/payment-providers';
import type { SmsGateway } from '../integrations/sms/sms-gateway';
import type { ParkingPaymentGateway } from '../parking/payment-gateway';
import type { AuditLog } from '../platform/audit/audit-log';
import type { Config } from '../platform/config';
import type { Databases } from '../platform/db/databases';
import type { Logger } from '../platform/logger';
import { SupplierCheckedPaymentProvider } from './supplier-checked-checkout';
import { SupplierCheckedParkingGateway } from './supplier-checked-payments';
import { SupplierCheckedSmsGateway } from './supplier-checked-sms';
import { SupplierRegister } from './supplier-register';
import { SupplierRepository } from './supplier-repository';

export { registerSupplierRoutes } from './supplier-routes';

/** The supplier register (issue #8, C-4.1.4b) and the gates at each hand-over. */
export interface SupplierServices {
  register: SupplierRegister;
  /** The parking payment provider behind the register's gate when a code is configured. */
  gateParkingPayments(gateway: ParkingPaymentGateway): ParkingPaymentGateway;
  /** A till payment provider behind the gate when its supplier code is configured. */
  gateCheckoutPayments(provider: PaymentProvider): PaymentProvider;
}

// The container's Services gains `suppliers` here, so container.ts needs one line for it.
declare module '../container' {
  interface Services {
    suppliers: SupplierServices;
  }
}

export interface SupplierFoundation {
  config: Readonly<Config>;
  log: Logger;
  databases: Databases;
  audit: AuditLog;
}

export function wireSuppliers(foundation: SupplierFoundation): SupplierServices {
  const register = createRegister(foundation);
  const { wechatPay, alipay } = foundation.config.suppliers;
  const checkoutCodes = { wechat: wechatPay, alipay };
  return {
    register,
    gateParkingPayments: (gateway) =>
      wechatPay ? new SupplierCheckedParkingGateway(gateway, register, wechatPay) : gateway,
    gateCheckoutPayments: (provider) => {
      const code = checkoutCodes[provider.name];
      return code ? new SupplierCheckedPaymentProvider(provider, register, code) : provider;
    },
  };
}

/**
 * The SMS provider as the login services see it: behind the register's gate when the config
 * names its supplier code (production and development do by default), the bare client otherwise.
 */
export function gateSmsBySupplier(gateway: SmsGateway, foundation: SupplierFoundation): SmsGateway {
  const code = foundation.config.suppliers.sms;
  return code ? new SupplierCheckedSmsGateway(gateway, createRegister(foundation), code) : gateway;
}

function createRegister({ databases, audit, log }: SupplierFoundation): SupplierRegister {
  return new SupplierRegister(new SupplierRepository(databases.core), audit, log);
}
