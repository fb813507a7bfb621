// Opening and closing cases, set-based, at the start of each cycle run.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

/** A case opens for every customer with an open balance past its due date and no open case. */
export async function openCases(db: Executor, orgId: bigint, date: IsoDate): Promise<number> {
  const result = await sql`
    insert into cases (org_id, customer_id, opened_on, reason)
    select ${orgId}, i.customer_id, ${date}::date, 'an invoice is overdue'
      from invoices i
     where i.org_id = ${orgId} and i.status = 'open' and i.balance > 0 and i.due_date < ${date}::date and i.issue_date <= ${date}::date
     group by i.customer_id
    on conflict (org_id, customer_id) where status <> 'closed' do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * A case closes when nothing of the customer is overdue any more; whatever it had planned and
 * not yet sent is cancelled, with the reason.
 */
export async function closeSettledCases(db: Executor, orgId: bigint, date: IsoDate): Promise<number> {
  // The overdue customers are collected once and anti-joined (hashed), rather than probed per case.
  const closed = await sql<{ id: bigint }>`
    with still_overdue as (
      select distinct customer_id from invoices
       where org_id = ${orgId} and status = 'open' and balance > 0 and due_date < ${date}::date
    )
    update cases k set status = 'closed', closed_on = ${date}::date, reason = 'nothing overdue any more', updated_at = now()
     where k.org_id = ${orgId} and k.status <> 'closed'
       and k.customer_id not in (select customer_id from still_overdue)
    returning k.id`.execute(db);
  if (closed.rows.length > 0) {
    await sql`
      update actions set status = 'cancelled', rule = 'case-closed', reason = 'Cancelled: the case closed on ' || ${date} || ' because nothing is overdue any more.', updated_at = now()
       where org_id = ${orgId} and case_id = any(${closed.rows.map((r) => r.id)}::bigint[]) and status in ('planned', 'ready', 'deferred')`.execute(db);
  }
  return closed.rows.length;
}
