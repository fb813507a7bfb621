// The aging report's one set-based read: open, undisputed balances per customer and currency,
// split into the domain's buckets, and beside them what may be chased of what is overdue (the one
// rule of chaseable.ts: less disputed parts, nothing while held or under a pending promise). It has
// to stay within 2× a plain `select customer_id, sum(balance) … group by customer_id` over a million
// open invoices, so:
// - invoices are read in a single pass with one filtered sum per bucket; the bucket bounds become
//   due-date cut-offs computed here, so no date arithmetic runs per row;
// - the sums per customer are money_sum (bigint all the way, migration 0008), not sum (numeric),
//   whose state per group was the largest cost beyond reading the invoices. A customer's sum stays
//   within int8 unless that one customer has over 922,000 invoices at the cap (maxAmount, 10^13
//   minor units; money_sum then fails rather than wrap); the organisation's totals, which can pass
//   int8, are added up here as bigint;
// - the plan streams: invoices in (customer, currency) order from the partial index
//   invoices_open_customer, aggregated group by group (in parallel workers, merged in order),
//   merge-joined with customers in id order, so rows reach JavaScript (and are parsed there) while
//   PostgreSQL is still aggregating. With the default planner costs (see plannerSettings) it
//   hashes the whole table in one process first and nothing arrives until it is done (≈ 100 ms
//   more at 1M invoices);
// - open disputes (a small table) are not joined to every invoice: their amounts are aged on their
//   own, sent after the customers' rows and subtracted here. Their invoices are read by primary
//   key (`id = any(array(…))`): joined plainly, the planner hashes the disputes and scans every
//   invoice a second time. Likewise the chaseable figure: the overdue balance from the one pass,
//   less what the few paused invoices (chaseableInvoicesSql's onlyPaused) may not be chased for.
import { sql, type RawBuilder } from 'kysely';
import { agingBucketRanges, agingBuckets, agingTotalsByCurrency, exactFloatTotal, orderAndTotal, type AgingAmounts, type AgingCustomerRow } from '../../domain/aging.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../executor.ts';
import { chaseableInvoicesSql, openDisputedSql } from './chaseable.ts';

export type { AgingCustomerRow } from '../../domain/aging.ts';

/** "days past due (asOf − due) within [min, max]" as a condition on a due-date column. */
export function bucketCondition(dueDate: RawBuilder<unknown>, asOf: IsoDate, minDays: number | null, maxDays: number | null) {
  const latestDue = minDays === null ? null : addDays(asOf, -minDays);
  const earliestDue = maxDays === null ? null : addDays(asOf, -maxDays);
  if (latestDue && earliestDue) return sql`${dueDate} between ${earliestDue}::date and ${latestDue}::date`;
  if (latestDue) return sql`${dueDate} <= ${latestDue}::date`;
  if (earliestDue) return sql`${dueDate} >= ${earliestDue}::date`;
  return sql`true`;
}

/** One `money_sum(amount) filter (where <bucket>) as bN` per bucket, in bucket order (per customer: see above). */
function bucketSums(amount: RawBuilder<unknown>, dueDate: RawBuilder<unknown>, asOf: IsoDate) {
  return sql.join(
    agingBucketRanges.map(
      ({ minDays, maxDays }, index) =>
        sql`coalesce(money_sum(${amount}) filter (where ${bucketCondition(dueDate, asOf, minDays, maxDays)}), 0) as ${sql.ref(`b${index}`)}`,
    ),
  );
}

/**
 * `packed` is "<customer id> <currency> <b0> … <b4> <overdue>", b0…b4 the buckets of
 * agingBucketRanges in order (AgingCustomerRow's type catches a new bucket); on a customer's row
 * <overdue> is its positive overdue balance, on a paused row what of that may not be chased.
 */
type Row = { packed: string; external_id: string | null; name: string | null };

/**
 * The report's sources as a WITH clause: `gross`, per (customer, currency), the open invoices'
 * balances per bucket (`b0`…`b4`) and the positive overdue balance (`overdue`); `disputed`, per
 * (customer, currency), the disputed amounts per bucket and (`paused`) what of the overdue may not
 * be chased. A customer's row is its `gross` row less its `disputed` rows.
 */
