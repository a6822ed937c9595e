import { z } from 'zod';
import { encodeLedText, type LedEncoding } from './led-text';

/**
 * The plate camera's HTTP push (../shared/protocols/lpr-camera-push.md, AlarmInfoPlate).
 * Cameras add fields of their own, so objects are read loosely; only what is used is checked.
 */
const PlateResultSchema = z.looseObject({
  license: z.string().max(32),
  confidence: z.coerce.number().optional(),
  plateid: z.coerce.number().int().min(0),
  isoffline: z.coerce.number().int().optional(),
  // Read loosely: a garbage or missing time must not refuse the push (see cameraSecOf).
  timeStamp: z.unknown().optional(),
});

// What cameras send when they saw a car but read no plate: "_无_" (lpr-camera-push.md), and
// the variants some firmware uses; the server reads the same set as "no plate".
const NO_PLATE_READS = new Set(['', '_无_', '无', '无牌', '无牌车']);

const PushSchema = z.looseObject({
  AlarmInfoPlate: z.looseObject({
    serialno: z.string().min(1).max(48),
    result: z.looseObject({ PlateResult: PlateResultSchema }),
  }),
});

/** One recognised plate (or "_无_"), without the images: they are never kept (U-6.2). */
export interface PlatePush {
  serial: string;
  recordId: number;
  /**
   * `Timeval.sec`, the camera's Unix time: authoritative when plausible (camera-clock.ts).
   * Null when it is no time at all (missing, not a number, negative, beyond any date).
   */
  cameraSec: number | null;
  /** The read as sent; null when the camera read no plate ("_无_"). */
  plate: string | null;
  confidence?: number;
  /** A record the camera cached while it could not reach us (isoffline: 1). */
  cachedByCamera: boolean;
}

export function isPlatePush(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'AlarmInfoPlate' in body;
}

/** Undefined when the body is not a usable plate push. */
export function readPlatePush(body: unknown): PlatePush | undefined {
  const parsed = PushSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const info = parsed.data.AlarmInfoPlate;
  const result = info.result.PlateResult;
  const license = result.license.trim();
  return {
    serial: info.serialno,
    recordId: result.plateid,
    cameraSec: cameraSecOf(result.timeStamp),
    plate: NO_PLATE_READS.has(license) ? null : license,
    confidence: clampConfidence(result.confidence),
    cachedByCamera: result.isoffline === 1,
  };
}

/**
 * The comet poll (heartbeat): a form with device name, address and serial number; some
 * firmware sends it as JSON. Undefined when there is no serial number.
 */
export function readHeartbeat(text: string, contentType: string): string | undefined {
  if (contentType.includes('json')) {
    try {
      const value = JSON.parse(text) as Record<string, unknown>;
      const serial = value.serialno ?? (value.heartbeat as Record<string, unknown>)?.serialno;
      return typeof serial === 'string' && serial.length > 0 ? serial : undefined;
    } catch {
      return undefined;
    }
  }
  return new URLSearchParams(text).get('serialno') ?? undefined;
}

export interface GateDisplay {
  open: boolean;
  display: string[];
  voice: string;
}

export interface ReplyOptions {
  serialChannel: number;
  encoding: LedEncoding;
  openPulse: boolean;
}

/** The reply to a live push: "ok" opens, anything else keeps the barrier closed. */
export function plateReply(recordId: number, shown: GateDisplay, options: ReplyOptions) {
  const led = encodeLedText(shown.display.join('\n'), options.encoding);
  const response: Record<string, unknown> = {
    info: shown.open ? 'ok' : 'no',
    plateid: recordId,
  };
  if (shown.display.length > 0)
    response.serialData = [
      { serialChannel: options.serialChannel, data: led.toString('base64'), dataLen: led.length },
    ];
  if (shown.voice)
    response.playserver_json_request = {
      type: 'ps_voice_play',
      voice: Buffer.from(shown.voice, 'utf8').toString('base64'),
    };
  if (shown.open && options.openPulse) response.ivs_ioctrl = { io: 0, value: 2, delay: 500 };
  return { Response_AlarmInfoPlate: response };
}

/** The reply to a cached record: never opens (the car is long gone); asks for the next one. */
export function continueOfflineReply(recordId: number) {
  return { Response_AlarmInfoPlate: { ContinuePushOffline: { plateid: recordId, continue: 1 } } };
}

/** The reply to a comet poll: open once, read again, or nothing to do. */
export function cometReply(instruction: 'open' | 'trigger' | undefined) {
  if (instruction === 'open') return { Response_AlarmInfoPlate: { info: 'ok' } };
  if (instruction === 'trigger') return { Response_AlarmInfoPlate: { manualTrigger: 'ok' } };
  return { Response_AlarmInfoPlate: { info: 'no' } };
}

/** A push we cannot read: keep the barrier closed, and say nothing. */
export function unreadableReply() {
  return { Response_AlarmInfoPlate: { info: 'no' } };
}

/**
 * A camera with a broken clock still sees cars: its push is decided at the adapter's receive
 * time (camera-clock.ts), so an unusable time is read as null here rather than refusing the
 * push, which would keep the barrier shut for every car. Firmware may send the number as a
 * string; a fraction of a second is dropped.
 */
function cameraSecOf(timeStamp: unknown): number | null {
  const raw = (timeStamp as { Timeval?: { sec?: unknown } } | null | undefined)?.Timeval?.sec;
  if (typeof raw !== 'number' && (typeof raw !== 'string' || raw.trim() === '')) return null;
  const sec = Math.floor(Number(raw));
  return Number.isSafeInteger(sec) && sec >= 0 ? sec : null;
}

function clampConfidence(value: number | undefined): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined;
  return Math.min(100, Math.max(0, Math.round(value)));
}
