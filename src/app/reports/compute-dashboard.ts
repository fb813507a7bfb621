// The owner's morning glance (the web app's Today screen): what is owed and overdue per currency
// with its aging (the aging report's own totals, added up in SQL without the customers' rows, so
// the two always agree), DSO and CEI month by
// month over the last 12 months (compute-kpis' figures, the twelve months from one read of the
// ledger), cash promised in the next 30 days, and the day's work counted from the worklist itself.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import type { AgingAmounts } from '../../domain/aging.ts';
import { addDays, firstDayMonthsAfter, type IsoDate } from '../../domain/calendar.ts';
import { agingTotals } from '../../db/queries/aging.ts';
import { buildWorklist, countWorklist, type WorklistKind } from '../tasks/build-worklist.ts';
import { computeKpisOverPeriods } from './compute-kpis.ts';

export const trendMonths = 12;
export const promisedDays = 30;

export interface Dashboard {
  today: IsoDate;
  currencies: Array<{ currency: string; owed: bigint; overdue: bigint; aging: AgingAmounts; promisedNext30Days: bigint }>;
  trend: Array<{ month: string; from: IsoDate; to: IsoDate; currencies: Array<{ currency: string; dsoDays: number; ceiPercent: number | null }> }>;
  work: Record<WorklistKind, number>;
}

export async function computeDashboard(db: Executor, org: Pick<Org, 'id'>, today: IsoDate): Promise<Dashboard> {
  const totals = await agingTotals(db, org.id, today);
  const { rows: promised } = await sql<{ currency: string; amount: bigint }>`
    select currency, money_sum(amount) as amount from promises
     where org_id = ${org.id} and status = 'pending' and due_on between ${today}::date and ${addDays(today, promisedDays)}::date
     group by currency`.execute(db);
  const promisedBy = new Map(promised.map((row) => [row.currency, row.amount]));
  const codes = [...new Set([...Object.keys(totals), ...promisedBy.keys()])].sort();
  const currencies = codes.map((currency) => {
    const amounts = totals[currency] ?? { current: 0n, '1-30': 0n, '31-60': 0n, '61-90': 0n, '91+': 0n, total: 0n, chaseable: 0n };
    return { currency, owed: amounts.total, overdue: amounts.total - amounts.current, aging: amounts, promisedNext30Days: promisedBy.get(currency) ?? 0n };
  });

  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: trendMonths }, (_, index) => {
    const from = firstDayMonthsAfter(thisMonth, index - (trendMonths - 1));
    const end = addDays(firstDayMonthsAfter(from, 1), -1);
    return { from, to: end < today ? end : today };
  });
  const trend: Dashboard['trend'] = (await computeKpisOverPeriods(db, org.id, months)).map(({ from, to, currencies: kpis }) => ({
    month: from.slice(0, 7),
    from,
    to,
    currencies: kpis.map((k) => ({ currency: k.currency, dsoDays: k.dso.days, ceiPercent: k.cei.percent })),
  }));

  return { today, currencies, trend, work: countWorklist(await buildWorklist(db, org, today)) };
}
