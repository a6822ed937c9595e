import crypto from 'node:crypto';
import { AppError, NotFoundError, type ParkingTariff } from '@memberkit/shared';
import type { DeviceRepository } from '../devices/device-repository';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { GateDirection, GateRecord, LotRecord, ParkingLotRepository } from './lot-repository';
import { parsePolicy, parseTariff, type LotPolicy } from './parking-policy';
import { TtlCache } from './ttl-cache';

const CACHE_KEY_AAD = 'parking_lots.cache_key';

/**
 * Lots (tariff, policy) and gates are read on every camera push and quote, and change rarely.
 * Each server keeps them this long: a tariff or policy changed through the admin API on one
 * server prices stays on the others by the old one for at most this time (the server that
 * made the change uses the new one at once). Gates are never changed once added.
 */
export const LOT_CACHE_BOUND_MS = 10_000;

// Gate codes go on printed QR stickers: no 0/O or 1/I to misread.
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export interface LotView {
  id: string;
  name: string;
  tariff: ParkingTariff;
  policy: LotPolicy;
}

/** Car parks, their tariffs and policies, and their gates (staff set these up). */
export class ParkingLotService {
  private readonly lotCache: TtlCache<string, LotRecord>;
  private readonly gateCache: TtlCache<string, GateRecord>;
  // A lot's plate-hash key is made with the lot and never replaced (rotate-keys re-encrypts
  // the same key), so every server may keep it for good.
  private readonly cacheKeys = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly repository: ParkingLotRepository,
    private readonly devices: DeviceRepository,
    private readonly cipher: VaultCipher,
    clock: () => number = Date.now,
  ) {
    this.lotCache = new TtlCache(LOT_CACHE_BOUND_MS, clock);
    this.gateCache = new TtlCache(LOT_CACHE_BOUND_MS, clock);
  }

  async createLot(input: { name: string; tariff: unknown; policy?: unknown }): Promise<LotView> {
    const lot: LotRecord = {
      id: `lot_${crypto.randomBytes(8).toString('hex')}`,
      name: input.name,
      tariff: parseTariff(input.tariff),
      policy: parsePolicy(input.policy),
      cacheKeyEnc: await this.cipher.encrypt(
        'device',
        CACHE_KEY_AAD,
        crypto.randomBytes(32).toString('base64'),
      ),
    };
    await this.repository.insertLot(lot);
    return viewOf(lot);
  }

  async listLots(): Promise<LotView[]> {
    return (await this.repository.listLots()).map(viewOf);
  }

  async updateLot(
    id: string,
    changes: { tariff?: unknown; policy?: Record<string, unknown> },
  ): Promise<LotView> {
    const current = await this.repository.findLot(id);
    if (!current) throw new NotFoundError('PARKING_LOT_NOT_FOUND');
    const tariff = changes.tariff === undefined ? undefined : parseTariff(changes.tariff);
    const policy =
      changes.policy === undefined
        ? undefined
        : parsePolicy({ ...current.policy, ...changes.policy });
    if (!(await this.repository.updateLot(id, { tariff, policy })))
      throw new NotFoundError('PARKING_LOT_NOT_FOUND');
    this.lotCache.forget(id);
    return viewOf(await this.lot(id));
  }

  async addGate(
    lotId: string,
    input: { name: string; direction: GateDirection; cameraSerial: string; deviceId: string },
  ): Promise<GateRecord> {
    await this.lot(lotId);
    await this.checkGateDevice(input.deviceId);
    const gate = {
      id: `gate_${crypto.randomBytes(8).toString('hex')}`,
      lotId,
      ...input,
      code: randomCode(6),
    };
    await this.repository.insertGate(gate);
    return { ...gate, unreadAt: null };
  }

  /**
   * The adapter named in a new gate must be an active parking device. This is staff input, so
   * a 400 naming the field, not the 401 DEVICE_UNKNOWN a device's own signed request gets.
   */
  private async checkGateDevice(deviceId: string): Promise<void> {
    const device = await this.devices.find(deviceId);
    const reason = !device
      ? 'unknown'
      : device.revokedAt
        ? 'revoked'
        : device.kind !== 'parking'
          ? 'not-parking'
          : undefined;
    if (reason)
      throw new AppError('PARKING_GATE_DEVICE_INVALID', { details: { field: 'deviceId', reason } });
  }

  async gatesOfLot(lotId: string): Promise<GateRecord[]> {
    return this.repository.gatesOfLot(lotId);
  }

  async lot(id: string): Promise<LotRecord> {
    const lot = await this.lotCache.get(id, () => this.repository.findLot(id));
    if (!lot) throw new NotFoundError('PARKING_LOT_NOT_FOUND');
    return lot;
  }

  /** The gate a camera serves, only for the adapter the gate is registered to. */
  async gateOfDevice(cameraSerial: string, deviceId: string): Promise<GateRecord> {
    const gate = await this.gateCache.get(cameraSerial, () =>
      this.repository.findGateBySerial(cameraSerial),
    );
    if (!gate || gate.deviceId !== deviceId) throw new NotFoundError('PARKING_GATE_NOT_FOUND');
    return gate;
  }

  async gateByCode(code: string, direction: GateDirection): Promise<GateRecord> {
    const gate = await this.repository.findGateByCode(code.trim().toUpperCase());
    if (!gate || gate.direction !== direction) throw new NotFoundError('PARKING_GATE_NOT_FOUND');
    return gate;
  }

  async gate(id: string): Promise<GateRecord> {
    const gate = await this.repository.findGate(id);
    if (!gate) throw new NotFoundError('PARKING_GATE_NOT_FOUND');
    return gate;
  }

  gatesOfDevice(deviceId: string): Promise<GateRecord[]> {
    return this.repository.gatesOfDevice(deviceId);
  }

  markUnread(gateId: string, at: Date): Promise<void> {
    return this.repository.markUnread(gateId, at);
  }

  takeUnread(gateId: string, since: Date): Promise<boolean> {
    return this.repository.takeUnread(gateId, since);
  }

  /** The lot's key for the keyed plate hashes of the offline rules. */
  cacheKey(lot: LotRecord): Promise<Buffer> {
    let pending = this.cacheKeys.get(lot.id);
    if (!pending) {
      pending = this.cipher
        .decrypt(lot.cacheKeyEnc, CACHE_KEY_AAD)
        .then((text) => Buffer.from(text, 'base64'));
      pending.catch(() => this.cacheKeys.delete(lot.id));
      this.cacheKeys.set(lot.id, pending);
    }
    return pending;
  }
}

function viewOf(lot: LotRecord): LotView {
  return { id: lot.id, name: lot.name, tariff: lot.tariff, policy: lot.policy };
}

function randomCode(length: number): string {
  return Array.from({ length }, () => CODE_ALPHABET[crypto.randomInt(CODE_ALPHABET.length)]).join(
    '',
  );
}
