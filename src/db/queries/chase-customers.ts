// The customers the cycle may have something to do for on a date, listed once at the start of a run
// in a temporary table of the run's transaction: opening and closing cases (syncCases) and telling
// the quiet customers (customersToPlan) work from it on the server, so the ≈ 100k customers of a
// large organisation never travel to JavaScript and back — only the few planned today do.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

/**
 * The run's list (dropped when its transaction ends): one row per customer with a balance left on
 * an open invoice issued by the date and due by the window's end —
 * `customer_id`, `overdue` (some invoice is past its due date), `last_issued` and `last_due` (the
 * latest issue and due dates: what arrived since a customer was last planned), and of the invoices
 * past their due date `oldest_overdue` (the earliest due date), `overdue_balance` (their balances
 * added up whatever their currency) and `overdue_currency` (their currency, null when more than
 * one): bounds of what the review rules read from the chaseable invoices (review-candidates.ts).
 */
const chaseTable = sql.table('cycle_chase');

/**
 * The run's list, as a value: the steps that read it (syncCases, customersToPlan, the review pass) take it as an
 * argument, so none of them can run before it is filled.
 */
export interface ChaseList {
  readonly orgId: bigint;
  readonly date: IsoDate;
  readonly table: typeof chaseTable;
}

/**
 * Fills the run's list with one read of the open invoices, grouped by customer. PostgreSQL runs no
 * statement that writes in parallel, except `CREATE TABLE AS`: this read uses both cores.
 */
export async function listChaseCustomers(db: Executor, orgId: bigint, date: IsoDate, windowEnd: IsoDate): Promise<ChaseList> {
  await sql`
    create temporary table ${chaseTable} on commit drop as
    select customer_id, bool_or(due_date < ${date}::date) as overdue, max(issue_date) as last_issued, max(due_date) as last_due,
           min(due_date) filter (where due_date < ${date}::date) as oldest_overdue,
           money_sum(balance) filter (where due_date < ${date}::date) as overdue_balance,
           -- "C": compared byte by byte, not by the locale's rules (a currency code is three capitals)
           case when min(currency collate "C") filter (where due_date < ${date}::date) = max(currency collate "C") filter (where due_date < ${date}::date)
                then min(currency collate "C") filter (where due_date < ${date}::date) end as overdue_currency
      from invoices
     where org_id = ${orgId} and status = 'open' and balance > 0 and issue_date <= ${date}::date and due_date <= ${windowEnd}::date
     group by customer_id`.execute(db);
  return { orgId, date, table: chaseTable };
}

/**
 * Drops the run's list before its transaction ends: for a transaction that runs the cycle again (a
 * simulation runs many days in one). A run does not drop a list first itself: one statement less
 * for each organisation on a host with many.
 */
export async function dropChaseList(db: Executor): Promise<void> {
  await sql`drop table if exists ${chaseTable}`.execute(db);
}