function agingParts(orgId: bigint, asOf: IsoDate) {
  const zeroBuckets = sql.join(agingBuckets.map((_, index) => sql`0 as ${sql.ref(`b${index}`)}`));
  return sql`
    with open_disputes as (
      select invoice_id, ${openDisputedSql} as amount
        from disputes
       where org_id = ${orgId} and status = 'open'
       group by invoice_id
    ), gross as (
      select customer_id, currency, ${bucketSums(sql.ref('balance'), sql.ref('due_date'), asOf)},
             coalesce(money_sum(balance) filter (where balance > 0 and due_date < ${asOf}::date), 0) as overdue
        from invoices
       where org_id = ${orgId} and status = 'open' and issue_date <= ${asOf}::date
       group by customer_id, currency
    ), disputed as (
      select i.customer_id, i.currency, ${bucketSums(sql`coalesce(least(o.amount, greatest(i.balance, 0)), i.balance)`, sql.ref('i.due_date'), asOf)}, 0 as paused
        from open_disputes o
        join invoices i on i.org_id = ${orgId} and i.id = o.invoice_id
       where i.id = any(array(select invoice_id from open_disputes))
         and i.status = 'open' and i.issue_date <= ${asOf}::date
       group by i.customer_id, i.currency
      union all
      select p.customer_id, p.currency, ${zeroBuckets}, money_sum(p.balance - p.amount) as paused
        from (${chaseableInvoicesSql({ orgId, date: asOf, customerPauses: true, onlyPaused: true, where: sql`and i.due_date < ${asOf}::date` })}) p
       group by p.customer_id, p.currency
    )`;
}

/**
 * The report's totals per currency alone (`agingByCustomer(…).totals`, the same figures), for a
 * reader that shows no customer: the customers' rows are netted and added up in SQL and only one
 * row per currency comes back, instead of ≈ 100,000 rows parsed and sorted in JavaScript. The sums
 * over customers are numeric (an organisation's total may pass int8) and come back as text.
 */
export async function agingTotals(db: Executor, orgId: bigint, asOf: IsoDate): Promise<Record<string, AgingAmounts>> {
  const buckets = agingBucketRanges.map((_, index) => `b${index}`);
  const net = sql.join(buckets.map((b) => sql`r.${sql.ref(b)} - coalesce(d.${sql.ref(b)}, 0) as ${sql.ref(b)}`));
  const disputedSums = sql.join(buckets.map((b) => sql`sum(${sql.ref(b)}) as ${sql.ref(b)}`));
  const totals = sql.join(buckets.map((b) => sql`sum(${sql.ref(b)})::text as ${sql.ref(b)}`));
  const nonZero = sql.join(buckets.map((b) => sql.ref(b)), sql` + `);
  // as netOfDisputes: a customer's disputed rows taken off its own row (none without one), and a
  // row that comes to nothing (no total, nothing chaseable) leaves no currency behind
  const query = sql<{ currency: string; b0: string; b1: string; b2: string; b3: string; b4: string; chaseable: string }>`
    ${agingParts(orgId, asOf)}, netted as (
      select r.currency, ${net}, r.overdue - coalesce(d.paused, 0) as chaseable
        from gross r
        left join (select customer_id, currency, ${disputedSums}, sum(paused) as paused from disputed group by customer_id, currency) d
          on d.customer_id = r.customer_id and d.currency = r.currency
    )
    select currency, ${totals}, sum(chaseable)::text as chaseable
      from netted
     where ${nonZero} <> 0 or chaseable <> 0
     group by currency`;
  const { rows } = await withPlannerSettings(db, (tx) => query.execute(tx));
  return agingTotalsByCurrency(
    rows.map((row) => ({ currency: row.currency, current: BigInt(row.b0), '1-30': BigInt(row.b1), '31-60': BigInt(row.b2), '61-90': BigInt(row.b3), '91+': BigInt(row.b4), chaseable: BigInt(row.chaseable) })),
  );
}

/**
 * Aging as of `asOf` per (customer, currency) with a non-zero total or chaseable amount, in report
 * order (see compareAgingRows). An invoice counts when its status is 'open' and it was issued on
 * or before `asOf`, for its balance now (the report is point in time) less its open disputed
 * amount: a dispute without an amount takes the whole balance, several open disputes add up, and
 * never more than the balance is taken out. `chaseable` is what may be chased on `asOf` of the
 * overdue invoices (due before `asOf`), by chaseable.ts: holds and pending promises pause it too.
 */
