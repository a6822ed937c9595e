import { create } from 'qrcode';

/** One row of a QR code as runs of equal modules, so a row is a handful of views, not dozens. */
export type ModuleRun = { dark: boolean; modules: number };

/**
 * The QR modules of `text` in rows of runs. Level M survives a scratched or dim screen; the
 * 18 digits fit version 1 (21 x 21), which any till scanner reads from a phone.
 */
export function qrRows(text: string): ModuleRun[][] {
  const matrix = create(text, { errorCorrectionLevel: 'M' }).modules;
  const rows: ModuleRun[][] = [];

  for (let row = 0; row < matrix.size; row += 1) {
    const runs: ModuleRun[] = [];
    for (let column = 0; column < matrix.size; column += 1) {
      const dark = matrix.get(row, column) === 1;
      const last = runs[runs.length - 1];
      if (last && last.dark === dark) last.modules += 1;
      else runs.push({ dark, modules: 1 });
    }
    rows.push(runs);
  }

  return rows;
}
