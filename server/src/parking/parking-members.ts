import type { ConsentService } from '../consent/consent-service';
import type { IdentityVault } from '../vault/identity-vault';

export interface ParkingMember {
  memberId: string;
  pseudonym: string;
  tier: string;
}

/**
 * The member a plate belongs to, but only while they hold the parking consent (U-6.1.1):
 * without it the car is treated like any other and nothing is kept under their pseudonym.
 */
export class ParkingMembers {
  constructor(
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
  ) {}

  async forPlate(plate: string): Promise<ParkingMember | undefined> {
    const member = await this.vault.findMemberByIdentifier('plate', plate);
    if (!member?.pseudonym) return undefined;
    const purposes = await this.consents.activePurposes(member.pseudonym);
    if (!purposes.includes('parking')) return undefined;
    return { memberId: member.id, pseudonym: member.pseudonym, tier: member.tier };
  }
}
