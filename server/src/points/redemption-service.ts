import crypto from 'node:crypto';
import { AppError, NotFoundError, amountDue, type AmountDue } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { nowSql, toSqlDateTime } from '../platform/db/sql-time';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { resolveMember, type MemberReference } from './award-service';
import type { CatalogueItem, CatalogueKind, CatalogueRepository } from './catalogue-repository';
import type { MemberBook, PointsBook } from './points-book';
import type { ProgrammeService } from './programme-service';
import type { Reservation, ReservationRepository } from './reservation-repository';

/** Hands over what was redeemed; may call out (a gift-card issuer) and so may fail. */
export type Fulfiller = (
  item: CatalogueItem,
  reservation: Reservation,
) => Promise<Record<string, unknown>>;

const randomDigits = (length: number) =>
  Array.from(crypto.randomBytes(length), (byte) => String(byte % 10)).join('');

/** Codes issued here; the parking feature reads a parking voucher when the shopper pays. */
export const LOCAL_FULFILMENT: Readonly<Record<CatalogueKind, Fulfiller>> = {
  goods: async () => ({ pickupCode: randomDigits(8) }),
  coupon: async (item) => ({ couponCode: `CP${randomDigits(12)}`, valueFen: item.valueFen }),
  'gift-card': async (item) => ({ giftCardNo: `GC${randomDigits(16)}`, valueFen: item.valueFen }),
  'parking-offset': async (item) => ({
    parkingVoucher: `PK${randomDigits(10)}`,
    valueFen: item.valueFen,
  }),
};

// A till holds points while the shopper pays; a held reservation past this is released.
const RESERVATION_MINUTES = 15;

export interface RedemptionDependencies {
  members: MemberCoreRepository;
  consents: ConsentService;
  programmes: ProgrammeService;
  book: PointsBook;
  catalogue: CatalogueRepository;
  reservations: ReservationRepository;
  fulfilment: Readonly<Record<CatalogueKind, Fulfiller>>;
}

interface ReservationSpec {
  requestKey: string;
  kind: Reservation['kind'];
  item?: CatalogueItem;
  quantity: number;
  points: number;
  valueFen: number;
  deviceId: string | null;
}

/**
 * Redemption (U-6.4.2): a redemption reserves points (and stock), then commits or releases.
 * Prices come from the catalogue and the published cash-offset rate alone (U-6.7.2).
 */
export class RedemptionService {
  constructor(private readonly deps: RedemptionDependencies) {}

  async catalogue() {
    const program = await this.deps.programmes.current();
    const items = await this.deps.catalogue.listActive();
    return {
      items: items.map(({ active: _active, ...item }) => ({ ...item, inStock: item.stock !== 0 })),
      cashOffset: program.cashOffset,
    };
  }

  /** A shopper redeems an item: reserve, fulfil, commit; a failed fulfilment releases. */
  async redeem(
    pseudonym: string,
    request: { itemId: string; quantity: number; requestId: string },
  ) {
    await this.deps.consents.require(pseudonym, 'membership');
    const item = await this.deps.catalogue.find(request.itemId);
    if (!item || !item.active) throw new NotFoundError('POINTS_ITEM_NOT_FOUND');
    const { reservation, created } = await this.reserve(pseudonym, {
      requestKey: `redeem:${request.requestId}`,
      kind: 'item',
      item,
      quantity: request.quantity,
      points: item.pointsPrice * request.quantity,
      valueFen: (item.valueFen ?? 0) * request.quantity,
      deviceId: null,
    });
    // A repeated request answers with what the first made of it (still running: 'reserved').
    if (!created) return this.describe(reservation, item);

    let fulfilment: Record<string, unknown>;
    try {
      fulfilment = await this.deps.fulfilment[item.kind](item, reservation);
    } catch (error) {
      await this.release(reservation.id, 'released');
      throw new AppError('POINTS_FULFILMENT_FAILED', { cause: error });
    }
    return this.describe(await this.commit(reservation.id, fulfilment), item);
  }

