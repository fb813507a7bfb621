// Decides, for one organisation and date, which pending promises to pay were kept and which were
// broken, from the payments received. The daily cycle calls it first, so its snapshot already sees
// the outcome. Set-based: one UPDATE decides and marks them all, and one INSERT writes their
// timeline entries; no query runs per promise.
//
// What counts as paying a promise: payments by the same customer, in the promise's currency
// (whatever invoice they were allocated to, or none), received from the day the promise was made
// up to the end of its grace period (due_on + graceDays), and never after `date`. A payment
// received on the day the promise was made counts only if it was recorded after the promise, since
// one already on the books was no part of what the customer promised. Payments in other
// currencies, before the promise, or of other customers or organisations do not count.
//
// Kept: those payments add up to at least the promised amount; resolved_on is the day the running
// total reached it. Broken: `date` is past due_on + graceDays and they do not; resolved_on is the
// first day after the grace period. Because a payment after the grace period never counts, the
// outcome depends only on the payments, not on which day the cycle happened to run (a catch-up
// run after downtime decides the same as daily runs would have). Running it again for the same
// date finds nothing pending to decide, so it changes nothing.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';

interface Settled {
  id: bigint;
  customer_id: bigint;
  amount: bigint;
  currency: string;
  made_on: IsoDate;
  due_on: IsoDate;
  status: 'kept' | 'broken';
  resolved_on: IsoDate;
  paid: bigint;
}

export async function settlePromises(tx: Executor, orgId: bigint, date: IsoDate, graceDays: number): Promise<{ kept: number; broken: number }> {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError(`graceDays must be a whole number of days ≥ 0 (got ${graceDays})`);
  const grace = sql`${graceDays}::int`;
  const day = sql`${date}::date`;
  // The payments that count towards promise p (see the top of this file).
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
  return inTransaction(tx, async (db) => {
    // One UPDATE of the promises table alone, with correlated subqueries (each an index probe into
    // the customer's payments), rather than a join of promises to a derived table: PGlite has no
    // autovacuum, so its tables often have no statistics, and the planner then estimates one row
    // and picks nested loops that are quadratic in the number of promises. This plan is linear
    // whatever the statistics. "offset 0" keeps keptOn from being evaluated twice per row.
    const settled = await sql<Settled>`
      update promises p
         set (status, resolved_on, updated_at) = (
               select case when k.kept_on is null then 'broken' else 'kept' end, coalesce(k.kept_on, p.due_on + ${grace} + 1), now()
                 from (select ${keptOn} as kept_on offset 0) k)
       where p.org_id = ${orgId} and p.status = 'pending' and p.made_on <= ${day}
         and (${day} > p.due_on + ${grace} or ${keptOn} is not null)
      returning p.id, p.customer_id, p.amount, p.currency, p.made_on, p.due_on, p.status, p.resolved_on, ${paid} as paid`.execute(db);

    const rows = settled.rows;
    if (rows.length > 0) {
      // All the timeline entries in one statement, however many: one JSON parameter, not six per row.
      const entries = JSON.stringify(rows.map((row) => activityOf(row, graceDays)));
      await sql`insert into activities (org_id, customer_id, kind, actor, summary, data)
                select ${orgId}, (e->>'customerId')::bigint, e->>'kind', 'system', e->>'summary', e->'data'
                  from jsonb_array_elements(${entries}::jsonb) e`.execute(db);
    }
    const kept = rows.filter((row) => row.status === 'kept').length;
    return { kept, broken: rows.length - kept };
  });
}

function activityOf(row: Settled, graceDays: number) {
  const promised = `Promise to pay ${formatMoney(row.amount, row.currency)} by ${row.due_on}`;
  const summary =
    row.status === 'kept'
      ? `${promised} kept: paid in full on ${row.resolved_on}`
      : `${promised} broken: ${row.paid > 0n ? `only ${formatMoney(row.paid, row.currency)}` : 'nothing'} paid by the end of the ${graceDays}-day grace period`;
  return {
    customerId: String(row.customer_id),
    kind: row.status === 'kept' ? 'promise_kept' : 'promise_broken',
    summary,
    data: {
      promiseId: String(row.id),
      amount: String(row.amount),
      currency: row.currency,
      madeOn: row.made_on,
      dueOn: row.due_on,
      resolvedOn: row.resolved_on,
      paid: String(row.paid),
      graceDays,
    },
  };
}
