import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '@memberkit/shared';
import type { Logger } from '../logger';

/**
 * Master keys by version. They wrap the data keys stored in the vault database and derive the
 * blind-index and audit keys, so none of those ever sits in a database (design.md, "Keys").
 * Format of the file or of MASTER_KEYS: { "current": 2, "keys": { "1": "<base64 32 bytes>", ... } }.
 */
const MasterKeyFileSchema = z.object({
  current: z.number().int().min(1),
  keys: z.record(z.string().regex(/^\d+$/), z.string().min(40)),
});

export interface MasterKeys {
  current: number;
  keys: ReadonlyMap<number, Buffer>;
  /**
   * Re-read a key file whose contents changed (a rotation run while servers are up): a running
   * server then decrypts new versions, writes under the new current one and finds blind indexes
   * of either. Returns true when something new was loaded. Keys from the environment never change.
   */
  refresh?(): boolean;
}

/**
 * Keys read from a file, re-read when its modification time moves. Checked on every use (one
 * stat call): a lookup that missed a rotated blind index would let a shopper sign up twice.
 */
function fileBackedKeys(file: string): MasterKeys {
  const loaded = parseMasterKeys(fs.readFileSync(file, 'utf8'));
  const keys = new Map(loaded.keys);
  let seenMtime = fs.statSync(file).mtimeMs;
  const state: MasterKeys = {
    current: loaded.current,
    keys,
    refresh() {
      const mtime = fs.existsSync(file) ? fs.statSync(file).mtimeMs : seenMtime;
      if (mtime === seenMtime) return false;
      const next = parseMasterKeys(fs.readFileSync(file, 'utf8'));
      seenMtime = mtime;
      for (const [version, key] of next.keys) keys.set(version, key);
      state.current = next.current;
      return true;
    },
  };
  return state;
}

export interface MasterKeySource {
  env: 'development' | 'test' | 'production';
  masterKeys?: string;
  masterKeysFile: string;
}

export function loadMasterKeys(source: MasterKeySource, log?: Logger): MasterKeys {
  if (source.masterKeys) return parseMasterKeys(source.masterKeys);

  if (fs.existsSync(source.masterKeysFile)) return fileBackedKeys(source.masterKeysFile);

  if (source.env === 'production') {
    throw new AppError('MASTER_KEY_MISSING', {
      message: 'No master key: set MASTER_KEYS or MASTER_KEYS_FILE; production never generates one',
    });
  }

  log?.warn({ file: source.masterKeysFile }, 'no master key found: generated a development key');
  const generated = { current: 1, keys: { '1': crypto.randomBytes(32).toString('base64') } };
  writeKeyFile(source.masterKeysFile, generated);
  return fileBackedKeys(source.masterKeysFile);
}

/** Add a new version to a key file and make it current; used by `memberkit rotate-keys --generate`. */
export function addMasterKeyVersion(file: string): number {
  const parsed = MasterKeyFileSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const next = Math.max(...Object.keys(parsed.keys).map(Number)) + 1;
  parsed.keys[String(next)] = crypto.randomBytes(32).toString('base64');
  parsed.current = next;
  writeKeyFile(file, parsed);
  return next;
}

function parseMasterKeys(text: string): MasterKeys {
  const result = MasterKeyFileSchema.safeParse(safeJson(text));
  if (!result.success) {
    throw new AppError('CONFIG_INVALID', { message: 'The master key material is malformed' });
  }

  const keys = new Map<number, Buffer>();
  for (const [version, encoded] of Object.entries(result.data.keys)) {
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32) {
      throw new AppError('CONFIG_INVALID', {
        message: `Master key version ${version} is not 32 bytes`,
      });
    }
    keys.set(Number(version), key);
  }

  if (!keys.has(result.data.current))
    throw new AppError('KEY_VERSION_MISSING', { details: { version: result.data.current } });
  return { current: result.data.current, keys };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function writeKeyFile(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(content, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, file);
}

/** A purpose-bound key derived from a master key version (HKDF-SHA256). */
export function deriveKey(masterKeys: MasterKeys, version: number, purpose: string): Buffer {
  if (!masterKeys.keys.has(version)) masterKeys.refresh?.();
  const master = masterKeys.keys.get(version);
  if (!master) throw new AppError('KEY_VERSION_MISSING', { details: { version } });
  return Buffer.from(
    crypto.hkdfSync('sha256', master, Buffer.alloc(0), `memberkit:${purpose}`, 32),
  );
}
