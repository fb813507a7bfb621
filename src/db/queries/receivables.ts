// Receivables and credit sales at past dates, for the KPIs. Invoices keep running sums only for
// today, so a past balance is rebuilt from the ledger: total + charges dated on or before the date
// − allocations dated on or before it − the opening paid amount if it was paid by then. Void
// invoices are left out entirely. A written-off invoice was a sale and stays one; it leaves
// receivables on the day it was written off, and what was written off in the period is its own
// figure, so the CEI counts it as not collected (docs/kpis.md). The sums stay numeric in SQL and become bigint here: each amount is
// capped (maxAmount) but an organisation's receivables are not, and int8 overflows at 2^63.
import { sql } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

export interface ReceivablesSummary {
  currency: string;
  /** Receivables at the end of `beginningAsOf`. */
  beginningReceivables: bigint;
  /** Totals of invoices issued in [from, to]. */
  creditSales: bigint;
  /** Receivables at the end of `to`. */
  endingReceivables: bigint;
  /** The part of ending receivables on invoices not yet past due on `to` (due on or after it). */
  endingCurrentReceivables: bigint;
  /** Written off in [from, to] (write-offs standing now): out of the ending receivables, and not collected. */
  writtenOff: bigint;
}

/**
 * Whether invoice `i` counts in receivables and sales at all: void invoices never count; an invoice
 * written off with no write-off on record (imported so) cannot be placed in time, so it is left out.
 */
const counts = sql`i.status <> 'void'
  and (i.status <> 'written_off' or exists (select 1 from write_offs w where w.org_id = i.org_id and w.invoice_id = i.id and w.reversed_on is null))`;

/**
 * For each of consecutive periods (each starting the day after the previous one ends), per
 * currency: receivables at the end of the day before the period and at its end, the not-yet-due
 * part at its end, and credit sales in it. One pass over the org's ledger, however many periods:
 * every amount that moves a receivable (an invoice's total on its issue date, a charge, an
 * allocation, the opening paid amount, each on its own date but never before the invoice's issue
 * date) is placed between two period boundaries, and summed per currency, that place and the last
 * boundary on or before the invoice's due date; a boundary's receivables are then the sums placed
 * on or before it. An invoice issued after a date adds nothing at that date, so a charge or
 * payment dated before its invoice counts from the issue date.
 */
