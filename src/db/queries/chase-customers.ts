// The customers the cycle may have something to do for on a date, read once at the start of a run:
// opening and closing cases, the quiet customers and the snapshot all work from this list.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

export interface ChaseCustomer {
  customerId: bigint;
  /** Some invoice is past its due date. */
  overdue: boolean;
  /** The latest issue and due dates among the invoices: what arrived since a customer was last planned. */
  lastIssued: IsoDate;
  lastDue: IsoDate;
}

/**
 * The customers with a balance left on an open invoice issued by the date and due by the window's
 * end: one read of the open invoices, grouped by customer. A plain read, unlike a statement that
 * also writes, may run in parallel.
 */
export async function chaseCustomers(db: Executor, orgId: bigint, date: IsoDate, windowEnd: IsoDate): Promise<ChaseCustomer[]> {
  const { rows } = await sql<{ customer_id: bigint; overdue: boolean; last_issued: string; last_due: string }>`
    select customer_id, bool_or(due_date < ${date}::date) as overdue, max(issue_date)::text as last_issued, max(due_date)::text as last_due
      from invoices
     where org_id = ${orgId} and status = 'open' and balance > 0 and issue_date <= ${date}::date and due_date <= ${windowEnd}::date
     group by customer_id`.execute(db);
  return rows.map((row) => ({ customerId: row.customer_id, overdue: row.overdue, lastIssued: row.last_issued, lastDue: row.last_due }));
}
