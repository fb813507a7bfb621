// The aging report's one set-based read: open, undisputed balances per customer and currency,
// split into the domain's buckets. It has to stay within 2× a plain
// `select customer_id, sum(balance) … group by customer_id` over a million open invoices, so:
// - invoices are read in a single pass with one filtered sum per bucket; the bucket bounds become
//   due-date cut-offs computed here, so no date arithmetic runs per row; the sums are money_sum
//   (bigint all the way, migration 0008), not sum (numeric);
// - open disputes (a small table) are not joined to every invoice: their amounts are aged on their
//   own and subtracted per customer after grouping. Their invoices are read by primary key
//   (`id = any(array(…))`): joined plainly, the planner hashes the disputes and scans every
//   invoice a second time (≈100 ms of the report at 1M invoices and 5k disputes);
// - customers are joined after grouping, once per customer row;
import { sql, type RawBuilder } from 'kysely';
import { agingBucketRanges, sortAgingRows, type AgingCustomerRow } from '../../domain/aging.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';

export type { AgingCustomerRow } from '../../domain/aging.ts';

/** "days past due (asOf − due) within [min, max]" as a condition on a due-date column. */
function bucketCondition(dueDate: RawBuilder<unknown>, asOf: IsoDate, minDays: number | null, maxDays: number | null) {
  const latestDue = minDays === null ? null : addDays(asOf, -minDays);
  const earliestDue = maxDays === null ? null : addDays(asOf, -maxDays);
  if (latestDue && earliestDue) return sql`${dueDate} between ${earliestDue}::date and ${latestDue}::date`;
  if (latestDue) return sql`${dueDate} <= ${latestDue}::date`;
  if (earliestDue) return sql`${dueDate} >= ${earliestDue}::date`;
  return sql`true`;
}

/**
 * One `money_sum(amount) filter (where <bucket>) as bN` per bucket, in bucket order. money_sum
 * (migration 0008) stays bigint: sum(bigint) is numeric, and its state per group was the largest
 * cost of the report beyond reading the invoices.
 */
function bucketSums(amount: RawBuilder<unknown>, dueDate: RawBuilder<unknown>, asOf: IsoDate) {
  return sql.join(
    agingBucketRanges.map(
      ({ minDays, maxDays }, index) =>
        sql`coalesce(money_sum(${amount}) filter (where ${bucketCondition(dueDate, asOf, minDays, maxDays)}), 0) as ${sql.ref(`b${index}`)}`,
    ),
  );
}

/**
 * `packed` is "<customer id> <currency> <b0> … <b4>", b0…b4 the buckets of agingBucketRanges in
 * order (AgingCustomerRow's type catches a new bucket).
 */
type Row = { packed: string; external_id: string; name: string };

/**
 * Aging as of `asOf` per (customer, currency) with a non-zero total, in report order (see
 * compareAgingRows). An invoice counts when its status is 'open' and it was issued on or before
 * `asOf`, for its balance now (the report is point in time) less its open disputed amount: a
 * dispute without an amount takes the whole balance, several open disputes add up, and never more
 * than the balance is taken out.
 */
export async function agingByCustomer(db: Executor, orgId: bigint, asOf: IsoDate): Promise<AgingCustomerRow[]> {
  const net = agingBucketRanges.map((_, index) => sql`(r.${sql.ref(`b${index}`)} - coalesce(d.${sql.ref(`b${index}`)}, 0))`);
  // Delivering rows to JavaScript costs per value (≈0.2–0.4 µs each in the driver), and the floor
  // delivers two per customer. So the id, the currency and the five amounts travel as one
  // space-separated text ("<id> <currency> <b0> … <b4>": none of them can contain a space) and are
  // split here; only the external id and the name, which may hold any character, travel on their
  // own. Measured at 100k rows: ≈100 ms less than seven columns. The total is added up in JS, and
  // the order made there too: an ORDER BY over 100k rows measured ≈300 ms, the JS sort 40–90 ms.
  const query = sql<Row>`
    with open_disputes as (
      select invoice_id, case when bool_or(amount is null) then null else money_sum(amount) end as amount
        from disputes
       where org_id = ${orgId} and status = 'open'
       group by invoice_id
    ), gross as (
      select customer_id, currency, ${bucketSums(sql.ref('balance'), sql.ref('due_date'), asOf)}
        from invoices
       where org_id = ${orgId} and status = 'open' and issue_date <= ${asOf}::date
       group by customer_id, currency
    ), disputed as (
      select i.customer_id, i.currency, ${bucketSums(sql`coalesce(least(o.amount, greatest(i.balance, 0)), i.balance)`, sql.ref('i.due_date'), asOf)}
        from open_disputes o
        join invoices i on i.org_id = ${orgId} and i.id = o.invoice_id
       where i.id = any(array(select invoice_id from open_disputes))
         and i.status = 'open' and i.issue_date <= ${asOf}::date
       group by i.customer_id, i.currency
    )
    select concat_ws(' ', r.customer_id, r.currency, ${sql.join(net)}) as packed, c.external_id, c.name
      from gross r
      left join disputed d on d.customer_id = r.customer_id and d.currency = r.currency
      join customers c on c.org_id = ${orgId} and c.id = r.customer_id
     where ${sql.join(net, sql` + `)} <> 0`;
  const { rows } = await withoutJit(db, (tx) => query.execute(tx));
  // A literal per row (not built up key by key): over 100k rows the difference is ≈100 ms.
  const result = rows.map(({ packed, external_id, name }): AgingCustomerRow => {
    const [id, currency, ...amounts] = packed.split(' ');
    const [b0, b1, b2, b3, b4] = amounts.map(BigInt) as [bigint, bigint, bigint, bigint, bigint];
    return { id: id!, externalId: external_id, name, currency: currency!, current: b0, '1-30': b1, '31-60': b2, '61-90': b3, '91+': b4, total: b0 + b1 + b2 + b3 + b4 };
  });
  return sortAgingRows(result);
}

/**
 * Runs `work` with JIT compilation off. PostgreSQL decides on JIT from the plan's cost, and this
 * query's cost crosses jit_above_cost where the plain sum does not: measured on 1M invoices, JIT
 * spent 150–200 ms compiling to save nothing, which alone breaks the 2× budget. `set local` needs
 * a transaction: ours, or the caller's, where the previous value is put back afterwards (after a
 * failure the caller's transaction is aborted, and its rollback undoes the setting anyway).
 */
async function withoutJit<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  if (!db.isTransaction) {
    return db.transaction().execute(async (tx) => {
      await sql`set local jit = off`.execute(tx);
      return work(tx);
    });
  }
  const previous = await sql<{ jit: string }>`select current_setting('jit') as jit`.execute(db);
  await sql`set local jit = off`.execute(db);
  const result = await work(db);
  await sql`select set_config('jit', ${previous.rows[0]!.jit}, true)`.execute(db);
  return result;
}
