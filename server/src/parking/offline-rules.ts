import type { ConsentService } from '../consent/consent-service';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import type { ParkingLotService } from './lot-service';
import { offlinePlateHash, type ParkingPlateCipher } from './parking-plates';
import type { ParkingPassRepository } from './pass-repository';
import type { ParkingSessionRepository } from './session-repository';

export interface OfflineLotRules {
  lotId: string;
  /** Key of the keyed plate hashes below (base64); the adapter hashes what it reads alike. */
  hashKey: string;
  unknownEntry: 'open' | 'closed';
  gates: Array<{ cameraSerial: string; direction: 'entry' | 'exit' }>;
  /** Members' bound plates with a pass valid until the given time. */
  passes: Array<{ plateHash: string; validUntil: string }>;
  /** Stays paid and within their grace period until the given time. */
  paid: Array<{ plateHash: string; graceUntil: string }>;
}

export interface OfflineRules {
  generatedAt: string;
  lots: OfflineLotRules[];
}

/**
 * What an adapter needs to decide alone while the server is away or slow: the lots it
 * serves, their policy for unknown cars, passes and paid stays, as keyed hashes (no plates).
 */
export class OfflineRulesService {
  constructor(
    private readonly lots: ParkingLotService,
    private readonly sessions: ParkingSessionRepository,
    private readonly passes: ParkingPassRepository,
    private readonly plates: ParkingPlateCipher,
    private readonly members: MemberCoreRepository,
    private readonly consents: ConsentService,
  ) {}

  async rulesFor(deviceId: string, now = new Date()): Promise<OfflineRules> {
    const gates = await this.lots.gatesOfDevice(deviceId);
    const lotIds = [...new Set(gates.map((gate) => gate.lotId))];
    const lots = await Promise.all(
      lotIds.map(async (lotId) => {
        const lotGates = gates.filter((gate) => gate.lotId === lotId);
        return this.rulesOfLot(lotId, lotGates, now);
      }),
    );
    return { generatedAt: now.toISOString(), lots };
  }

  /** Passes of members still active and still under the parking consent (U-6.1.1, D-7.2). */
  private async honouredPasses(lotId: string, now: Date) {
    const passes = (await this.passes.listCurrent(lotId, now)).filter(
      (pass) => pass.validFrom <= now,
    );
    const holders = new Map<string, boolean>();
    for (const pseudonym of new Set(passes.map((pass) => pass.pseudonym))) {
      const member = await this.members.findByPseudonym(pseudonym);
      const consented =
        member?.status === 'active' &&
        (await this.consents.activePurposes(pseudonym)).includes('parking');
      holders.set(pseudonym, consented);
    }
    return passes.filter((pass) => holders.get(pass.pseudonym));
  }

  private async rulesOfLot(
    lotId: string,
    gates: Array<{ cameraSerial: string; direction: 'entry' | 'exit' }>,
    now: Date,
  ): Promise<OfflineLotRules> {
    const lot = await this.lots.lot(lotId);
    const key = await this.lots.cacheKey(lot);
    const passes = await this.honouredPasses(lotId, now);
    const paid = await this.sessions.listPaidWithinGrace(lotId, now);
    const paidRules = await Promise.all(
      paid
        .filter((session) => session.plateEnc && session.graceUntil)
        .map(async (session) => ({
          plateHash: offlinePlateHash(
            key,
            await this.plates.decrypt(session.plateEnc as string, 'parking_sessions'),
          ),
          graceUntil: (session.graceUntil as Date).toISOString(),
        })),
    );
    return {
      lotId,
      hashKey: key.toString('base64'),
      unknownEntry: lot.policy.offlineUnknownEntry,
      gates: gates.map(({ cameraSerial, direction }) => ({ cameraSerial, direction })),
      passes: passes.flatMap((pass) =>
        pass.plateHashes.map((plateHash) => ({
          plateHash,
          validUntil: pass.validUntil.toISOString(),
        })),
      ),
      paid: paidRules,
    };
  }
}
