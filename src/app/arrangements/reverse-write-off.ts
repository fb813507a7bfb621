// Reverses a write-off (e.g. the customer turned up and paid, or it was made by mistake): an owner,
// with a reason. The invoice is open again with its balance, so it is chased and in the overdue
// figures again; the write-off stays on the record, marked reversed.
import type { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findWriteOff, type WriteOffRow } from '../../db/queries/write-offs.ts';
import type { Role } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

export interface ReverseWriteOffInput {
  writeOffId: bigint;
  reason: string | null | undefined;
  role: Role;
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
}

export async function reverseWriteOff(db: Executor, orgId: bigint, input: ReverseWriteOffInput): Promise<WriteOffRow> {
  if (input.role !== 'owner') throw new AppError('forbidden', `reversing a write-off needs the owner role (this is the ${input.role} role); ask an owner`);
  const reason = requiredText(input.reason, 'the reason', 500, 'give the reason for reversing the write-off');
  return inTransaction(db, async (tx) => {
    const writeOff = await tx.selectFrom('write_offs').selectAll().where('org_id', '=', orgId).where('id', '=', input.writeOffId).forUpdate().executeTakeFirst();
    if (!writeOff) throw new AppError('not_found', `there is no write-off ${input.writeOffId}`);
    if (writeOff.reversed_on !== null) throw new AppError('conflict', `write-off ${writeOff.id} was already reversed on ${writeOff.reversed_on}`);
    await tx
      .updateTable('write_offs')
      .set({ reversed_on: input.today, reversed_by: input.actor, reversal_reason: reason })
      .where('org_id', '=', orgId)
      .where('id', '=', writeOff.id)
      .execute();
    // open again, or paid if payments since have covered it
    const invoice = await tx
      .updateTable('invoices')
      .set({ status: sql`case when balance > 0 then 'open' else 'paid' end`, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', writeOff.invoice_id)
      .returning(['number', 'status', 'balance', 'currency'])
      .executeTakeFirstOrThrow();
    await recordActivity(tx, orgId, {
      customerId: writeOff.customer_id,
      kind: 'write_off_reversed',
      actor: input.actor,
      summary: `Write-off of invoice ${invoice.number} (${formatMoney(writeOff.amount, writeOff.currency)}) reversed: ${reason}; the invoice is ${invoice.status} again${invoice.status === 'open' ? ` with ${formatMoney(invoice.balance, invoice.currency)} owed` : ''}`,
      data: { writeOffId: String(writeOff.id), invoiceId: String(writeOff.invoice_id), reason, status: invoice.status },
      at: input.now,
    });
    return (await findWriteOff(tx, orgId, writeOff.id))!;
  });
}
