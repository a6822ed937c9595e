import { amountDue, type CashOffsetRate } from '@memberkit/shared';
import type { PointsAwardRepository } from '../points/points-award-repository';
import type { ProgrammeService } from '../points/programme-service';
import type { RedemptionService } from '../points/redemption-service';
import { toSqlDateTime } from '../platform/db/sql-time';

/** Points held for a parking payment until it is paid (commit) or given up (release). */
export interface PointsHold {
  holdId: string;
  pointsUsed: number;
  offsetFen: number;
}

/**
 * What parking needs from the points programme (U-6.4.2, U-6.6.1a): the cash-offset rate,
 * the free parking hours of a tier, a member's spending at the till, and holding points.
 */
export interface ParkingPointsPort {
  cashOffsetRate(): Promise<CashOffsetRate>;
  tierFreeHours(tierId: string): Promise<number>;
  spendSince(pseudonym: string, since: Date): Promise<number>;
  hold(pseudonym: string, dueFen: number, points: number, key: string): Promise<PointsHold>;
  commit(holdId: string): Promise<void>;
  release(holdId: string): Promise<void>;
}

// Reservations record the device that made them; parking holds are made by the server itself.
const PARKING_HOLDER = 'parking';

/** The port over the points service (server/src/points): reservations, programme, awards. */
export class ProgrammePointsPort implements ParkingPointsPort {
  constructor(
    private readonly programme: ProgrammeService,
    private readonly redemption: RedemptionService,
    private readonly awards: PointsAwardRepository,
  ) {}

  async cashOffsetRate(): Promise<CashOffsetRate> {
    return (await this.programme.current()).cashOffset;
  }

  async tierFreeHours(tierId: string): Promise<number> {
    const { tiers } = await this.programme.current();
    return (tiers.find((tier) => tier.id === tierId) ?? tiers[0]).perks.freeParkingHours;
  }

  spendSince(pseudonym: string, since: Date): Promise<number> {
    return this.awards.spendSince(pseudonym, toSqlDateTime(since));
  }

  async hold(pseudonym: string, dueFen: number, points: number, key: string): Promise<PointsHold> {
    const reserved = await this.redemption.reserveOffset(PARKING_HOLDER, {
      pseudonym,
      basketFen: dueFen,
      points,
      offsetKey: key,
    });
    return {
      holdId: reserved.reservationId,
      pointsUsed: reserved.pointsUsed,
      offsetFen: reserved.offsetFen,
    };
  }

  async commit(holdId: string): Promise<void> {
    await this.redemption.settleOffset(PARKING_HOLDER, holdId, 'commit');
  }

  async release(holdId: string): Promise<void> {
    await this.redemption.settleOffset(PARKING_HOLDER, holdId, 'release');
  }
}

/** What points would take off a fee, before anything is held (same rule as the till). */
export function previewOffset(dueFen: number, points: number, rate: CashOffsetRate) {
  return amountDue(dueFen, points, rate);
}
