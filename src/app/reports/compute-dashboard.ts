// The owner's morning glance (the web app's Today screen): what is owed and overdue per currency
// with its aging (the aging report's own totals, so the two always agree), DSO and CEI month by
// month over the last 12 months (compute-kpis' figures, the twelve months from one read of the
// ledger), cash promised in the next 30 days, and the day's work: the worklist's items counted per
// kind in the database, by the worklist's own conditions (worklist-entries.ts).
//
// The aging totals and the twelve months read every invoice of the organisation (seconds at a
// million invoices), so they are stored once computed, with the snapshot they were read in, and
// served from there until a transaction writes a row they come from (migration 0026,
// db/queries/dashboard-figures.ts): the next load after a payment computes them again. Then only
// today's aging totals and the current month are read when the write reached no earlier date: the
// completed months are kept apart and computed again only when a write dated on or before their
// end (a back-dated payment, an import of old invoices, a void or write-off of an invoice issued
// then) makes them stale (migration 0029, docs/kpis.md "What a write recomputes"). The promised
// cash and the day's work are small reads, made on every load.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import type { AgingAmounts } from '../../domain/aging.ts';
import { addDays, firstDayMonthsAfter, type IsoDate } from '../../domain/calendar.ts';
import { agingTotals } from '../../db/queries/aging.ts';
import { currentSnapshot, readDashboardFigures, readPastMonths, saveDashboardFigures } from '../../db/queries/dashboard-figures.ts';
import { creditSalesByMonth, receivablesOverPeriods, receivablesSince, type MonthlyCreditSales } from '../../db/queries/receivables.ts';
import { worklistCounts, type WorklistKind } from '../tasks/worklist-entries.ts';
import { countbackStart, kpisOfPeriods, type KpiReport } from './compute-kpis.ts';

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
  return { today, currencies, trend, work: await worklistCounts(db, org.id, today) };
}

/** What Today reads from the whole ledger: the aging report's totals per currency, and the trend. */
interface LedgerFigures {
  totals: Record<string, AgingAmounts>;
  trend: Dashboard['trend'];
}

/**
 * The stored figures when nothing they come from has changed; else computed in one snapshot
 * (repeatable read) and stored with it: from the stored completed months when no change since
 * reached back into them (only today's aging totals and the current month are read), from the
 * whole ledger when one did. Inside a caller's transaction (whose snapshot may move from one
 * statement to the next) they are computed and not stored.
 */
async function ledgerFigures(db: Executor, orgId: bigint, today: IsoDate): Promise<LedgerFigures> {
  const stored = await readDashboardFigures(db, orgId, today);
  if (stored !== null) return fromStored(stored);
  if (db.isTransaction) return computeLedgerFigures(db, orgId, today);
  const { seen, figures, past } = await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (tx) => {
      // the figures' statements are estimated dear enough for PostgreSQL to compile them (JIT),
      // which cost seconds and saved nothing when measured at a million invoices
      await sql`select set_config('jit', 'off', true)`.execute(tx);
      const seen = await currentSnapshot(tx);
      const kept = await readPastMonths(tx, orgId, addDays(trendPeriods(today).at(-1)!.from, -1));
      if (kept !== null) return { seen, figures: await computeFromPast(tx, orgId, today, fromStoredPast(kept.through, kept.past)), past: kept };
      const computed = await computeAll(tx, orgId, today);
      return { seen, figures: computed.figures, past: { through: computed.past.through, past: toStoredPast(computed.past), computedAt: null } };
    });
  await saveDashboardFigures(db, orgId, today, seen, toStored(figures), past);
  return figures;
}

/** The dashboard's months: the last twelve calendar months, the current one up to today. */
function trendPeriods(today: IsoDate): Array<{ from: IsoDate; to: IsoDate }> {
  const thisMonth = `${today.slice(0, 7)}-01`;
  return Array.from({ length: trendMonths }, (_, index) => {
    const from = firstDayMonthsAfter(thisMonth, index - (trendMonths - 1));
    const end = addDays(firstDayMonthsAfter(from, 1), -1);
    return { from, to: end < today ? end : today };
  });
}

/**
 * The completed months of the trend, which no write dated after their end can change
 * (docs/kpis.md, "What a write recomputes"): their KPIs, the receivables at the end of the last
 * one (the current month's beginning), and the credit sales by month the current month's
 * countback reads.
 */
interface PastMonths {
  through: IsoDate;
  trend: Dashboard['trend'];
  receivables: ReadonlyMap<string, bigint>;
  sales: MonthlyCreditSales[];
}

/** Everything from the whole ledger, in one read of it, with the completed months to keep. */
async function computeAll(db: Executor, orgId: bigint, today: IsoDate): Promise<{ figures: LedgerFigures; past: PastMonths }> {
  const totals = await agingTotals(db, orgId, today);
  const months = trendPeriods(today);
  const summaries = await receivablesOverPeriods(db, orgId, months);
  const monthly = await creditSalesByMonth(db, orgId, countbackStart(months), today);
  const trend = kpisOfPeriods(months, summaries, monthly).map(trendEntry);
  const current = months.at(-1)!;
  const past = {
    through: months.at(-2)!.to,
    trend: trend.slice(0, -1),
    receivables: new Map(summaries.at(-2)!.map((s) => [s.currency, s.endingReceivables])),
    sales: monthly.filter((m) => m.month >= countbackStart([current]).slice(0, 7) && m.month < current.from.slice(0, 7)),
  };
  return { figures: { totals, trend }, past };
}

/** The same figures from the completed months kept: today's aging totals, and the current month from the last month's end on. */
async function computeFromPast(db: Executor, orgId: bigint, today: IsoDate, past: PastMonths): Promise<LedgerFigures> {
  const totals = await agingTotals(db, orgId, today);
  const current = trendPeriods(today).at(-1)!;
  const summary = await receivablesSince(db, orgId, past.through, today, past.receivables);
  const monthly = [...past.sales, ...(await creditSalesByMonth(db, orgId, current.from, today))];
  return { totals, trend: [...past.trend, ...kpisOfPeriods([current], [summary], monthly).map(trendEntry)] };
}

/** Computed from the whole ledger, never read back. */
export async function computeLedgerFigures(db: Executor, orgId: bigint, today: IsoDate): Promise<LedgerFigures> {
  return (await computeAll(db, orgId, today)).figures;
}

function trendEntry({ from, to, currencies }: KpiReport): Dashboard['trend'][number] {
  return { month: from.slice(0, 7), from, to, currencies: currencies.map((k) => ({ currency: k.currency, dsoDays: k.dso.days, ceiPercent: k.cei.percent })) };
}

/** The completed months as stored (amounts as decimal strings, as the figures). */
function toStoredPast({ trend, receivables, sales }: PastMonths): string {
  return JSON.stringify({
    trend,
    receivables: Object.fromEntries([...receivables].map(([currency, amount]) => [currency, amount.toString()])),
    sales: sales.map((m) => ({ ...m, creditSales: m.creditSales.toString() })),
  });
}

function fromStoredPast(through: IsoDate, text: string): PastMonths {
  const stored = JSON.parse(text) as { trend: Dashboard['trend']; receivables: Record<string, string>; sales: Array<{ currency: string; month: string; creditSales: string }> };
  return {
    through,
    trend: stored.trend,
    receivables: new Map(Object.entries(stored.receivables).map(([currency, amount]) => [currency, BigInt(amount)])),
    sales: stored.sales.map((m) => ({ ...m, creditSales: BigInt(m.creditSales) })),
  };
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