export async function agingByCustomer(db: Executor, orgId: bigint, asOf: IsoDate): Promise<{ customers: AgingCustomerRow[]; totals: Record<string, AgingAmounts> }> {
  // Delivering rows to JavaScript costs per value (≈0.2–0.4 µs each in the driver), and the floor
  // delivers two per customer. So the id, the currency and the six amounts travel as one
  // space-separated text ("<id> <currency> <b0> … <b4> <overdue>": none of them can contain a
  // space) and are split here; only the external id and the name, which may hold any character,
  // travel on their own. The disputed and paused amounts come last, with a null name. The total is
  // added up in JS, and the order made there too: an ORDER BY over 100k rows measured ≈300 ms,
  // the JS sort 30–90 ms.
  const packed = (alias: string, overdue: string) =>
    sql.join([sql.ref(`${alias}.customer_id`), sql.ref(`${alias}.currency`), ...agingBucketRanges.map((_, index) => sql.ref(`${alias}.b${index}`)), sql.ref(overdue)]);
  const query = sql<Row>`
    ${agingParts(orgId, asOf)}
    select concat_ws(' ', ${packed('r', 'r.overdue')}) as packed, c.external_id, c.name
      from gross r
      join customers c on c.org_id = ${orgId} and c.id = r.customer_id
    union all
    select concat_ws(' ', ${packed('d', 'd.paused')}), null, null from disputed d`;
  const { rows } = await withPlannerSettings(db, (tx) => query.execute(tx));
  return netOfDisputes(rows);
}

const bucketCount = agingBucketRanges.length;

/** The amount written in text[start, end) as a float: exact for up to 15 digits (all but the largest amounts), else NaN. */
function floatBetween(text: string, start: number, end: number): number {
  if (end - start > 15) return NaN;
  const negative = text.charCodeAt(start) === 45; // '-'
  let value = 0;
  for (let at = negative ? start + 1 : start; at < end; at++) value = value * 10 + (text.charCodeAt(at) - 48);
  return negative ? -value : value;
}

/** The same amount exactly, made from the float when that is exact (no substring). */
function bigintBetween(text: string, start: number, end: number, float: number): bigint {
  if (Number.isNaN(float)) return BigInt(text.slice(start, end));
  return float === 0 ? 0n : BigInt(float);
}

/**
 * Reads "<id> <currency> <b0> … <b4> <overdue>" in one pass, with no substring per bucket amount
 * (≈ 20 ms less over 100k rows than split(' ') and BigInt(text)), writing the float copies of the
 * buckets to `floats[offset…offset + 4]`. A tuple indexed, never destructured: array destructuring
 * runs the iterator protocol (≈ 30–40 ms more over 100k rows).
 */
function parsePacked(
  text: string,
  floats: Float64Array,
  offset: number,
): [id: string, currency: string, b0: bigint, b1: bigint, b2: bigint, b3: bigint, b4: bigint, overdue: bigint] {
  const s1 = text.indexOf(' ');
  const s2 = text.indexOf(' ', s1 + 1);
  const s3 = text.indexOf(' ', s2 + 1);
  const s4 = text.indexOf(' ', s3 + 1);
  const s5 = text.indexOf(' ', s4 + 1);
  const s6 = text.indexOf(' ', s5 + 1);
  const s7 = text.indexOf(' ', s6 + 1);
  const f0 = (floats[offset] = floatBetween(text, s2 + 1, s3));
  const f1 = (floats[offset + 1] = floatBetween(text, s3 + 1, s4));
  const f2 = (floats[offset + 2] = floatBetween(text, s4 + 1, s5));
  const f3 = (floats[offset + 3] = floatBetween(text, s5 + 1, s6));
  const f4 = (floats[offset + 4] = floatBetween(text, s6 + 1, s7));
  return [
    text.slice(0, s1),
    text.slice(s1 + 1, s2),
    bigintBetween(text, s2 + 1, s3, f0),
    bigintBetween(text, s3 + 1, s4, f1),
    bigintBetween(text, s4 + 1, s5, f2),
    bigintBetween(text, s5 + 1, s6, f3),
    bigintBetween(text, s6 + 1, s7, f4),
    bigintBetween(text, s7 + 1, text.length, floatBetween(text, s7 + 1, text.length)),
  ];
}

/** What is taken off a customer's row in one currency: disputed amounts per bucket, and the overdue amount paused. */
type Disputed = { currency: string; amounts: bigint[]; floats: Float64Array; paused: bigint };

/**
 * The customers' rows, less what is disputed, without those that come to nothing, in report order
 * with the totals per currency (orderAndTotal, given the float copies the parse made: no bigint
 * arithmetic for them).
 */
