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

export function emptyBucketAmounts(): BucketAmounts {
  return { current: 0n, '1-30': 0n, '31-60': 0n, '61-90': 0n, '91+': 0n, total: 0n };
}

/** Adds `amounts` into `into` (mutates and returns it). */
export function addBucketAmounts(into: BucketAmounts, amounts: Pick<BucketAmounts, AgingBucket>): BucketAmounts {
  for (const bucket of agingBuckets) {
    into[bucket] += amounts[bucket];
    into.total += amounts[bucket];
  }
  return into;
}

/** Totals per currency of rows that each carry one currency; never adds across currencies. Keys sorted. */
export function agingTotalsByCurrency(rows: Iterable<Pick<BucketAmounts, AgingBucket> & { currency: string }>): Record<string, BucketAmounts> {
  const totals = new Map<string, BucketAmounts>();
  for (const row of rows) {
    let total = totals.get(row.currency);
    if (!total) totals.set(row.currency, (total = emptyBucketAmounts()));
    addBucketAmounts(total, row);
  }
  return Object.fromEntries([...totals.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One row of the aging report: a customer's amounts in one currency. */
export interface AgingCustomerRow extends BucketAmounts {
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
 * the comparisons run on a float copy of each total first: converting to a float never reverses
 * an order, and only totals that land on the same float are compared as bigints.
 */
export function sortAgingRows(rows: AgingCustomerRow[]): AgingCustomerRow[] {
  const keyed = rows.map((row) => ({ row, total: Number(row.total) }));
  keyed.sort((a, b) => {
    if (a.row.currency !== b.row.currency) return a.row.currency < b.row.currency ? -1 : 1;
    if (a.total !== b.total) return b.total - a.total;
    return compareAgingRows(a.row, b.row);
  });
  keyed.forEach((entry, index) => (rows[index] = entry.row));
  return rows;
}
