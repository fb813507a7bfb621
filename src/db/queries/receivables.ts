// Receivables and credit sales at past dates, for the KPIs. Invoices keep running sums only for
// today, so a past balance is rebuilt from the ledger: total + charges dated on or before the date
// − allocations dated on or before it − the opening paid amount if it was paid by then. Void
// invoices are left out entirely. A written-off invoice was a sale and stays one; it leaves
// receivables on the day it was written off, and what was written off in the period is its own
// figure, so the CEI counts it as not collected (docs/kpis.md). The sums stay numeric in SQL and become bigint here: each amount is
// capped (maxAmount) but an organisation's receivables are not, and int8 overflows at 2^63.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
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
 * Per currency with any invoice issued by `to`: receivables at `beginningAsOf` (normally the day
 * before `from`) and at `to`, the not-yet-due part at `to`, and credit sales in [from, to].
 * One pass over the org's invoices, with charges and allocations summed per invoice at both dates.
 */
export async function receivablesSummary(
  db: Executor,
  orgId: bigint,
  dates: { beginningAsOf: IsoDate; from: IsoDate; to: IsoDate },
): Promise<ReceivablesSummary[]> {
  const { beginningAsOf: b, from, to } = dates;
  const result = await sql<{ currency: string; beginning: string; credit_sales: string; ending: string; ending_current: string; written_off: string }>`
    with charged as (
      select invoice_id, sum(amount) filter (where charged_on <= ${b}::date) as at_beginning, sum(amount) as at_end
        from charges
       where org_id = ${orgId} and charged_on <= ${to}::date
       group by invoice_id
    ), allocated as (
      select invoice_id, sum(amount) filter (where allocated_on <= ${b}::date) as at_beginning, sum(amount) as at_end
        from allocations
       where org_id = ${orgId} and allocated_on <= ${to}::date
       group by invoice_id
    ), written as (
      select invoice_id, written_off_on, amount from write_offs
       where org_id = ${orgId} and reversed_on is null
    ), owed as (
      select i.currency, i.issue_date, i.due_date, i.total,
             case when w.written_off_on <= ${b}::date then 0 else
               i.total + coalesce(c.at_beginning, 0) - coalesce(a.at_beginning, 0)
               - case when i.opening_paid_on <= ${b}::date then i.opening_paid else 0 end end as at_beginning,
             case when w.written_off_on <= ${to}::date then 0 else
               i.total + coalesce(c.at_end, 0) - coalesce(a.at_end, 0)
               - case when i.opening_paid_on <= ${to}::date then i.opening_paid else 0 end end as at_end,
             case when w.written_off_on between ${from}::date and ${to}::date then w.amount else 0 end as written_off
        from invoices i
        left join charged c on c.invoice_id = i.id
        left join allocated a on a.invoice_id = i.id
        left join written w on w.invoice_id = i.id
       -- an invoice written off with no write-off on record (imported so) cannot be placed in time: left out
       where i.org_id = ${orgId} and i.status <> 'void' and (i.status <> 'written_off' or w.invoice_id is not null) and i.issue_date <= ${to}::date
    )
    select currency,
           coalesce(sum(at_beginning) filter (where issue_date <= ${b}::date), 0)::text as beginning,
           coalesce(sum(total) filter (where issue_date >= ${from}::date), 0)::text as credit_sales,
           coalesce(sum(at_end), 0)::text as ending,
           coalesce(sum(at_end) filter (where due_date >= ${to}::date), 0)::text as ending_current,
           coalesce(sum(written_off), 0)::text as written_off
      from owed
     group by currency
     order by currency`.execute(db);
  return result.rows.map((row) => ({
    currency: row.currency,
    beginningReceivables: BigInt(row.beginning),
    creditSales: BigInt(row.credit_sales),
    endingReceivables: BigInt(row.ending),
    endingCurrentReceivables: BigInt(row.ending_current),
    writtenOff: BigInt(row.written_off),
  }));
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
