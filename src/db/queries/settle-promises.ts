// The SQL of settling promises to pay (app/cycle/settle-promises.ts says what counts as keeping
// one): one UPDATE decides and marks every pending promise that is kept or broken by `date`, and
// the caller writes their timeline entries (queries/activities.ts); no query runs per promise.
import { sql } from 'kysely';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

export interface SettledPromise {
  id: bigint;
  customer_id: bigint;
  amount: bigint;
  currency: string;
  made_on: IsoDate;
  due_on: IsoDate;
  status: 'kept' | 'broken';
  resolved_on: IsoDate;
  /** What the counted payments add up to. */
  paid: bigint;
}

/** Marks kept or broken every pending promise of the organisation decided by `date`, and returns them. */
export async function settlePendingPromises(db: Executor, orgId: bigint, date: IsoDate, graceDays: number): Promise<SettledPromise[]> {
  const grace = sql`${graceDays}::int`;
  const day = sql`${date}::date`;
  // The payments that count towards promise p (see app/cycle/settle-promises.ts).
  const counted = sql`from payments pay
     where pay.org_id = p.org_id and pay.customer_id = p.customer_id and pay.currency = p.currency
       and pay.received_on between p.made_on and least(${day}, p.due_on + ${grace})
       and (pay.received_on > p.made_on or pay.created_at > p.created_at)`;
  // The day their running total first reached the promised amount; null if it has not.
  const keptOn = sql`(select min(c.received_on)
       from (select pay.received_on,
                    sum(pay.amount) over (order by pay.received_on, pay.id rows between unbounded preceding and current row) as running
             ${counted}) c
      where c.running >= p.amount)`;
  const paid = sql`(select coalesce(sum(pay.amount), 0)::bigint ${counted})`;
  // One UPDATE of the promises table alone, with correlated subqueries (each an index probe into
  // the customer's payments), rather than a join of promises to a derived table: PGlite has no
  // autovacuum, so its tables often have no statistics, and the planner then estimates one row
  // and picks nested loops that are quadratic in the number of promises. This plan is linear
  // whatever the statistics. "offset 0" keeps keptOn from being evaluated twice per row.
  const settled = await sql<SettledPromise>`
    update promises p
       set (status, resolved_on, updated_at) = (
             select case when k.kept_on is null then 'broken' else 'kept' end, coalesce(k.kept_on, p.due_on + ${grace} + 1), now()
               from (select ${keptOn} as kept_on offset 0) k)
     where p.org_id = ${orgId} and p.status = 'pending' and p.made_on <= ${day}
       and (${day} > p.due_on + ${grace} or ${keptOn} is not null)
    returning p.id, p.customer_id, p.amount, p.currency, p.made_on, p.due_on, p.status, p.resolved_on, ${paid} as paid`.execute(db);
  return settled.rows;
}
