import crypto from 'node:crypto';
import { isAppError, parsePlate } from '@memberkit/shared';

/** The server's offline rules (GET /v1/parking/offline-rules): keyed hashes, no plates. */
export interface OfflineRules {
  generatedAt: string;
  lots: Array<{
    lotId: string;
    hashKey: string;
    unknownEntry: 'open' | 'closed';
    gates: Array<{ cameraSerial: string; direction: 'entry' | 'exit' }>;
    passes: Array<{ plateHash: string; validUntil: string }>;
    paid: Array<{ plateHash: string; graceUntil: string }>;
  }>;
}

/** A decision in the server's shape: the lines after the plate line, and the voice text. */
export interface Decision {
  open: boolean;
  reason: string;
  display: string[];
  voice: string;
}

// The texts the adapter uses when it decides alone; the server's are the same in spirit.
const TEXTS: Record<string, { display: string[]; voice: string }> = {
  entry: { display: ['欢迎光临'], voice: '欢迎光临' },
  'entry-pass': { display: ['月卡车', '欢迎光临'], voice: '月卡车，欢迎光临' },
  'entry-closed': { display: ['请联系工作人员'], voice: '请联系工作人员' },
  'no-plate-entry': { display: ['无牌车', '请扫码入场'], voice: '无牌车请扫码入场' },
  'no-plate-exit': { display: ['无牌车', '请扫码缴费出场'], voice: '无牌车请扫码缴费出场' },
  // A plate was read but is not a valid one (a misread): not a car without plates.
  unreadable: { display: ['车牌识别失败', '请稍候'], voice: '车牌识别失败，请稍候' },
  pass: { display: ['月卡车', '一路顺风'], voice: '月卡车，一路顺风' },
  paid: { display: ['已缴费', '一路顺风'], voice: '一路顺风' },
  'pay-qr': { display: ['请扫码缴费'], voice: '请扫码缴费' },
  'unknown-camera': { display: ['系统维护中', '请联系工作人员'], voice: '请联系工作人员' },
};

/**
 * Decide alone (issue #7) from the cached rules: a member's bound plate with an active pass
 * and a stay paid and still within its grace get out; any other car gets in (the lot's policy
 * for unknown cars) and, at the exit, is shown the pay QR. The camera's time is authoritative.
 */
export class OfflineDecisions {
  private rules: OfflineRules | undefined;
  private readonly keys = new Map<string, Buffer>();

  use(rules: OfflineRules | undefined): void {
    this.rules = rules;
    this.keys.clear();
  }

  hasRules(): boolean {
    return this.rules !== undefined;
  }

  decide(serial: string, plateRead: string | null, cameraSec: number): Decision {
    const lot = this.rules?.lots.find((candidate) =>
      candidate.gates.some((gate) => gate.cameraSerial === serial),
    );
    const gate = lot?.gates.find((candidate) => candidate.cameraSerial === serial);
    if (!lot || !gate) return decision(false, 'unknown-camera');

    // lpr-camera-push.md: "_无_" (null here) is a car without plates; any other read that is
    // not a plate is a misread, which must not send the driver to the no-plate QR code.
    if (plateRead === null)
      return decision(false, gate.direction === 'entry' ? 'no-plate-entry' : 'no-plate-exit');
    const plate = normalised(plateRead);
    if (!plate) return decision(false, 'unreadable');

    const hash = this.hashOf(lot.lotId, lot.hashKey, plate);
    const at = cameraSec * 1000;
    const hasPass = lot.passes.some(
      (pass) => pass.plateHash === hash && Date.parse(pass.validUntil) > at,
    );
    if (gate.direction === 'entry') {
      if (hasPass) return decision(true, 'entry-pass');
      return lot.unknownEntry === 'open'
        ? decision(true, 'entry')
        : decision(false, 'entry-closed');
    }

    if (hasPass) return decision(true, 'pass');
    const paid = lot.paid.some(
      (stay) => stay.plateHash === hash && Date.parse(stay.graceUntil) >= at,
    );
    return paid ? decision(true, 'paid') : decision(false, 'pay-qr');
  }

  private hashOf(lotId: string, hashKey: string, plate: string): string {
    let key = this.keys.get(lotId);
    if (!key) {
      key = Buffer.from(hashKey, 'base64');
      this.keys.set(lotId, key);
    }
    // The same keyed hash as the server's offlinePlateHash.
    return crypto.createHmac('sha256', key).update(plate, 'utf8').digest('base64url');
  }
}

/** The read normalised as the server does (parsePlate), or null when it is not a plate. */
export function normalised(plateRead: string | null): string | null {
  if (!plateRead) return null;
  try {
    return parsePlate(plateRead).plate;
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

function decision(open: boolean, reason: string): Decision {
  return { open, reason, ...TEXTS[reason] };
}
