import crypto from 'node:crypto';
import { AppError, NotFoundError, type ParkingTariff } from '@memberkit/shared';
import type { DeviceRepository } from '../devices/device-repository';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { GateDirection, GateRecord, LotRecord, ParkingLotRepository } from './lot-repository';
import { parsePolicy, parseTariff, type LotPolicy } from './parking-policy';

const CACHE_KEY_AAD = 'parking_lots.cache_key';

// Gates and lots change rarely; every server re-reads them this often (several servers may
// run behind a load balancer, so a change reaches them all within this time).
const CACHE_MILLISECONDS = 10_000;

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
  private readonly lotCache = new Map<string, { lot: LotRecord; until: number }>();
  private readonly gateCache = new Map<string, { gate: GateRecord; until: number }>();
  private readonly cacheKeys = new Map<string, Promise<Buffer>>();

  constructor(
    private readonly repository: ParkingLotRepository,
    private readonly devices: DeviceRepository,
    private readonly cipher: VaultCipher,
  ) {}

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
    this.lotCache.delete(id);
    return viewOf(await this.lot(id));
  }

  async addGate(
    lotId: string,
    input: { name: string; direction: GateDirection; cameraSerial: string; deviceId: string },
  ): Promise<GateRecord> {
    await this.lot(lotId);
    const device = await this.devices.find(input.deviceId);
    if (!device || device.revokedAt || device.kind !== 'parking')
      throw new AppError('DEVICE_UNKNOWN', { details: { deviceId: input.deviceId } });
    const gate = {
      id: `gate_${crypto.randomBytes(8).toString('hex')}`,
      lotId,
      ...input,
      code: randomCode(6),
    };
    await this.repository.insertGate(gate);
    return { ...gate, unreadAt: null };
  }

  async gatesOfLot(lotId: string): Promise<GateRecord[]> {
    return this.repository.gatesOfLot(lotId);
  }

  async lot(id: string): Promise<LotRecord> {
    const cached = this.lotCache.get(id);
    if (cached && cached.until > Date.now()) return cached.lot;
    const lot = await this.repository.findLot(id);
    if (!lot) throw new NotFoundError('PARKING_LOT_NOT_FOUND');
    this.lotCache.set(id, { lot, until: Date.now() + CACHE_MILLISECONDS });
    return lot;
  }

  /** The gate a camera serves, only for the adapter the gate is registered to. */
  async gateOfDevice(cameraSerial: string, deviceId: string): Promise<GateRecord> {
    const cached = this.gateCache.get(cameraSerial);
    const gate =
      cached && cached.until > Date.now()
        ? cached.gate
        : await this.repository.findGateBySerial(cameraSerial);
    if (!gate || gate.deviceId !== deviceId) throw new NotFoundError('PARKING_GATE_NOT_FOUND');
    if (!cached) this.gateCache.set(cameraSerial, { gate, until: Date.now() + CACHE_MILLISECONDS });
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
