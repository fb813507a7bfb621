// The hold contract: a pause on collection for a customer, or one of its invoices, with a reason
// and an end date (or until released).
import { textLimits } from '../../domain/text-limits.ts';
import { z } from '@hono/zod-openapi';
import type { HoldRow } from '../../db/queries/holds.ts';
import type { IsoDate as IsoDateValue } from '../../domain/calendar.ts';
import { isHoldActive } from '../../domain/pauses.ts';
import { Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const Hold = z
  .object({
    id: Id,
    customerId: Id,
    invoiceId: Id.nullable().openapi({ description: 'null: the whole customer is on hold' }),
    invoiceNumber: z.string().nullable(),
    reason: z.string(),
    startsOn: IsoDate,
    endsOn: IsoDate.nullable().openapi({ description: 'the last day of the pause; null: until released' }),
    releasedOn: IsoDate.nullable(),
    active: z.boolean().openapi({ description: 'whether it pauses collection today (in the organisation’s time zone)' }),
    createdBy: z.string(),
    createdAt: Timestamp,
  })
  .openapi('Hold');

export const CreateHold = z
  .strictObject({
    customerId: IdInput,
    invoiceId: IdInput.nullable().optional().openapi({ description: 'hold only this invoice of the customer; leave out to hold the whole customer' }),
    reason: z.string().max(textLimits.reason).openapi({ example: 'waiting for the customer’s insurer' }),
    endsOn: IsoDate.nullable().optional().openapi({ description: 'the last day of the pause, today or later; leave out to hold until released' }),
  })
  .openapi('CreateHold');

export const ReleaseHold = z.strictObject({ note: z.string().max(textLimits.reason).nullable().optional() }).openapi('ReleaseHold');

const Flag = z.enum(['true', 'false']).transform((text) => text === 'true');

export const HoldListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  invoiceId: IdInput.optional(),
  active: Flag.optional().openapi({ type: 'string', enum: ['true', 'false'], description: 'true: only holds pausing collection today; false: only ended or released ones' }),
});

export const HoldPage = pageOf(Hold, 'HoldPage');

export function toHold(row: HoldRow, today: IsoDateValue): z.input<typeof Hold> {
  return {
    id: String(row.id),
    customerId: String(row.customer_id),
    invoiceId: row.invoice_id === null ? null : String(row.invoice_id),
    invoiceNumber: row.invoice_number,
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    releasedOn: row.released_on,
    active: isHoldActive({ startsOn: row.starts_on, endsOn: row.ends_on, releasedOn: row.released_on }, today),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
