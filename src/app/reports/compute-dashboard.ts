// The owner's morning glance (the web app's Today screen): what is owed and overdue per currency
// with its aging (the aging report's own totals, so the two always agree), DSO and CEI month by
// month over the last 12 months (compute-kpis' figures, the twelve months from one read of the
// ledger), cash promised in the next 30 days, and the day's work counted from the worklist itself.
//
// The aging totals and the twelve months read every invoice of the organisation (seconds at a
// million invoices), so they are stored once computed, with the snapshot they were read in, and
// served from there until a transaction writes a row they come from (migration 0026,
// db/queries/dashboard-figures.ts): the next load after a payment computes them again. The
// promised cash and the day's work are small reads, made on every load.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import type { AgingAmounts } from '../../domain/aging.ts';
import { addDays, firstDayMonthsAfter, type IsoDate } from '../../domain/calendar.ts';
import { agingTotals } from '../../db/queries/aging.ts';
import { currentSnapshot, readDashboardFigures, saveDashboardFigures } from '../../db/queries/dashboard-figures.ts';
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
  const { totals, trend } = await ledgerFigures(db, org.id, today);
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
  return { today, currencies, trend, work: countWorklist(await buildWorklist(db, org, today)) };
}

/** What Today reads from the whole ledger: the aging report's totals per currency, and the trend. */
interface LedgerFigures {
  totals: Record<string, AgingAmounts>;
  trend: Dashboard['trend'];
}

/**
 * The stored figures when nothing they come from has changed; else computed in one snapshot
 * (repeatable read) and stored with it. Inside a caller's transaction (whose snapshot may move from
 * one statement to the next) they are computed and not stored.
 */
async function ledgerFigures(db: Executor, orgId: bigint, today: IsoDate): Promise<LedgerFigures> {
  const stored = await readDashboardFigures(db, orgId, today);
  if (stored !== null) return fromStored(stored);
  if (db.isTransaction) return computeLedgerFigures(db, orgId, today);
  const { seen, figures } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => ({ seen: await currentSnapshot(tx), figures: await computeLedgerFigures(tx, orgId, today) }));
  await saveDashboardFigures(db, orgId, today, seen, toStored(figures));
  return figures;
}

export async function computeLedgerFigures(db: Executor, orgId: bigint, today: IsoDate): Promise<LedgerFigures> {
  const totals = await agingTotals(db, orgId, today);
  const thisMonth = `${today.slice(0, 7)}-01`;
  const months = Array.from({ length: trendMonths }, (_, index) => {
    const from = firstDayMonthsAfter(thisMonth, index - (trendMonths - 1));
    const end = addDays(firstDayMonthsAfter(from, 1), -1);
    return { from, to: end < today ? end : today };
  });
  const trend = (await computeKpisOverPeriods(db, orgId, months)).map(({ from, to, currencies: kpis }) => ({
    month: from.slice(0, 7),
    from,
    to,
    currencies: kpis.map((k) => ({ currency: k.currency, dsoDays: k.dso.days, ceiPercent: k.cei.percent })),
  }));
  return { totals, trend };
}

/** The figures as stored: amounts as decimal strings (JSON numbers are not exact beyond 2^53). */
function toStored({ totals, trend }: LedgerFigures): string {
  return JSON.stringify({ totals, trend }, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}

/** Stored figures back as computed. */
function fromStored(text: string): LedgerFigures {
  const stored = JSON.parse(text) as { totals: Record<string, Record<keyof AgingAmounts, string>>; trend: Dashboard['trend'] };
  const totals = Object.fromEntries(
    Object.entries(stored.totals).map(([currency, amounts]) => [currency, Object.fromEntries(Object.entries(amounts).map(([key, value]) => [key, BigInt(value)])) as unknown as AgingAmounts]),
  );
  return { totals, trend: stored.trend };
}
