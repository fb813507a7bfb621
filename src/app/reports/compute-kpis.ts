// Collection KPIs for a period, per currency: CEI and countback DSO with the figures they come
// from, so a reader can check them. Definitions and rounding: docs/kpis.md.
import type { Executor } from '../../db/executor.ts';
import { creditSalesByMonth, receivablesOverPeriods, type MonthlyCreditSales, type ReceivablesSummary } from '../../db/queries/receivables.ts';
import { addDays, compareDates, isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { collectionEffectivenessIndex, countbackPeriods, dsoCountback, dsoLookbackMonths, type CeiResult, type DsoResult } from '../../domain/kpi.ts';
import { AppError } from '../../errors.ts';

export type { CeiResult, DsoPeriodUsed, DsoResult } from '../../domain/kpi.ts';

export interface CurrencyKpis {
  currency: string;
  /** Receivables at the end of the day before `from`. */
  beginningReceivables: bigint;
  /** Totals of invoices issued from `from` to `to`. */
  creditSales: bigint;
  /** Receivables at the end of `to`. */
  endingReceivables: bigint;
  /** The part of ending receivables not yet past due on `to`. */
  endingCurrentReceivables: bigint;
  /** Written off from `from` to `to`: out of the ending receivables, and not collected. */
  writtenOff: bigint;
  cei: CeiResult;
  dso: DsoResult;
}

export interface KpiReport {
  from: IsoDate;
  to: IsoDate;
  /** The day whose closing receivables are the "beginning" ones: the day before `from`. */
  beginningAsOf: IsoDate;
  /** How many calendar months the DSO countback may walk back (the month of `to` included). */
  dsoLookbackMonths: number;
  /** Currencies with any beginning or ending receivables or credit sales, sorted by code. */
  currencies: CurrencyKpis[];
}

export async function computeKpis(db: Executor, orgId: bigint, period: { from: IsoDate; to: IsoDate }): Promise<KpiReport> {
  const { from, to } = period;
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!isIsoDate(value)) throw new AppError('invalid_input', `the period's ${name} date "${value}" is not a date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31`);
  }
  if (compareDates(from, to) > 0) throw new AppError('invalid_input', `the period starts (${from}) after it ends (${to}); swap the dates`);
  const [report] = await computeKpisOverPeriods(db, orgId, [period]);
  return report!;
}

/**
 * The KPIs of consecutive periods (each starting the day after the previous one ends; the
 * dashboard's months), each exactly as computeKpis gives it for that period alone, from one read
 * of the ledger and one of the credit sales by month instead of two per period. Every period but
 * the last ends on a month's last day, so that each DSO countback's credit sales by calendar month
 * are those of whole months.
 */
export async function computeKpisOverPeriods(db: Executor, orgId: bigint, periods: ReadonlyArray<{ from: IsoDate; to: IsoDate }>): Promise<KpiReport[]> {
  if (periods.length === 0) return [];
  const midMonth = periods.slice(0, -1).find((p) => addDays(p.to, 1).slice(8) !== '01');
  if (midMonth) throw new Error(`computeKpisOverPeriods: the period ${midMonth.from}..${midMonth.to} ends within a month but is not the last`);
  const summaries = await receivablesOverPeriods(db, orgId, periods);
  const monthly = await creditSalesByMonth(db, orgId, countbackStart(periods), periods.at(-1)!.to);
  return kpisOfPeriods(periods, summaries, monthly);
}

/** The first day from which the countbacks of these periods (the first ends earliest) read credit sales. */
export function countbackStart(periods: ReadonlyArray<{ to: IsoDate }>): IsoDate {
  return countbackPeriods(periods[0]!.to, dsoLookbackMonths).at(-1)!.from;
}

/**
 * The KPIs of periods from their receivables (receivablesOverPeriods or receivablesSince, one
 * summary list per period) and the credit sales by month their countbacks read (from
 * countbackStart on): the one place the figures become CEI and DSO, whichever way they were read.
 */
export function kpisOfPeriods(
  periods: ReadonlyArray<{ from: IsoDate; to: IsoDate }>,
  summaries: ReadonlyArray<ReadonlyArray<ReceivablesSummary>>,
  monthly: ReadonlyArray<MonthlyCreditSales>,
): KpiReport[] {
  const salesByMonth = new Map(monthly.map((m) => [`${m.currency} ${m.month}`, m.creditSales]));
  return periods.map(({ from, to }, index): KpiReport => {
    const countback = countbackPeriods(to, dsoLookbackMonths);
    const currencies = summaries[index]!
      .filter((s) => s.beginningReceivables !== 0n || s.creditSales !== 0n || s.endingReceivables !== 0n || s.writtenOff !== 0n)
      .map((s): CurrencyKpis => {
        const history = countback.map((p) => ({ ...p, creditSales: salesByMonth.get(`${s.currency} ${p.from.slice(0, 7)}`) ?? 0n }));
        return { ...s, cei: collectionEffectivenessIndex(s), dso: dsoCountback(s.endingReceivables, history) };
      });
    return { from, to, beginningAsOf: addDays(from, -1), dsoLookbackMonths, currencies };
  });
}
