// An organisation's own reference rates (the shipped ones are data in src/domain/charges).
import { sql } from 'kysely';
import { normalizeRatePercent, type RateScheme, type ReferenceRate } from '../../domain/charges/reference-rates.ts';
import type { Executor } from '../executor.ts';

export async function orgReferenceRates(db: Executor, orgId: bigint, scheme?: RateScheme): Promise<ReferenceRate[]> {
  let query = db.selectFrom('reference_rates').select(['scheme', 'effective_from', 'rate_percent', 'source']).where('org_id', '=', orgId);
  if (scheme) query = query.where('scheme', '=', scheme);
  const rows = await query.orderBy('scheme').orderBy('effective_from').execute();
  return rows.map((row) => ({ scheme: row.scheme, effectiveFrom: row.effective_from, ratePercent: normalizeRatePercent(row.rate_percent), source: row.source, origin: 'organisation' }));
}

/** Adds a row, or with `replace` changes the row of the same scheme and date; false when it exists and replace is off. */
export async function saveReferenceRate(db: Executor, orgId: bigint, rate: Omit<ReferenceRate, 'origin'>, replace: boolean): Promise<boolean> {
  const { rows } = await sql<{ id: bigint }>`
    insert into reference_rates (org_id, scheme, effective_from, rate_percent, source)
    values (${orgId}, ${rate.scheme}, ${rate.effectiveFrom}::date, ${rate.ratePercent}::numeric, ${rate.source})
    on conflict (org_id, scheme, effective_from) do ${replace ? sql`update set rate_percent = excluded.rate_percent, source = excluded.source` : sql`nothing`}
    returning id`.execute(db);
  return rows.length > 0;
}