export async function receivablesOverPeriods(
  db: Executor,
  orgId: bigint,
  periods: ReadonlyArray<{ from: IsoDate; to: IsoDate }>,
): Promise<ReceivablesSummary[][]> {
  if (periods.length === 0) return [];
  periods.forEach((period, index) => {
    const previous = periods[index - 1];
    if (previous && addDays(previous.to, 1) !== period.from) throw new Error(`receivablesOverPeriods: period ${period.from}..${period.to} does not start the day after ${previous.to}`);
  });
  // bounds[0] is the day before the first period; bounds[k] the end of period k.
  const bounds = [addDays(periods[0]!.from, -1), ...periods.map((p) => p.to)];
  const last = bounds.at(-1)!;
  const result = await sql<{ currency: string; placed: number; due_bound: number; kind: 'sale' | 'move' | 'write_off'; amount: string }>`
    with counted as (
      select i.id, i.currency, i.due_date, i.issue_date, i.total, i.opening_paid, i.opening_paid_on
        from invoices i
       where i.org_id = ${orgId} and i.issue_date <= ${last}::date and ${counts}
    ), moves as (
      select currency, due_date, issue_date as on_date, total as amount, 'sale' as kind
        from counted
      union all
      select currency, due_date, greatest(opening_paid_on, issue_date), -opening_paid, 'move'
        from counted
       where opening_paid_on <= ${last}::date
      union all
      select i.currency, i.due_date, greatest(c.charged_on, i.issue_date), c.amount, 'move'
        from charges c join counted i on i.id = c.invoice_id
       where c.org_id = ${orgId} and c.charged_on <= ${last}::date
      union all
      select i.currency, i.due_date, greatest(a.allocated_on, i.issue_date), -a.amount, 'move'
        from allocations a join counted i on i.id = a.invoice_id
       where a.org_id = ${orgId} and a.allocated_on <= ${last}::date
      union all
      -- a write-off takes what was left off the receivables on its day
      select i.currency, i.due_date, greatest(w.written_off_on, i.issue_date), -w.amount, 'write_off'
        from write_offs w join counted i on i.id = w.invoice_id
       where w.org_id = ${orgId} and w.reversed_on is null and w.written_off_on <= ${last}::date
    )
    -- placed: the first boundary on or after the move's date (how many boundaries fall before it);
    -- due_bound: the last boundary on or before the due date (-1 when none).
    select currency,
           width_bucket(on_date - 1, ${bounds}::date[]) as placed,
           width_bucket(due_date, ${bounds}::date[]) - 1 as due_bound,
           kind,
           sum(amount)::text as amount
      from moves
     group by 1, 2, 3, 4`.execute(db);

  const currencies = [...new Set(result.rows.map((row) => row.currency))].sort();
  const sum = (currency: string, include: (row: (typeof result.rows)[number]) => boolean) =>
    result.rows.reduce((total, row) => (row.currency === currency && include(row) ? total + BigInt(row.amount) : total), 0n);
  return periods.map((_, index) => {
    const end = index + 1;
    return currencies.map((currency) => ({
      currency,
      beginningReceivables: sum(currency, (row) => row.placed <= index),
      creditSales: sum(currency, (row) => row.kind === 'sale' && row.placed === end),
      endingReceivables: sum(currency, (row) => row.placed <= end),
      endingCurrentReceivables: sum(currency, (row) => row.placed <= end && row.due_bound >= end),
      writtenOff: -sum(currency, (row) => row.kind === 'write_off' && row.placed === end),
    }));
  });
}

/**
 * The same figures for one period (after, to], given the receivables at the end of `after`
 * (`beginning`, per currency: a stored earlier result of receivablesOverPeriods): the receivables
 * at `to` are those plus every amount placed in the period, found through the dates' indexes
 * (migration 0029) rather than by reading the whole ledger — an amount dated in the period on an
 * invoice issued by its end, or dated earlier on an invoice issued in it. The not-yet-due part
 * reads the whole history of only the invoices due on or after `to`.
 */