  /** The till holds points against a basket; what is due is the same for every member. */
  async reserveOffset(
    deviceId: string,
    request: MemberReference & { basketFen: number; points: number; offsetKey: string },
  ): Promise<AmountDue & { reservationId: string; status: string; expiresAt: string }> {
    const member = await resolveMember(this.deps.members, request);
    const pseudonym = member.pseudonym as string;
    await this.deps.consents.require(pseudonym, 'membership');
    const program = await this.deps.programmes.current();
    const due = amountDue(request.basketFen, request.points, program.cashOffset);
    if (due.pointsUsed === 0)
      throw new AppError('POINTS_OFFSET_INVALID', { details: { field: 'points' } });
    const { reservation } = await this.reserve(pseudonym, {
      requestKey: `offset:${deviceId}:${request.offsetKey}`,
      kind: 'cash-offset',
      quantity: 1,
      points: due.pointsUsed,
      valueFen: due.offsetFen,
      deviceId,
    });
    return {
      ...due,
      reservationId: reservation.id,
      status: reservation.status,
      expiresAt: reservation.expiresAt,
    };
  }

  async settleOffset(deviceId: string, reservationId: string, outcome: 'commit' | 'release') {
    const reservation = await this.deps.reservations.find(reservationId);
    if (!reservation || reservation.kind !== 'cash-offset' || reservation.deviceId !== deviceId)
      throw new NotFoundError('POINTS_RESERVATION_NOT_FOUND');
    const settled =
      outcome === 'commit'
        ? await this.commit(reservationId)
        : await this.release(reservationId, 'released');
    return {
      reservationId,
      status: settled.status,
      points: settled.points,
      offsetFen: settled.valueFen,
    };
  }

  /** The daily job: release reservations nobody committed or released in time. */
  async releaseExpired(now = new Date()): Promise<number> {
    const stale = await this.deps.reservations.openPastExpiry(undefined, toSqlDateTime(now));
    const program = await this.deps.programmes.current();
    let released = 0;
    for (const pseudonym of new Set(stale.map((reservation) => reservation.pseudonym))) {
      released += await this.deps.book.withMember(pseudonym, program, (book) =>
        this.releaseStale(book, toSqlDateTime(now)),
      );
    }
    return released;
  }

  private async reserve(
    pseudonym: string,
    spec: ReservationSpec,
  ): Promise<{ reservation: Reservation; created: boolean }> {
    const program = await this.deps.programmes.current();
    return this.deps.book.withMember(pseudonym, program, async (book) => {
      const earlier = await this.deps.reservations.findByRequestKey(
        book.trx,
        pseudonym,
        spec.requestKey,
      );
      if (earlier) return { reservation: sameRequest(earlier, spec), created: false };
      await this.releaseStale(book, nowSql());
      const available =
        (await book.balance()) - (await this.deps.reservations.heldPoints(book.trx, pseudonym));
      if (available < spec.points)
        throw new AppError('POINTS_INSUFFICIENT', {
          details: { available: Math.max(0, available) },
        });
      if (
        spec.item &&
        !(await this.deps.catalogue.takeStock(book.trx, spec.item.id, spec.quantity))
      )
        throw new AppError('POINTS_ITEM_OUT_OF_STOCK');
      const reservation = await this.deps.reservations.insert(book.trx, {
        pseudonym,
        requestKey: spec.requestKey,
        kind: spec.kind,
        itemId: spec.item?.id ?? null,
        quantity: spec.quantity,
        points: spec.points,
        valueFen: spec.valueFen,
        deviceId: spec.deviceId,
        expiresAt: toSqlDateTime(new Date(Date.now() + RESERVATION_MINUTES * 60_000)),
      });
      return { reservation, created: true };
    });
  }

