import type { RunningServer } from '../../src/server';
import { chinaDate } from '../../src/suppliers/agreement-state';

const DAY_MS = 24 * 3600_000;

/** A China calendar day relative to today, as agreements are dated. */
export function dayFromToday(days: number): string {
  return chinaDate(new Date(Date.now() + days * DAY_MS));
}

/** The supplier.* audit actions recorded for one supplier code, oldest first. */
export async function auditActions(server: RunningServer, code: string): Promise<string[]> {
  const rows = await server.services.databases
    .vault('audit_log')
    .where('action', 'like', 'supplier.%')
    .orderBy('id');
  return rows
    .filter((row) => JSON.parse(String(row.details)).code === code)
    .map((row) => String(row.action));
}
