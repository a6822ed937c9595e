import type { WithdrawalService } from '../consent/withdrawal-service';
import type { Services } from '../container';
import type { Config } from '../platform/config';
import type { Databases } from '../platform/db/databases';
import type { Logger } from '../platform/logger';
import type { ApiRouter } from '../platform/http/api-router';
import { createMemberCodes } from '../member-codes/member-codes-module';
import { AttemptRepository } from './attempt-repository';
import { CheckoutAnswers } from './checkout-answers';
import { CheckoutAwards } from './checkout-awards';
import { CheckoutRepository } from './checkout-repository';
import { registerCheckoutDeviceRoutes } from './checkout-routes';
import { CheckoutService, type MemberCodePort } from './checkout-service';
import { crashHook } from './crash-points';
import { registerCheckoutMemberRoutes } from './member-checkout-routes';
import { MemberTransactions } from './member-transactions';
import { configuredProviders, type PaymentSimulators } from './payment-clients';
import { PayerLinks } from './payer-links';
import { PaymentProviders } from './payment-providers';
import { ReceiptClaimRepository } from './receipt-claim-repository';
import { ReceiptClaimService } from './receipt-claim-service';
import { RefundRepository } from './refund-repository';
import { RefundService } from './refund-service';
import { SaleLocks } from './sale-locks';

/** Till checkout (issue #6): payment codes, sales, refunds, receipt claims. */
export interface CheckoutServices {
  sales: CheckoutService;
  refunds: RefundService;
  receiptClaims: ReceiptClaimService;
  memberTransactions: MemberTransactions;
  providers: PaymentProviders;
  /** Point the providers that configuration leaves unset at the in-process simulators. */
  useSimulators(simulators: PaymentSimulators): void;
}

// The container's Services gains `checkout` here, so container.ts needs one line for it.
declare module '../container' {
  interface Services {
    checkout: CheckoutServices;
  }
}

export interface CheckoutFoundation {
  config: Readonly<Config>;
  log: Logger;
  databases: Databases;
  withdrawals: WithdrawalService;
}

/**
 * Providers and the consent hook are wired at start; the rest from the finished container
 * (`container` is read when first needed), because checkout uses the points ledger and the
 * member codes, which are wired beside it.
 */
export function wireCheckout(
  foundation: CheckoutFoundation,
  container: () => Services,
): CheckoutServices {
  const { config, log, databases, withdrawals } = foundation;
  // C-4.1.4b: every charge passes the supplier register's gate, read once the container is built.
  const providers = new PaymentProviders((provider) =>
    container().suppliers.gateCheckoutPayments(provider),
  );
  for (const provider of configuredProviders(config, log)) providers.use(provider);
  // C-4.1.2b: withdrawing transaction linking forgets every Alipay payer the member remembered.
  const claims = new ReceiptClaimRepository(databases.core);
  withdrawals.registerEraser('transaction_linking', 'remembered_payers', (pseudonym) =>
    claims.forgetPayersOf(pseudonym),
  );

  let wired: ReturnType<typeof build> | undefined;
  const parts = () => (wired ??= build(container(), providers));
  return {
    get sales() {
      return parts().sales;
    },
    get refunds() {
      return parts().refunds;
    },
    get receiptClaims() {
      return parts().receiptClaims;
    },
    get memberTransactions() {
      return parts().memberTransactions;
    },
    providers,
    useSimulators(simulators) {
      for (const provider of simulators.providers(config, log))
        if (!providers.has(provider.name)) providers.use(provider);
    },
  };
}

function build(services: Services, providers: PaymentProviders) {
  const knex = services.databases.core;
  const checkouts = new CheckoutRepository(knex);
  const refunds = new RefundRepository(knex);
  const claims = new ReceiptClaimRepository(knex);
  const awards = new CheckoutAwards({
    awards: services.pointsAwards,
    checkouts,
    refunds,
    log: services.log,
  });
  const locks = new SaleLocks(checkouts, services.config.checkout.leaseSeconds);
  const memberCodes = memberCodesOf(services);

  return {
    sales: new CheckoutService({
      checkouts,
      attempts: new AttemptRepository(knex),
      claims,
      providers,
      links: new PayerLinks({ ...services, claims }),
      awards,
      answers: new CheckoutAnswers({
        members: services.members,
        ledger: services.pointsLedger,
        claims,
      }),
      locks,
      memberCodes,
      receiptClaimHours: services.config.checkout.receiptClaimHours,
      crashAt: crashHook(services.config.checkout.crashAt),
    }),
    refunds: new RefundService({ checkouts, refunds, providers, awards, locks }),
    receiptClaims: new ReceiptClaimService({
      checkouts,
      claims,
      consents: services.consents,
      awards,
      ledger: services.pointsLedger,
    }),
    memberTransactions: new MemberTransactions(checkouts),
  };
}

/** The container's member-code service when it is registered there; else one of our own. */
function memberCodesOf(services: Services): () => MemberCodePort {
  let own: MemberCodePort | undefined;
  return () => {
    const registered = (services as Partial<Pick<Services, 'memberCodes'>>).memberCodes;
    return registered ?? (own ??= createMemberCodes(services));
  };
}

export function registerCheckoutRoutes(api: ApiRouter, services: Services): void {
  registerCheckoutDeviceRoutes(api, services);
  registerCheckoutMemberRoutes(api, services);
}
