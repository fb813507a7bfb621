// The promise-to-pay contract: an amount by a date; kept or broken is decided from the payments
// received by the daily cycle. A new promise supersedes the customer's pending one.
import { textLimits } from '../../domain/text-limits.ts';
import { z } from '@hono/zod-openapi';
import type { PromiseRow } from '../../db/queries/promises.ts';
import { maxPromiseDays, promiseStatuses } from '../../domain/pauses.ts';
import { Amount, AmountInput, Currency, Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const PromiseToPay = z
  .object({
    id: Id,
    customerId: Id,
    customerName: z.string(),
    madeOn: IsoDate,
    dueOn: IsoDate,
    amount: Amount,
    currency: z.string(),
    status: z.enum(promiseStatuses),
    resolvedOn: IsoDate.nullable().openapi({ description: 'kept: the day the payments reached the amount; broken: the day after the grace period; cancelled: the day it was cancelled' }),
    note: z.string().nullable(),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Promise');

export const CreatePromise = z
  .strictObject({
    customerId: IdInput,
    amount: AmountInput.refine((n) => n > 0n, 'must be more than zero'),
    currency: Currency.optional().openapi({ description: 'defaults to the customer’s currency; must be one the customer owes in' }),
    dueOn: IsoDate.openapi({ description: `today or later, at most ${maxPromiseDays} days ahead` }),
    note: z.string().max(textLimits.promiseNote).nullable().optional(),
  })
  .openapi('CreatePromise');

export const RecordedPromise = PromiseToPay.extend({
  superseded: PromiseToPay.nullable().openapi({ description: 'the customer’s pending promise this one replaced (now cancelled), if any' }),
}).openapi('RecordedPromise');

export const CancelPromise = z.strictObject({ reason: z.string().max(textLimits.reason).nullable().optional() }).openapi('CancelPromise');

export const PromiseListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  status: z.enum(promiseStatuses).optional(),
  dueFrom: IsoDate.optional().openapi({ description: 'due on or after this day' }),
  dueTo: IsoDate.optional().openapi({ description: 'due on or before this day: with status=pending, dueFrom today and dueTo 30 days ahead, the promises behind the dashboard’s promisedNext30Days' }),
});

export const PromisePage = pageOf(PromiseToPay, 'PromisePage');

export function toPromise(row: PromiseRow): z.input<typeof PromiseToPay> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    customerName: row.customer_name,
    madeOn: row.made_on,
    dueOn: row.due_on,
    amount: row.amount,
    currency: row.currency,
    status: row.status,
    resolvedOn: row.resolved_on,
    note: row.note,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