function netOfDisputes(rows: Row[]): { customers: AgingCustomerRow[]; totals: Record<string, AgingAmounts> } {
  // by customer id (a string the row has already: no key is built per row), then currency
  const disputed = new Map<string, Disputed[]>();
  let customerRows = rows.length;
  while (customerRows > 0 && rows[customerRows - 1]!.name === null) {
    const floats = new Float64Array(bucketCount);
    const packed = parsePacked(rows[--customerRows]!.packed, floats, 0);
    const list = disputed.get(packed[0]) ?? [];
    const same = list.find((other) => other.currency === packed[1]);
    if (!same) disputed.set(packed[0], [...list, { currency: packed[1], amounts: packed.slice(2, 2 + bucketCount) as bigint[], floats, paused: packed[7] }]);
    else {
      // a customer's disputed and paused rows in one currency come apart: add them up
      for (let bucket = 0; bucket < bucketCount; bucket++) {
        same.amounts[bucket] = same.amounts[bucket]! + (packed[2 + bucket] as bigint);
        const sum = same.floats[bucket]! + floats[bucket]!;
        same.floats[bucket] = Number.isSafeInteger(sum) ? sum : NaN;
      }
      same.paused += packed[7];
    }
  }
  const result: AgingCustomerRow[] = [];
  const floats = new Float64Array(customerRows * bucketCount);
  for (let index = 0; index < customerRows; index++) {
    const row = rows[index]!;
    const offset = result.length * bucketCount;
    const packed = parsePacked(row.packed, floats, offset);
    const id = packed[0];
    const currency = packed[1];
    let b0 = packed[2];
    let b1 = packed[3];
    let b2 = packed[4];
    let b3 = packed[5];
    let b4 = packed[6];
    let chaseable = packed[7];
    const less = disputed.size > 0 ? disputed.get(id)?.find((other) => other.currency === currency) : undefined;
    if (less) {
      b0 -= less.amounts[0]!;
      b1 -= less.amounts[1]!;
      b2 -= less.amounts[2]!;
      b3 -= less.amounts[3]!;
      b4 -= less.amounts[4]!;
      chaseable -= less.paused;
      for (let bucket = 0; bucket < bucketCount; bucket++) {
        const net = floats[offset + bucket]! - less.floats[bucket]!;
        floats[offset + bucket] = Number.isSafeInteger(net) ? net : NaN;
      }
    }
    // one bigint from the float total when that is exact, not four bigint additions
    const floatTotal = exactFloatTotal(floats, offset);
    const total = Number.isNaN(floatTotal) ? b0 + b1 + b2 + b3 + b4 : floatTotal === 0 ? 0n : BigInt(floatTotal);
    // a literal per row (not built up key by key): over 100k rows the difference is ≈100 ms
    if (total !== 0n || chaseable !== 0n) result.push({ id, externalId: row.external_id!, name: row.name!, currency, current: b0, '1-30': b1, '31-60': b2, '61-90': b3, '91+': b4, total, chaseable });
  }
  return orderAndTotal(result, floats.subarray(0, result.length * bucketCount));
}

/**
 * Runs `work` with this query's planner settings, for the transaction only (`set_config(…, true)`
 * = `set local`, which needs a transaction: ours, or the caller's, where the previous values are
 * put back afterwards; after a failure the caller's transaction is aborted, and its rollback undoes
 * the settings anyway):
 * - JIT off: PostgreSQL decides on JIT from the plan's cost, and this query's cost crosses
 *   jit_above_cost where the plain sum does not: measured on 1M invoices, JIT spent 150–200 ms
 *   compiling to save nothing;
 * - random_page_cost 1.1 (the usual value for SSDs and cached tables, against the default 4 for
 *   spinning disks): with it the planner reads the invoices in index order and streams (above);
 * - parallel_tuple_cost 0.02 (default 0.1): with the default, handing ≈ 2 partial rows per
 *   customer from the workers to the leader looks too dear and the whole scan runs in one process.
 *   In parallel (each worker aggregating its share of the index, the leader merging in order) the
 *   report measured ≈ 50 ms less at 1M invoices on 2 cores. Small portfolios stay serial: an
 *   index under min_parallel_index_scan_size (512 kB) is never split.
 */
const plannerSettings = { jit: 'off', random_page_cost: '1.1', parallel_tuple_cost: '0.02' } as const;

async function withPlannerSettings<T>(db: Executor, work: (db: Executor) => Promise<T>): Promise<T> {
  const apply = (tx: Executor, values: Record<keyof typeof plannerSettings, string>) =>
    sql`select ${sql.join(Object.entries(values).map(([name, value]) => sql`set_config(${name}, ${value}, true)`))}`.execute(tx);
  if (!db.isTransaction) {
    return db.transaction().execute(async (tx) => {
      await apply(tx, plannerSettings);
      return work(tx);
    });
  }
  const { rows } = await sql<Record<keyof typeof plannerSettings, string>>`
    select ${sql.join(Object.keys(plannerSettings).map((name) => sql`current_setting(${name}) as ${sql.ref(name)}`))}`.execute(db);
  await apply(db, plannerSettings);
  const result = await work(db);
  await apply(db, rows[0]!);
  return result;
}
