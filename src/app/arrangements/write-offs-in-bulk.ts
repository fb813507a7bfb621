// Writes off, set-based, every invoice a query selects, as writeOffInvoice (write-off-invoice.ts)
// writes off one: the invoice closed as written_off, the write-off record, the timeline entry with
// the same sentence. The daily cycle's two kinds use it: a paid settlement's remainder
// (evaluate-settlements.ts) and small balances by policy (write-off-small-balances.ts). Two
// statements whatever the number; an owner reverses any of them (reverse-write-off.ts).
import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { writeOffSummary, type WriteOffReasonCode } from '../../domain/arrangements/write-off-rules.ts';
import { insertActivities } from '../../db/queries/activities.ts';
import type { Org } from '../../db/schema.ts';
import { startsOfDays, type IsoDate } from '../../domain/calendar.ts';

/** One invoice to write off: the day it is written off on, and the record's note and settlement. */
export interface WriteOffSelection {
  invoice_id: bigint;
  written_off_on: IsoDate;
  note: string | null;
  settlement_id: bigint | null;
}

interface WrittenOff {
  id: bigint;
  customer_id: bigint;
  invoice_id: bigint;
  number: string;
  amount: bigint;
  currency: string;
  note: string | null;
  written_off_on: IsoDate;
  settlement_id: bigint | null;
}

/**
 * The number written off. Only an invoice still open with a balance is (the rule of
 * recordWriteOff), for its whole balance. The timeline entry is stamped at the start of the
 * write-off's day in the organisation's time zone: the business day it happened, whenever the
 * cycle ran.
 */
export async function writeOffInBulk(db: Executor, org: Pick<Org, 'id' | 'time_zone'>, selected: RawBuilder<WriteOffSelection>, by: { reasonCode: WriteOffReasonCode; actor: string }): Promise<number> {
  const orgId = org.id;
  const written = (
    await sql<WrittenOff>`
      with selected as (${selected}), closed as (
        update invoices i set status = 'written_off', updated_at = now()
          from selected s where i.org_id = ${orgId} and i.id = s.invoice_id and i.status = 'open' and i.balance > 0
        returning i.id, i.customer_id, i.number, i.balance, i.currency
      )
      insert into write_offs (org_id, customer_id, invoice_id, amount, currency, reason_code, note, written_off_on, created_by, settlement_id)
      select ${orgId}, c.customer_id, c.id, c.balance, c.currency, ${by.reasonCode}, s.note, s.written_off_on, ${by.actor}, s.settlement_id
        from closed c join selected s on s.invoice_id = c.id
      returning id, customer_id, invoice_id, (select number from closed x where x.id = write_offs.invoice_id) as number, amount, currency, note, written_off_on, settlement_id`.execute(db)
  ).rows;
  if (written.length === 0) return 0;
  const dayStart = startsOfDays(org.time_zone);
  const entries = written.map((row) => ({
    customerId: String(row.customer_id),
    kind: 'write_off',
    at: dayStart(row.written_off_on),
    summary: writeOffSummary({ number: row.number, amount: row.amount, currency: row.currency, reasonCode: by.reasonCode, note: row.note }),
    data: {
      writeOffId: String(row.id),
      invoiceId: String(row.invoice_id),
      number: row.number,
      amount: String(row.amount),
      currency: row.currency,
      reasonCode: by.reasonCode,
      note: row.note,
      settlementId: row.settlement_id === null ? null : String(row.settlement_id),
    },
  }));
  await insertActivities(db, orgId, by.actor, entries);
  return written.length;
}
