import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { ScanLineSplitter, type ScannedLine } from './scan-line-splitter';

export interface ScanSource {
  /** Resolves when the input ends (stdin closed, device gone). */
  ended: Promise<void>;
  close(): void;
}

/**
 * Read the scan gun from a stream: stdin (a keyboard wedge typing into this terminal, or a
 * pipe), or a serial/TTY device path opened as a file (a scan gun in USB-COM mode). The
 * device's line settings (baud rate) are the operating system's: set them with `stty`.
 */
export function readScans(
  input: Readable,
  maxLength: number,
  onLine: (line: ScannedLine) => void,
): ScanSource {
  const splitter = new ScanLineSplitter(maxLength);
  const ended = new Promise<void>((resolve) => {
    input.on('data', (chunk: Buffer | string) => splitter.push(chunk).forEach(onLine));
    input.once('end', () => {
      splitter.end().forEach(onLine);
      resolve();
    });
    input.once('close', () => resolve());
    input.once('error', () => resolve());
  });
  return { ended, close: () => input.destroy() };
}

/** `-` or no path: stdin; otherwise the device or file at that path. */
export function openScanInput(devicePath: string | undefined): Readable {
  if (!devicePath || devicePath === '-') return process.stdin;
  return fs.createReadStream(devicePath);
}
