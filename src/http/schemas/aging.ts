// The aging report contract: totals per currency for the whole report, and the per-customer rows
// as a paginated list.
import { z } from '@hono/zod-openapi';
import { agingBuckets } from '../../domain/aging.ts';
import { Amount, Id, IsoDate } from './common.ts';
import { PageQuery } from './pagination.ts';

const bucketShape = Object.fromEntries([...agingBuckets, 'total'].map((bucket) => [bucket, Amount])) as Record<(typeof agingBuckets)[number] | 'total', typeof Amount>;

const Chaseable = Amount.openapi({
  description: 'what may be chased of the overdue amount (due before asOf): less disputed parts, nothing of what is on hold or under a pending promise to pay',
});

export const BucketAmounts = z
  .object({ ...bucketShape, chaseable: Chaseable })
  .openapi('AgingBucketAmounts', { description: 'minor units per bucket; total is their sum; chaseable is what is being chased' });

export const AgingRow = z
  .object({ id: Id, externalId: z.string(), name: z.string(), currency: z.string(), ...bucketShape, chaseable: Chaseable })
  .openapi('AgingRow', { description: 'one customer’s open, undisputed balance in one currency, and what of it is being chased' });

export const AgingPage = z
  .object({
    asOf: IsoDate,
    buckets: z.array(z.enum(agingBuckets)).openapi({ description: 'days past due: current (not yet due, or due that day), 1-30, 31-60, 61-90, 91+' }),
    totals: z.record(z.string(), BucketAmounts).openapi({ description: 'per currency code, for the whole report (not only this page)' }),
    data: z.array(AgingRow).openapi({ description: 'by customer id; a customer’s rows in several currencies stay on one page' }),
    nextCursor: z.string().nullable().openapi({ description: 'pass as ?cursor= for the next page; null on the last page' }),
  })
  .openapi('AgingPage');

export const AgingQuery = PageQuery.extend({
  asOf: IsoDate.optional().openapi({ description: 'default: today in the organisation’s time zone' }),
});
