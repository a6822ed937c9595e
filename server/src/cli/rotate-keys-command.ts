import { MultiBar, Presets } from 'cli-progress';
import type { Services } from '../container';
import { rotateKeys, type RotationReport } from '../platform/crypto/key-rotation';

/** Run a key rotation with one progress bar per column, then print counts per column. */
export async function runKeyRotation(
  services: Services,
  interactive: boolean,
): Promise<RotationReport> {
  const bars = new MultiBar(
    {
      clearOnComplete: false,
      hideCursor: true,
      format: '{bar} {value}/{total} {column}',
      noTTYOutput: true,
      notTTYSchedule: 2000,
    },
    Presets.shades_classic,
  );
  const byColumn = new Map<string, ReturnType<MultiBar['create']>>();
  const report = await rotateKeys(services.databases, services.cipher, {
    onColumnStart(label, total) {
      if (interactive && total > 0) byColumn.set(label, bars.create(total, 0, { column: label }));
    },
    onBatch(label, done) {
      byColumn.get(label)?.update(done);
    },
    onColumnEnd(label, rewritten) {
      byColumn.get(label)?.update(rewritten);
    },
  });
  bars.stop();
  await services.audit.resealCheckpoint();
  return report;
}
