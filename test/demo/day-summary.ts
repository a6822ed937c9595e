import { callJson, expectStatus } from './demo-http';
import type { MallDayInput } from './mall-day';
import type { SignedUpShopper } from './shopper-journeys';
import type { TillResult } from './till-and-gates';

export interface ParkingTally {
  sessions: number;
  paidFen: number;
  pointsOffsetFen: number;
}

export interface DaySummary {
  members: number;
  consents: Record<string, { given: number; refused: number; withdrawn: number }>;
  sales: { linked: number; notLinked: number; declined: number };
  points: { issued: number; spent: number };
  parking: ParkingTally;
  audit: { ok: boolean; line: string };
}

/** What the day left behind, read back through the members' own API and the audit CLI. */
export async function summariseDay(
  input: MallDayInput,
  shoppers: SignedUpShopper[],
  sales: TillResult[],
  parking: ParkingTally,
): Promise<DaySummary> {
  const consents: DaySummary['consents'] = {};
  const points = { issued: 0, spent: 0 };
  for (const shopper of shoppers) {
    for (const state of await consentStates(input, shopper)) {
      const tally = (consents[state.purpose] ??= { given: 0, refused: 0, withdrawn: 0 });
      if (state.status === 'granted') tally.given += 1;
      else if (state.status === 'withdrawn') tally.withdrawn += 1;
      else tally.refused += 1;
    }
    for (const entry of await pointsHistory(input, shopper)) {
      if (entry.points > 0) points.issued += entry.points;
      else points.spent -= entry.points;
    }
  }
  const paid = sales.filter((sale) => sale.status === 'paid');
  return {
    members: shoppers.length,
    consents,
    sales: {
      linked: paid.filter((sale) => sale.linked).length,
      notLinked: paid.filter((sale) => !sale.linked).length,
      declined: sales.length - paid.length,
    },
    points,
    parking,
    audit: await input.auditVerify(),
  };
}

async function consentStates(input: MallDayInput, shopper: SignedUpShopper) {
  const answer = expectStatus(
    await callJson(`${input.stack.api}/v1/me/consents`, { token: shopper.token }),
    200,
    'consents',
  );
  return answer.body.purposes as Array<{ purpose: string; status: string }>;
}

async function pointsHistory(input: MallDayInput, shopper: SignedUpShopper) {
  const answer = expectStatus(
    await callJson(`${input.stack.api}/v1/me/points/history`, { token: shopper.token }),
    200,
    'points history',
  );
  return answer.body.entries as Array<{ points: number }>;
}

/**
 * The summary for a terminal: counts only, never a personal value. Every figure is this run's
 * own (its shoppers, sales and cars), so a second run on the same stack is described alone.
 */
export function formatSummary(summary: DaySummary): string[] {
  const lines = [
    '',
    "A day at the mall: this run's summary (earlier runs and other activity not counted)",
    `  members signed up:   ${summary.members}`,
  ];
  lines.push('  consents by purpose (given / refused / withdrawn):');
  for (const [purpose, tally] of Object.entries(summary.consents).sort())
    lines.push(`    ${purpose.padEnd(22)} ${tally.given} / ${tally.refused} / ${tally.withdrawn}`);
  const { sales, points, parking } = summary;
  lines.push(
    `  sales linked:        ${sales.linked}, not linked: ${sales.notLinked}, declined: ${sales.declined}`,
  );
  lines.push(`  points issued:       ${points.issued}, spent: ${points.spent}`);
  lines.push(
    `  parking sessions:    ${parking.sessions}, paid ${(parking.paidFen / 100).toFixed(2)} yuan ` +
      `+ ${(parking.pointsOffsetFen / 100).toFixed(2)} yuan in points`,
  );
  lines.push(`  memberkit audit verify: ${summary.audit.line}`);
  return lines;
}
