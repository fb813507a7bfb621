// The aging report: open, undisputed balances per customer and currency in the standard buckets,
// and what of the overdue part may be chased (src/db/queries/chaseable.ts), with totals per
// currency (never across currencies). The CLI's `aging --json` and the HTTP API
// both return this shape; amounts are bigint minor units, written exactly by stringifyJson.
import { agingByCustomer } from '../../db/queries/aging.ts';
import type { Executor } from '../../db/executor.ts';
import { agingBuckets, type AgingAmounts, type AgingBucket, type AgingCustomerRow } from '../../domain/aging.ts';
import { isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';

export type { AgingAmounts, AgingBucket, AgingCustomerRow, BucketAmounts } from '../../domain/aging.ts';

export interface AgingReport {
  asOf: IsoDate;
  buckets: AgingBucket[];
  /** Per currency code (sorted): each bucket, the total and the chaseable amount. */
  totals: Record<string, AgingAmounts>;
  /** One row per customer and currency with a non-zero total: by currency, largest total first, then name. */
  customers: AgingCustomerRow[];
}

export async function computeAging(db: Executor, orgId: bigint, asOf: IsoDate): Promise<AgingReport> {
  if (!isIsoDate(asOf)) throw new AppError('invalid_input', `the as-of date "${asOf}" is not a date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31`);
  const { customers, totals } = await agingByCustomer(db, orgId, asOf);
  return { asOf, buckets: [...agingBuckets], totals, customers };
}