export async function receivablesSince(
  db: Executor,
  orgId: bigint,
  after: IsoDate,
  to: IsoDate,
  beginning: ReadonlyMap<string, bigint>,
): Promise<ReceivablesSummary[]> {
  const result = await sql<{ currency: string; kind: 'sale' | 'move' | 'write_off' | 'not_due'; amount: string }>`
    with issued as (
      select i.id, i.currency, i.total, i.opening_paid, i.opening_paid_on
        from invoices i
       where i.org_id = ${orgId} and i.issue_date > ${after}::date and i.issue_date <= ${to}::date and ${counts}
    ), dated as not materialized (
      -- inlined into each join, so that only the invoices of the period's amounts are read
      select i.id, i.currency
        from invoices i
       where i.org_id = ${orgId} and i.issue_date <= ${to}::date and ${counts}
    ), not_due as (
      select i.id, i.currency, i.total, i.opening_paid, i.opening_paid_on
        from invoices i
       where i.org_id = ${orgId} and i.due_date >= ${to}::date and i.issue_date <= ${to}::date and ${counts}
    ), moves as (
      select currency, total as amount, 'sale' as kind from issued
      union all
      select currency, -opening_paid, 'move' from issued where opening_paid_on <= ${to}::date
      union all
      select i.currency, -i.opening_paid, 'move'
        from invoices i
       where i.org_id = ${orgId} and i.opening_paid_on > ${after}::date and i.opening_paid_on <= ${to}::date
         and i.issue_date <= ${after}::date and ${counts}
      union all
      select i.currency, c.amount, 'move'
        from charges c join dated i on i.id = c.invoice_id
       where c.org_id = ${orgId} and c.charged_on > ${after}::date and c.charged_on <= ${to}::date
      union all
      select i.currency, c.amount, 'move'
        from charges c join issued i on i.id = c.invoice_id
       where c.org_id = ${orgId} and c.charged_on <= ${after}::date
      union all
      select i.currency, -a.amount, 'move'
        from allocations a join dated i on i.id = a.invoice_id
       where a.org_id = ${orgId} and a.allocated_on > ${after}::date and a.allocated_on <= ${to}::date
      union all
      select i.currency, -a.amount, 'move'
        from allocations a join issued i on i.id = a.invoice_id
       where a.org_id = ${orgId} and a.allocated_on <= ${after}::date
      union all
      select i.currency, -w.amount, 'write_off'
        from write_offs w join dated i on i.id = w.invoice_id
       where w.org_id = ${orgId} and w.reversed_on is null and w.written_off_on > ${after}::date and w.written_off_on <= ${to}::date
      union all
      select i.currency, -w.amount, 'write_off'
        from write_offs w join issued i on i.id = w.invoice_id
       where w.org_id = ${orgId} and w.reversed_on is null and w.written_off_on <= ${after}::date
      union all
      -- the not-yet-due part at the period's end: all that is placed on or before it
      select currency, total, 'not_due' from not_due
      union all
      select currency, -opening_paid, 'not_due' from not_due where opening_paid_on <= ${to}::date
      union all
      select n.currency, c.amount, 'not_due'
        from charges c join not_due n on n.id = c.invoice_id
       where c.org_id = ${orgId} and c.charged_on <= ${to}::date
      union all
      select n.currency, -a.amount, 'not_due'
        from allocations a join not_due n on n.id = a.invoice_id
       where a.org_id = ${orgId} and a.allocated_on <= ${to}::date
      union all
      select n.currency, -w.amount, 'not_due'
        from write_offs w join not_due n on n.id = w.invoice_id
       where w.org_id = ${orgId} and w.reversed_on is null and w.written_off_on <= ${to}::date
    )
    select currency, kind, sum(amount)::text as amount from moves group by 1, 2`.execute(db);

  const currencies = [...new Set([...beginning.keys(), ...result.rows.map((row) => row.currency)])].sort();
  const sum = (currency: string, kinds: ReadonlyArray<string>) =>
    result.rows.reduce((total, row) => (row.currency === currency && kinds.includes(row.kind) ? total + BigInt(row.amount) : total), 0n);
  return currencies.map((currency) => {
    const beginningReceivables = beginning.get(currency) ?? 0n;
    return {
      currency,
      beginningReceivables,
      creditSales: sum(currency, ['sale']),
      endingReceivables: beginningReceivables + sum(currency, ['sale', 'move', 'write_off']),
      endingCurrentReceivables: sum(currency, ['not_due']),
      writtenOff: -sum(currency, ['write_off']),
    };
  });
}

export interface MonthlyCreditSales {
  currency: string;
  /** 'YYYY-MM' */
  month: string;
  creditSales: bigint;
}

/** Credit sales (totals of invoices issued, neither void nor written off) per currency and calendar month within [from, to]. */
export async function creditSalesByMonth(db: Executor, orgId: bigint, from: IsoDate, to: IsoDate): Promise<MonthlyCreditSales[]> {
  const result = await sql<{ currency: string; month: string; credit_sales: string }>`
    select currency, to_char(issue_date, 'YYYY-MM') as month, sum(total)::text as credit_sales
      from invoices
     where org_id = ${orgId} and status not in ('void', 'written_off')
       and issue_date between ${from}::date and ${to}::date
     group by currency, to_char(issue_date, 'YYYY-MM')
     order by currency, month`.execute(db);
  return result.rows.map((row) => ({ currency: row.currency, month: row.month, creditSales: BigInt(row.credit_sales) }));
}
