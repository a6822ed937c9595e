import type { CollectedField } from '@memberkit/shared';
import type {
  AttemptReference,
  ChargeInput,
  ChargeOutcome,
  PaymentProvider,
  PaymentProviderName,
  ProviderRefundInput,
} from '../checkout/payment-providers';
import type { SupplierRegister } from './supplier-register';

/**
 * What a till charge hands each provider: the payment code and the amount (a transaction), and
 * what comes back: WeChat Pay's openid of the payer, Alipay's buyer id.
 */
const FIELDS_OF_A_CHARGE: Readonly<Record<PaymentProviderName, readonly CollectedField[]>> = {
  wechat: ['transactions', 'wechat_openid'],
  alipay: ['transactions', 'alipay_user'],
};

/**
 * C-4.1.4b at the till's payment providers: a charge goes out only while the provider is
 * registered for these fields with a confidentiality agreement in force; otherwise the
 * register's coded 409 is thrown before any request leaves. Settling and refunding an earlier
 * charge send nothing the provider does not already hold, and must still finish the money
 * already taken, so they pass through.
 */
export class SupplierCheckedPaymentProvider implements PaymentProvider {
  readonly name: PaymentProviderName;

  constructor(
    private readonly provider: PaymentProvider,
    private readonly register: SupplierRegister,
    private readonly supplierCode: string,
  ) {
    this.name = provider.name;
  }

  async assertMayCharge(): Promise<void> {
    await this.register.assertSupplierMayReceive(this.supplierCode, FIELDS_OF_A_CHARGE[this.name]);
    await this.provider.assertMayCharge();
  }

  channelOrderNo(reference: AttemptReference): string {
    return this.provider.channelOrderNo(reference);
  }

  async charge(input: ChargeInput): Promise<ChargeOutcome> {
    await this.assertMayCharge();
    return this.provider.charge(input);
  }

  settle(reference: AttemptReference): Promise<ChargeOutcome> {
    return this.provider.settle(reference);
  }

  refund(input: ProviderRefundInput): Promise<{ providerRefundId: string | null }> {
    return this.provider.refund(input);
  }
}
