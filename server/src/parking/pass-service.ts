import { AppError, NotFoundError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import type { ParkingLotService } from './lot-service';
import { newParkingId } from './parking-ids';
import { offlinePlateHash } from './parking-plates';
import type { ParkingPassRepository } from './pass-repository';

export interface NewPass {
  cardNo: string;
  lotId: string;
  validFrom: Date;
  validUntil: Date;
}

/**
 * Monthly passes (C-4.2.2.6): a member's bound plates park in one lot without paying. The pass
 * keeps keyed hashes of those plates for the adapters' offline rules, refreshed whenever the
 * member binds or removes a plate.
 */
export class ParkingPassService {
  constructor(
    private readonly passes: ParkingPassRepository,
    private readonly lots: ParkingLotService,
    private readonly members: MemberCoreRepository,
    private readonly vault: IdentityVault,
    private readonly consents: ConsentService,
  ) {}

  async create(input: NewPass, staffId: string) {
    if (!(input.validUntil > input.validFrom))
      throw new AppError('PARKING_PASS_INVALID', { details: { field: 'validUntil' } });
    const member = await this.members.findByCardNo(input.cardNo);
    if (!member?.pseudonym) throw new NotFoundError('MEMBER_NOT_FOUND');
    await this.consents.require(member.pseudonym, 'parking');

    const lot = await this.lots.lot(input.lotId);
    const plates = await this.vault.readIdentifiers(member.id, 'plate', {
      actor: `staff:${staffId}`,
      purpose: 'parking',
    });
    const key = await this.lots.cacheKey(lot);
    const pass = {
      id: newParkingId('pp'),
      lotId: lot.id,
      pseudonym: member.pseudonym,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      plateHashes: plates.map((plate) => offlinePlateHash(key, plate)),
    };
    await this.passes.insert(pass, `staff:${staffId}`);
    return {
      passId: pass.id,
      lotId: lot.id,
      validFrom: pass.validFrom.toISOString(),
      validUntil: pass.validUntil.toISOString(),
      plates: plates.length,
    };
  }

  /** After the member's plates changed: the offline rules follow at the next refresh. */
  async refreshPlates(pseudonym: string, plates: string[], now = new Date()): Promise<void> {
    for (const pass of await this.passes.listOfPseudonym(pseudonym, now)) {
      const key = await this.lots.cacheKey(await this.lots.lot(pass.lotId));
      const hashes = plates.map((plate) => offlinePlateHash(key, plate));
      await this.passes.updatePlateHashes(pass.id, hashes);
    }
  }
}
