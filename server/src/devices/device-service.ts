import crypto from 'node:crypto';
import { AppError } from '@memberkit/shared';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { DeviceRepository } from './device-repository';
import { signaturesMatch, signDeviceRequest } from '@memberkit/shared/node';

// 'online-channel': the retailer's own web shop or app reporting shopping events (C-4.2.1.5).
export const DEVICE_KINDS = ['pos', 'parking', 'kiosk', 'service-desk', 'online-channel'] as const;
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
// Unix seconds: up to 11 digits lasts past the year 5000; a 13-digit value is milliseconds.
const TIMESTAMP_PATTERN = /^\d{1,11}$/;
// Exported for the development demo set-up, which reads back its own devices' secrets.
export const SECRET_AAD = 'devices.secret';

// Staff read device names in lists and logs: a bounded length (the column holds 100) and no
// control characters or bidirectional overrides, which would make one name display as another.
const DEVICE_NAME_MAX = 64;
const DEVICE_NAME_PRINTABLE = /^[^\p{Cc}\u202A-\u202E\u2066-\u2069]+$/u;

/** A device name as staff typed it, trimmed; DEVICE_NAME_INVALID when it cannot be shown. */
export function checkDeviceName(name: string): string {
  const trimmed = name.trim();
  const length = [...trimmed].length;
  if (length < 1 || length > DEVICE_NAME_MAX || !DEVICE_NAME_PRINTABLE.test(trimmed))
    throw new AppError('DEVICE_NAME_INVALID', { details: { field: 'name', max: DEVICE_NAME_MAX } });
  return trimmed;
}

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
    const checkedName = checkDeviceName(name);
    const deviceId = `dev_${crypto.randomBytes(10).toString('hex')}`;
    const secret = crypto.randomBytes(32).toString('hex');
    await this.repository.insert({
      id: deviceId,
      name: checkedName,
      kind,
      secretEnc: await this.cipher.encrypt('device', SECRET_AAD, secret),
    });
    return { deviceId, secret };
  }

  async revoke(deviceId: string): Promise<boolean> {
    this.secrets.delete(deviceId);
    return this.repository.revoke(deviceId);
  }

  /** Check a request in the order that leaks least: device, clock, nonce, signature, replay. */
  async authenticate(
    request: SignedRequest,
    now = new Date(),
  ): Promise<{ deviceId: string; kind: string }> {
    const device = await this.repository.find(request.deviceId);
    if (!device || device.revokedAt) throw new AppError('DEVICE_UNKNOWN');

    // A malformed header is a client bug, told as such; TIMESTAMP_STALE is kept for a clock
    // outside the window (design.md "Interfaces"). Milliseconds are caught here by their length.
    if (!TIMESTAMP_PATTERN.test(request.timestamp))
      throw new AppError('TIMESTAMP_INVALID', {
        details: { header: 'X-Timestamp', expected: 'Unix seconds, digits only' },
      });

    const timestamp = Number(request.timestamp);
    if (Math.abs(now.getTime() / 1000 - timestamp) > this.windowSeconds)
      throw new AppError('TIMESTAMP_STALE');

    // design.md: at least 16 random bytes as hex. The rule is public, so naming it leaks nothing.
    if (!NONCE_PATTERN.test(request.nonce))
      throw new AppError('NONCE_INVALID', {
        details: { header: 'X-Nonce', pattern: 'hex{32,128}' },
      });

    const secret = await this.secretOf(device.id, device.secretEnc);
    const expected = signDeviceRequest(
      secret,
      request.method,
      request.pathWithQuery,
      request.timestamp,
      request.nonce,
      request.body,
    );
    if (!signaturesMatch(expected, request.signature)) throw new AppError('SIGNATURE_INVALID');

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
