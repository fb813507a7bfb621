// Decides, for one organisation and date, which pending promises to pay were kept and which were
// broken, from the payments received. The daily cycle calls it first, so its snapshot already sees
// the outcome. Set-based: one UPDATE decides and marks them all, and one INSERT writes their
// timeline entries; no query runs per promise (their SQL: db/queries/settle-promises.ts).
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
// date finds nothing pending to decide, so it changes nothing. The timeline entry is stamped at
// the start of resolved_on in the organisation's zone: the business day it happened, whenever
// the cycle ran.
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { insertActivities } from '../../db/queries/activities.ts';
import { settlePendingPromises, type SettledPromise } from '../../db/queries/settle-promises.ts';
import type { Org } from '../../db/schema.ts';
import { startsOfDays, type IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';

export async function settlePromises(tx: Executor, org: Pick<Org, 'id' | 'time_zone'>, date: IsoDate, graceDays: number): Promise<{ kept: number; broken: number }> {
  if (!Number.isInteger(graceDays) || graceDays < 0) throw new RangeError(`graceDays must be a whole number of days ≥ 0 (got ${graceDays})`);
  return inTransaction(tx, async (db) => {
    const rows = await settlePendingPromises(db, org.id, date, graceDays);
    const dayStart = startsOfDays(org.time_zone);
    await insertActivities(db, org.id, 'system', rows.map((row) => ({ ...activityOf(row, graceDays), at: dayStart(row.resolved_on) })));
    const kept = rows.filter((row) => row.status === 'kept').length;
    return { kept, broken: rows.length - kept };
  });
}

function activityOf(row: SettledPromise, graceDays: number) {
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
