import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { DeviceRepository } from './device-repository';
import { signaturesMatch, signDeviceRequest } from '@memberkit/shared/node';

export const DEVICE_KINDS = ['pos', 'parking', 'kiosk', 'service-desk'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export interface SignedRequest {
  deviceId: string;
  timestamp: string;
  nonce: string;
  signature: string;
  method: string;
  pathWithQuery: string;
  body: string | Buffer;
}

const NONCE_PATTERN = /^[0-9a-fA-F]{32,128}$/;
const SECRET_AAD = 'devices.secret';

/** Device identities and their request signatures (S-22239; design.md "Interfaces"). */
export class DeviceService {
  private readonly secrets = new Map<string, string>();

  constructor(
    private readonly repository: DeviceRepository,
    private readonly cipher: VaultCipher,
    private readonly windowSeconds: number,
  ) {}

  /** The secret is returned here once; afterwards it exists only encrypted. */
  async register(name: string, kind: DeviceKind): Promise<{ deviceId: string; secret: string }> {
    const deviceId = `dev_${crypto.randomBytes(10).toString('hex')}`;
    const secret = crypto.randomBytes(32).toString('hex');
    await this.repository.insert({
      id: deviceId,
      name,
      kind,
      secretEnc: await this.cipher.encrypt('device', SECRET_AAD, secret),
    });
    return { deviceId, secret };
  }

  async revoke(deviceId: string): Promise<boolean> {
    this.secrets.delete(deviceId);
    return this.repository.revoke(deviceId);
  }

  /** Check a request in the order that leaks least: device, clock, signature, then nonce. */
  async authenticate(
    request: SignedRequest,
    now = new Date(),
  ): Promise<{ deviceId: string; kind: string }> {
    const device = await this.repository.find(request.deviceId);
    if (!device || device.revokedAt) throw new AppError('DEVICE_UNKNOWN');

    const timestamp = Number(request.timestamp);
    const skew = Math.abs(now.getTime() / 1000 - timestamp);
    if (!/^\d{9,11}$/.test(request.timestamp) || skew > this.windowSeconds)
      throw new AppError('TIMESTAMP_STALE');

    const secret = await this.secretOf(device.id, device.secretEnc);
    const expected = signDeviceRequest(
      secret,
      request.method,
      request.pathWithQuery,
      request.timestamp,
      request.nonce,
      request.body,
    );
    if (!NONCE_PATTERN.test(request.nonce) || !signaturesMatch(expected, request.signature))
      throw new AppError('SIGNATURE_INVALID');

    const expiresAt = new Date((timestamp + this.windowSeconds) * 1000 + 1000);
    const isFresh = await this.repository.rememberNonce(
      device.id,
      request.nonce.toLowerCase(),
      expiresAt,
    );
    if (!isFresh) throw new AppError('NONCE_REPLAYED');
    return { deviceId: device.id, kind: device.kind };
  }

  async pruneNonces(now = new Date()): Promise<number> {
    return this.repository.forgetExpiredNonces(now);
  }

  private async secretOf(deviceId: string, secretEnc: string): Promise<string> {
    let secret = this.secrets.get(deviceId);
    if (!secret) {
      secret = await this.cipher.decrypt(secretEnc, SECRET_AAD);
      this.secrets.set(deviceId, secret);
    }
    return secret;
  }
}
