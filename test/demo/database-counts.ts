import type { Knex } from 'knex';
import type { DaySummary } from './day-summary';

/**
 * The day counted straight from the database with its own SQL, not through the demo's code or
 * the product's services, so a summary that drifts from what is stored is caught.
 */
export async function countDayInDatabase(
  core: Knex,
): Promise<Omit<DaySummary, 'audit' | 'consents'> & { consents: DaySummary['consents'] }> {
  const todays = core('members').select('pseudonym').whereNot('joined_via', 'demo-seed');
  const members = await core('members').whereNot('joined_via', 'demo-seed').count({ n: '*' });

  const consentRows: Array<{ purpose: string; status: string; n: number | string }> = await core(
    'consents',
  )
    .select('purpose', 'status')
    .count({ n: '*' })
    .whereIn('pseudonym', todays)
    .groupBy('purpose', 'status');
  const consents: DaySummary['consents'] = {};
  for (const row of consentRows) {
    const tally = (consents[row.purpose] ??= { given: 0, refused: 0, withdrawn: 0 });
    const key = row.status === 'granted' ? 'given' : (row.status as 'refused' | 'withdrawn');
    tally[key] += Number(row.n);
  }

  const sales = await core('checkout_transactions')
    .select(
      core.raw(
        "SUM(CASE WHEN status = 'paid' AND pseudonym IS NOT NULL THEN 1 ELSE 0 END) AS linked",
      ),
      core.raw(
        "SUM(CASE WHEN status = 'paid' AND pseudonym IS NULL THEN 1 ELSE 0 END) AS not_linked",
      ),
      core.raw("SUM(CASE WHEN status <> 'paid' THEN 1 ELSE 0 END) AS declined"),
    )
    .first();
  const points = await core('points_ledger')
    .whereIn('pseudonym', todays)
    .select(
      core.raw('SUM(CASE WHEN points > 0 THEN points ELSE 0 END) AS issued'),
      core.raw('SUM(CASE WHEN points < 0 THEN -points ELSE 0 END) AS spent'),
    )
    .first();
  const sessions = await core('parking_sessions').count({ n: '*' });
  const orders = await core('parking_orders')
    .where({ status: 'paid' })
    .select(
      core.raw('COALESCE(SUM(amount_fen), 0) AS paid'),
      core.raw('COALESCE(SUM(points_offset_fen), 0) AS points_offset'),
    )
    .first();

  return {
    members: Number(members[0]?.n),
    consents,
    sales: {
      linked: Number(sales.linked),
      notLinked: Number(sales.not_linked),
      declined: Number(sales.declined ?? 0),
    },
    points: { issued: Number(points.issued ?? 0), spent: Number(points.spent ?? 0) },
    parking: {
      sessions: Number(sessions[0]?.n),
      paidFen: Number(orders.paid),
      pointsOffsetFen: Number(orders.points_offset),
    },
  };
}

export type DatabaseCounts = Awaited<ReturnType<typeof countDayInDatabase>>;

/** What one run added: the counts after it less the counts before it. */
export function countsAdded(after: DatabaseCounts, before: DatabaseCounts): DatabaseCounts {
  const consents: DaySummary['consents'] = {};
  for (const [purpose, tally] of Object.entries(after.consents)) {
    const earlier = before.consents[purpose] ?? { given: 0, refused: 0, withdrawn: 0 };
    consents[purpose] = {
      given: tally.given - earlier.given,
      refused: tally.refused - earlier.refused,
      withdrawn: tally.withdrawn - earlier.withdrawn,
    };
  }
  return {
    members: after.members - before.members,
    consents,
    sales: {
      linked: after.sales.linked - before.sales.linked,
      notLinked: after.sales.notLinked - before.sales.notLinked,
      declined: after.sales.declined - before.sales.declined,
    },
    points: {
      issued: after.points.issued - before.points.issued,
      spent: after.points.spent - before.points.spent,
    },
    parking: {
      sessions: after.parking.sessions - before.parking.sessions,
      paidFen: after.parking.paidFen - before.parking.paidFen,
      pointsOffsetFen: after.parking.pointsOffsetFen - before.parking.pointsOffsetFen,
    },
  };
}
