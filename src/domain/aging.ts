// Aging buckets: which bucket a number of days past due falls in, and sums of bucket amounts.
// The bucket boundaries live here only; the aging query is built from `agingBucketRanges`.

export const agingBuckets = ['current', '1-30', '31-60', '61-90', '91+'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

/**
 * Days past due (as-of date − due date) covered by each bucket, both ends inclusive; null = open.
 * Due today is 0 days past due, so `current`: nothing is overdue on its due date.
 */
export const agingBucketRanges: ReadonlyArray<{ bucket: AgingBucket; minDays: number | null; maxDays: number | null }> = [
  { bucket: 'current', minDays: null, maxDays: 0 },
  { bucket: '1-30', minDays: 1, maxDays: 30 },
  { bucket: '31-60', minDays: 31, maxDays: 60 },
  { bucket: '61-90', minDays: 61, maxDays: 90 },
  { bucket: '91+', minDays: 91, maxDays: null },
];

export function bucketOfDaysPastDue(daysPastDue: number): AgingBucket {
  for (const { bucket, minDays, maxDays } of agingBucketRanges) {
    if ((minDays === null || daysPastDue >= minDays) && (maxDays === null || daysPastDue <= maxDays)) return bucket;
  }
  // unreachable: the ranges cover every integer
  throw new Error(`no aging bucket for ${daysPastDue} days`);
}

/** Minor-unit amounts per bucket plus their total (always the sum of the buckets). */
export type BucketAmounts = Record<AgingBucket | 'total', bigint>;

/**
 * Totals per currency of rows that each carry one currency; never adds across currencies. Keys
 * sorted. Written out bucket by bucket: over a 100k-customer report a loop over the bucket names
 * with keyed access took ≈4× as long.
 */
export function agingTotalsByCurrency(rows: Iterable<Pick<AgingAmounts, AgingBucket | 'chaseable'> & { currency: string }>): Record<string, AgingAmounts> {
  const sums = new Map<string, [bigint, bigint, bigint, bigint, bigint, bigint]>();
  for (const row of rows) {
    let sum = sums.get(row.currency);
    if (!sum) sums.set(row.currency, (sum = [0n, 0n, 0n, 0n, 0n, 0n]));
    sum[0] += row.current;
    sum[1] += row['1-30'];
    sum[2] += row['31-60'];
    sum[3] += row['61-90'];
    sum[4] += row['91+'];
    sum[5] += row.chaseable;
  }
  const currencies = [...sums.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(currencies.map((currency) => [currency, agingAmounts(sums.get(currency)!)]));
}

/**
 * Beside the buckets, what may be chased of what is overdue (src/db/queries/chaseable.ts): the
 * overdue balance less disputed parts, and nothing of what is on hold or under a pending promise.
 * What a user sees actually being chased, where the buckets show what is owed.
 */
export type AgingAmounts = BucketAmounts & { chaseable: bigint };

/** One row of the aging report: a customer's amounts in one currency. */
export interface AgingCustomerRow extends AgingAmounts {
  /** The customer id, as text (JSON has no exact 64-bit integers for ids). */
  id: string;
  externalId: string;
  name: string;
  currency: string;
}

const nameOrder = new Intl.Collator('en', { numeric: true });

/** Report order: by currency, then largest total first, then name, then id. */
export function compareAgingRows(a: AgingCustomerRow, b: AgingCustomerRow): number {
  if (a.currency !== b.currency) return a.currency < b.currency ? -1 : 1;
  if (a.total !== b.total) return a.total > b.total ? -1 : 1;
  return nameOrder.compare(a.name, b.name) || compareIds(a.id, b.id);
}

function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Sorts rows into report order (compareAgingRows) in place. A portfolio can have 100k rows, so
 * they are split by currency first (a handful of groups, no currency comparison per pair), and
 * the comparisons run on a float copy of each total: converting to a float never reverses an
 * order, and only totals that land on the same float are compared as bigints. `floatTotals[i]`,
 * when given, is that copy of `rows[i].total` (Number(bigint) costs ≈ 75 ns a row).
 */
export function sortAgingRows(rows: AgingCustomerRow[], floatTotals?: Float64Array): AgingCustomerRow[] {
  const byCurrency = new Map<string, Array<{ row: AgingCustomerRow; total: number }>>();
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    let group = byCurrency.get(row.currency);
    if (!group) byCurrency.set(row.currency, (group = []));
    group.push({ row, total: floatTotals ? floatTotals[index]! : Number(row.total) });
  }
  let index = 0;
  for (const currency of [...byCurrency.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const group = byCurrency.get(currency)!;
    group.sort((a, b) => b.total - a.total || compareAgingRows(a.row, b.row));
    for (const entry of group) rows[index++] = entry.row;
  }
  return rows;
}

/**
 * The total of the five float amounts at `floats[offset…offset + 4]`, when adding them as floats
 * is exact (every amount, and the sum of their sizes, within 2^53); NaN otherwise, and when one
 * of them is NaN (an amount too large to be a float exactly).
 */
export function exactFloatTotal(floats: Float64Array, offset: number): number {
  let total = 0;
  let size = 0;
  for (let bucket = 0; bucket < agingBuckets.length; bucket++) {
    const amount = floats[offset + bucket]!;
    total += amount;
    size += Math.abs(amount);
  }
  return size <= Number.MAX_SAFE_INTEGER ? total : NaN;
}

/**
 * The report's rows in order, and its totals per currency, for rows whose amounts the caller has
 * read as floats too: `floats[5 * i + k]` is bucket k of `rows[i]`, exactly (a safe integer), or
 * NaN when it is too large for that. Adding up floats is exact while every partial sum stays
 * within 2^53, which holds when the sum of all the amounts' sizes does; then no bigint arithmetic
 * runs (each bigint operation allocates: ≈ 70 ms and the garbage over 100k rows). Otherwise the
 * totals are added up as bigints.
 */
export function orderAndTotal(rows: AgingCustomerRow[], floats: Float64Array): { customers: AgingCustomerRow[]; totals: Record<string, AgingAmounts> } {
  const sums = new Map<string, Float64Array>();
  const chaseable = new Map<string, bigint>();
  const floatTotals = new Float64Array(rows.length);
  let size = 0;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index]!;
    let sum = sums.get(row.currency);
    if (!sum) sums.set(row.currency, (sum = new Float64Array(agingBuckets.length)));
    chaseable.set(row.currency, (chaseable.get(row.currency) ?? 0n) + row.chaseable);
    for (let bucket = 0; bucket < agingBuckets.length; bucket++) {
      const amount = floats[agingBuckets.length * index + bucket]!;
      sum[bucket] = sum[bucket]! + amount;
      size += Math.abs(amount);
    }
    const total = exactFloatTotal(floats, agingBuckets.length * index);
    floatTotals[index] = Number.isNaN(total) ? Number(row.total) : total;
  }
  const totals =
    size <= Number.MAX_SAFE_INTEGER
      ? Object.fromEntries([...sums.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((currency) => [currency, agingAmounts([...[...sums.get(currency)!].map(BigInt), chaseable.get(currency)!])]))
      : agingTotalsByCurrency(rows);
  return { customers: sortAgingRows(rows, floatTotals), totals };
}

function agingAmounts([current, b1, b2, b3, b4, chaseable]: bigint[]): AgingAmounts {
  return { current: current!, '1-30': b1!, '31-60': b2!, '61-90': b3!, '91+': b4!, total: current! + b1! + b2! + b3! + b4!, chaseable: chaseable! };
}
