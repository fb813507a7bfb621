// Collection KPIs from ledger figures: the collection effectiveness index (CEI) and days sales
// outstanding by the countback method (DSO). Exact integer arithmetic; the one rounding step
// (half away from zero, to one decimal) is `ratioToOneDecimal`. Definitions: docs/kpis.md.
import { Temporal } from 'temporal-polyfill';
import type { IsoDate } from './calendar.ts';

/**
 * numerator × scale / denominator, rounded half away from zero ("half-up" on magnitudes) to one
 * decimal, as a number whose decimal text is exactly that one-decimal value (e.g. 87.5).
 * Computed on bigints, so no float is involved before the final one-decimal result.
 */
export function ratioToOneDecimal(numerator: bigint, denominator: bigint, scale = 1n): number {
  if (denominator === 0n) throw new RangeError('ratio with a zero denominator');
  const negative = numerator < 0n !== denominator < 0n && numerator !== 0n;
  const n = (numerator < 0n ? -numerator : numerator) * scale * 10n;
  const d = denominator < 0n ? -denominator : denominator;
  const tenths = (2n * n + d) / (2n * d); // floor(n/d + 1/2)
  return Number(`${negative && tenths !== 0n ? '-' : ''}${tenths / 10n}.${tenths % 10n}`);
}

export interface CeiFigures {
  /** Receivables at the end of the day before the period starts. */
  beginningReceivables: bigint;
  /** Totals of invoices issued in the period. */
  creditSales: bigint;
  /** Receivables at the end of the period's last day. */
  endingReceivables: bigint;
  /** The part of ending receivables not yet past due on the last day. */
  endingCurrentReceivables: bigint;
  /** Written off in the period: no longer in the ending receivables, and not collected. */
  writtenOff: bigint;
}

export interface CeiResult {
  /** Percentage with one decimal; null when the denominator is 0 (nothing was collectable). */
  percent: number | null;
  /** beginning + credit sales − ending total − written off: what was collected (or otherwise credited). */
  numerator: bigint;
  /** beginning + credit sales − ending current: what could have been collected. */
  denominator: bigint;
  reason: string | null;
}

export function collectionEffectivenessIndex(f: CeiFigures): CeiResult {
  // a write-off takes the balance out of the ending receivables without collecting it: it stays in what could have been collected
  const numerator = f.beginningReceivables + f.creditSales - f.endingReceivables - f.writtenOff;
  const denominator = f.beginningReceivables + f.creditSales - f.endingCurrentReceivables;
  if (denominator === 0n) {
    return { percent: null, numerator, denominator, reason: 'nothing was collectable in the period (beginning receivables + credit sales − ending current receivables = 0)' };
  }
  return { percent: ratioToOneDecimal(numerator, denominator, 100n), numerator, denominator, reason: null };
}

/** A countback period: the month containing the end date up to it, or an earlier full month. */
export interface CountbackPeriod {
  from: IsoDate;
  to: IsoDate;
  days: number;
}

/** The default lookback of the countback: the month containing `to` and the 23 before it. */
export const dsoLookbackMonths = 24;

/** Calendar-month periods ending at `to`, most recent first: [first of to's month, to], then whole months. */
export function countbackPeriods(to: IsoDate, months = dsoLookbackMonths): CountbackPeriod[] {
  const end = Temporal.PlainDate.from(to);
  const periods: CountbackPeriod[] = [{ from: end.with({ day: 1 }).toString(), to, days: end.day }];
  for (let back = 1; back < months; back++) {
    const first = end.with({ day: 1 }).subtract({ months: back });
    periods.push({ from: first.toString(), to: first.with({ day: first.daysInMonth }).toString(), days: first.daysInMonth });
  }
  return periods;
}

export interface DsoPeriodUsed extends CountbackPeriod {
  creditSales: bigint;
  /** Days this period contributed: all its days, or days × remainder / sales for the last one (one decimal). */
  daysCounted: number;
}

export interface DsoResult {
  /** Days sales outstanding, one decimal; never negative. */
  days: number;
  receivables: bigint;
  periods: DsoPeriodUsed[];
  /** True when receivables exceed all credit sales of the lookback: `days` is then every day counted. */
  exceededLookback: boolean;
  note: string | null;
}

/**
 * Countback DSO: walk back from the most recent period, consuming each period's credit sales from
 * the receivables; a period whose sales the remainder exceeds counts whole, the last one counts
 * days × remainder / sales. `periods` are most recent first, credit sales ≥ 0.
 */
export function dsoCountback(receivables: bigint, periods: ReadonlyArray<CountbackPeriod & { creditSales: bigint }>): DsoResult {
  const used: DsoPeriodUsed[] = [];
  let remaining = receivables;
  let wholeDays = 0n;
  for (const period of periods) {
    if (remaining <= 0n) break;
    if (remaining > period.creditSales) {
      wholeDays += BigInt(period.days);
      remaining -= period.creditSales;
      used.push({ ...period, daysCounted: period.days });
      continue;
    }
    // remaining ≤ sales, so sales > 0: the partial period, and the end of the walk.
    const partial = BigInt(period.days) * remaining;
    used.push({ ...period, daysCounted: ratioToOneDecimal(partial, period.creditSales) });
    return { days: ratioToOneDecimal(wholeDays * period.creditSales + partial, period.creditSales), receivables, periods: used, exceededLookback: false, note: null };
  }
  if (remaining > 0n) {
    return {
      days: Number(wholeDays),
      receivables,
      periods: used,
      exceededLookback: true,
      note: `receivables exceed all credit sales of the ${periods.length}-month lookback; days is every day counted, a lower bound`,
    };
  }
  return { days: Number(wholeDays), receivables, periods: used, exceededLookback: false, note: receivables <= 0n ? 'no receivables outstanding' : null };
}

/** The default KPI period for `today`: from the first day of the month three months before today's, to today. */
export function defaultKpiPeriod(today: IsoDate): { from: IsoDate; to: IsoDate } {
  const to = Temporal.PlainDate.from(today);
  return { from: to.with({ day: 1 }).subtract({ months: 3 }).toString(), to: today };
}
