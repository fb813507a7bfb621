// Writes an open invoice off: its balance is given up, with a reason code, by an owner. It leaves
// every overdue figure (its status becomes written_off) and is kept on the record, for the
// timeline, for CEI (still counted as not collected) and for the export to the accounting system
// as a credit note. An owner can reverse it (reverse-write-off.ts).
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { arrangedInvoicesSql } from '../../db/queries/chaseable.ts';
import { findWriteOff, type WriteOffRow } from '../../db/queries/write-offs.ts';
import type { Role } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { isWriteOffReasonCode, writeOffReasonCodes, writeOffSummary, type WriteOffReasonCode } from '../../domain/arrangements/write-off-rules.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';
import { sql } from 'kysely';

export interface WriteOffInvoiceInput {
  invoiceId: bigint;
  reasonCode: string;
  /** Required with `other`. */
  note?: string | null | undefined;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function writeOffInvoice(db: Executor, orgId: bigint, input: WriteOffInvoiceInput): Promise<WriteOffRow> {
  if (input.role !== 'owner') throw new AppError('forbidden', `writing an invoice off needs the owner role (this is the ${input.role} role); ask an owner`);
  const reasonCode = checkedReasonCode(input.reasonCode);
  const note = optionalText(input.note, 'the note', 1000);
  if (reasonCode === 'other' && note === null) throw new AppError('invalid_input', 'a write-off with reason code "other" needs a note saying why');
  return inTransaction(db, async (tx) => {
    const invoice = await tx.selectFrom('invoices').selectAll().where('org_id', '=', orgId).where('id', '=', input.invoiceId).forUpdate().executeTakeFirst();
    if (!invoice) throw new AppError('not_found', `there is no invoice ${input.invoiceId}`);
    const arranged = await sql<{ n: number }>`select 1 as n from (${arrangedInvoicesSql(orgId)}) a where a.invoice_id = ${invoice.id}`.execute(tx);
    if (arranged.rows.length > 0) throw new AppError('conflict', `invoice ${invoice.number} is under a running payment plan, a settlement on offer or an agency placement; cancel (or recall) that first`);
    return recordWriteOff(tx, orgId, { invoice, reasonCode, note, settlementId: null, today: input.today, now: input.now, actor: input.actor });
  });
}

export function checkedReasonCode(code: string): WriteOffReasonCode {
  if (!isWriteOffReasonCode(code)) throw new AppError('invalid_input', `"${code}" is not a write-off reason code; use one of ${writeOffReasonCodes.join(', ')}`);
  return code;
}

interface LockedInvoice {
  id: bigint;
  customer_id: bigint;
  number: string;
  currency: string;
  status: string;
  balance: bigint;
}

/** The write-off itself, inside the caller's transaction, on an invoice it has locked (a settlement paid uses it too). */
export async function recordWriteOff(
  tx: Executor,
  orgId: bigint,
  input: { invoice: LockedInvoice; reasonCode: WriteOffReasonCode; note: string | null; settlementId: bigint | null; today: IsoDate; now: Temporal.Instant; actor: string },
): Promise<WriteOffRow> {
  const { invoice } = input;
  if (invoice.status !== 'open' || invoice.balance <= 0n) {
    throw new AppError('conflict', `invoice ${invoice.number} is ${invoice.status === 'open' ? 'paid up' : invoice.status.replace('_', ' ')}; only an open invoice with a balance can be written off`);
  }
  const created = await tx
    .insertInto('write_offs')
    .values({
      org_id: orgId,
      customer_id: invoice.customer_id,
      invoice_id: invoice.id,
      amount: invoice.balance,
      currency: invoice.currency,
      reason_code: input.reasonCode,
      note: input.note,
      written_off_on: input.today,
      created_by: input.actor,
      settlement_id: input.settlementId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await tx.updateTable('invoices').set({ status: 'written_off', updated_at: sql<string>`now()` }).where('org_id', '=', orgId).where('id', '=', invoice.id).execute();
  await recordActivity(tx, orgId, {
    customerId: invoice.customer_id,
    kind: 'write_off',
    actor: input.actor,
    summary: writeOffSummary({ number: invoice.number, amount: invoice.balance, currency: invoice.currency, reasonCode: input.reasonCode, note: input.note }),
    data: { writeOffId: String(created.id), invoiceId: String(invoice.id), number: invoice.number, amount: String(invoice.balance), currency: invoice.currency, reasonCode: input.reasonCode, note: input.note, settlementId: input.settlementId === null ? null : String(input.settlementId) },
    at: input.now,
  });
  return (await findWriteOff(tx, orgId, created.id))!;
}