  /** Spend the held points first in, first out; committing twice is one commit. */
  private async commit(id: string, fulfilment?: Record<string, unknown>): Promise<Reservation> {
    const outcome = await this.settle(
      id,
      async (book, reservation) => {
        if (reservation.expiresAt <= nowSql()) return this.giveBack(book, reservation, 'expired');
        if ((await book.balance()) < reservation.points) {
          // Points expired while held: nothing left to spend them from.
          await this.giveBack(book, reservation, 'released');
          return 'POINTS_INSUFFICIENT' as const;
        }
        await book.debit({
          entryType: 'redeem',
          points: -reservation.points,
          sourceKey: `redeem:${reservation.id}`,
          explanation: {
            reservationId: reservation.id,
            kind: reservation.kind,
            itemId: reservation.itemId,
            quantity: reservation.quantity,
            valueFen: reservation.valueFen,
          },
        });
        await this.deps.reservations.settle(book.trx, reservation.id, 'committed', fulfilment);
        return undefined;
      },
      'committed',
    );
    if (outcome === 'POINTS_INSUFFICIENT') throw new AppError('POINTS_INSUFFICIENT');
    if (outcome === 'expired')
      throw new AppError('POINTS_RESERVATION_SETTLED', { details: { status: 'expired' } });
    return (await this.deps.reservations.find(id)) as Reservation;
  }

  private async release(id: string, status: 'released'): Promise<Reservation> {
    await this.settle(id, (book, reservation) => this.giveBack(book, reservation, status), status);
    return (await this.deps.reservations.find(id)) as Reservation;
  }

  /** Run `work` on an open reservation under its member's lock; a repeat of `same` is a no-op. */
  private async settle<T>(
    id: string,
    work: (book: MemberBook, reservation: Reservation) => Promise<T>,
    same: Reservation['status'],
  ): Promise<T | undefined> {
    const found = await this.deps.reservations.find(id);
    if (!found) throw new NotFoundError('POINTS_RESERVATION_NOT_FOUND');
    const program = await this.deps.programmes.current();
    return this.deps.book.withMember(found.pseudonym, program, async (book) => {
      const reservation = (await this.deps.reservations.find(id, book.trx)) as Reservation;
      if (reservation.status === same) return undefined;
      if (reservation.status !== 'reserved')
        throw new AppError('POINTS_RESERVATION_SETTLED', {
          details: { status: reservation.status },
        });
      return work(book, reservation);
    });
  }

  private async giveBack(
    book: MemberBook,
    reservation: Reservation,
    status: 'released' | 'expired',
  ): Promise<'expired' | undefined> {
    if (!(await this.deps.reservations.settle(book.trx, reservation.id, status))) return undefined;
    if (reservation.itemId)
      await this.deps.catalogue.returnStock(book.trx, reservation.itemId, reservation.quantity);
    return status === 'expired' ? 'expired' : undefined;
  }

  private async releaseStale(book: MemberBook, now: string): Promise<number> {
    const stale = await this.deps.reservations.openPastExpiry(book.trx, now, book.pseudonym);
    for (const reservation of stale) await this.giveBack(book, reservation, 'expired');
    return stale.length;
  }

  private describe(reservation: Reservation, item: CatalogueItem) {
    return {
      reservationId: reservation.id,
      status: reservation.status,
      itemId: item.id,
      title: item.title,
      kind: item.kind,
      quantity: reservation.quantity,
      points: reservation.points,
      valueFen: reservation.valueFen,
      fulfilment: reservation.fulfilment,
    };
  }
}

function sameRequest(earlier: Reservation, spec: ReservationSpec): Reservation {
  const isSame =
    earlier.kind === spec.kind &&
    earlier.itemId === (spec.item?.id ?? null) &&
    earlier.quantity === spec.quantity &&
    earlier.points === spec.points;
  if (!isSame) throw new AppError('POINTS_SOURCE_CONFLICT');
  return earlier;
}
