import type { SmsGateway } from '../integrations/sms/sms-gateway';
import type { SupplierRegister } from './supplier-register';

/**
 * C-4.1.4b at the SMS gateway: the phone number goes to the SMS provider only while the
 * provider is registered for phone numbers with a confidentiality agreement in force. A refusal
 * is thrown before any request leaves, so the provider receives nothing.
 */
export class SupplierCheckedSmsGateway implements SmsGateway {
  constructor(
    private readonly gateway: SmsGateway,
    private readonly register: SupplierRegister,
    private readonly supplierCode: string,
  ) {}

  async sendVerificationCode(phone: string, code: string): Promise<void> {
    await this.register.assertSupplierMayReceive(this.supplierCode, ['phone']);
    await this.gateway.sendVerificationCode(phone, code);
  }
}
