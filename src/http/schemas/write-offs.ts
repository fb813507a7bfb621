// The write-off contract: an invoice's balance given up with a reason code, by an owner;
// reversible by an owner with a reason.
import { z } from '@hono/zod-openapi';
import type { WriteOffRow } from '../../db/queries/write-offs.ts';
import { writeOffExportFormats } from '../../domain/arrangements/write-off-export.ts';
import { writeOffReasonCodes } from '../../domain/arrangements/write-off-rules.ts';
import { nameOf, type ActorNames } from '../../db/queries/actor-names.ts';
import { ActorName, Amount, Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';

export const WriteOff = z
  .object({
    id: Id,
    invoiceId: Id,
    invoiceNumber: z.string(),
    customerId: Id,
    amount: Amount.openapi({ description: 'the balance written off' }),
    currency: z.string(),
    reasonCode: z.enum(writeOffReasonCodes),
    note: z.string().nullable(),
    writtenOffOn: IsoDate,
    createdBy: z.string(),
    createdByName: ActorName,
    settlementId: Id.nullable().openapi({ description: 'the settlement whose remainder this is, if any' }),
    reversedOn: IsoDate.nullable(),
    reversedBy: z.string().nullable(),
    reversedByName: ActorName,
    reversalReason: z.string().nullable(),
    createdAt: Timestamp,
  })
  .openapi('WriteOff');

export const CreateWriteOff = z
  .strictObject({
    invoiceId: IdInput,
    reasonCode: z.enum(writeOffReasonCodes),
    note: z.string().max(1000).nullable().optional().openapi({ description: 'required with reasonCode other' }),
  })
  .openapi('CreateWriteOff');

export const ReverseWriteOff = z.strictObject({ reason: z.string().max(500) }).openapi('ReverseWriteOff');

export const WriteOffListQuery = PageQuery.extend({
  customerId: IdInput.optional(),
  invoiceId: IdInput.optional(),
  from: IsoDate.optional().openapi({ description: 'written off on or after' }),
  to: IsoDate.optional().openapi({ description: 'written off on or before' }),
});

export const WriteOffExportQuery = z.object({
  from: IsoDate,
  to: IsoDate,
  format: z.enum(writeOffExportFormats).default('csv'),
  account: z.string().max(100).optional().openapi({ description: 'required for xero and quickbooks: the bad-debt account' }),
  taxType: z.string().max(100).optional().openapi({ description: 'xero: the tax rate name (default Tax Exempt)' }),
});

export const WriteOffPage = pageOf(WriteOff, 'WriteOffPage');

/** The actors a write-off names, for actorNames. */
export const writeOffActors = (row: WriteOffRow) => [row.created_by, row.reversed_by];

export function toWriteOff(row: WriteOffRow, names: ActorNames): z.input<typeof WriteOff> {
  return {
    id: String(row.id),
    invoiceId: String(row.invoice_id),
    invoiceNumber: row.invoice_number,
    customerId: String(row.customer_id),
    amount: row.amount,
    currency: row.currency,
    reasonCode: row.reason_code,
    note: row.note,
    writtenOffOn: row.written_off_on,
    createdBy: row.created_by,
    createdByName: nameOf(names, row.created_by),
    settlementId: row.settlement_id === null ? null : String(row.settlement_id),
    reversedOn: row.reversed_on,
    reversedBy: row.reversed_by,
    reversedByName: nameOf(names, row.reversed_by),
    reversalReason: row.reversal_reason,
    createdAt: row.created_at,
  };
}
