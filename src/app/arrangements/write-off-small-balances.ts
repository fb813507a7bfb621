// The daily cycle's small-balance write-offs (the arrangement policy's smallBalanceWriteOff): every
// open invoice whose whole balance is at most the policy's maximum for its currency and that is at
// least the policy's days overdue is written off with reason `small-balance`, by `policy`, in one
// set-based pass over the portfolio (two statements whatever its size).
//
// Only an invoice that would be chased for its whole balance today (`chaseableInvoicesSql`, the
// one rule): one disputed, held, promised, or under a plan, a settlement or a placement is left
// to the person or arrangement that has it, and so is one whose write-off an owner reversed (they
// chose to collect it). The write-off is the same record an owner makes (write-off-invoice.ts):
// the invoice becomes written_off, the timeline says so, an owner can reverse it.
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { chaseableInvoicesSql } from '../../db/queries/chaseable.ts';
import { smallBalanceMaxima, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { writeOffReasonLabels } from '../../domain/arrangements/write-off-rules.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';

/** Who the timeline and the write-off record name for a write-off the policy made. */
export const policyActor = 'policy';

interface WrittenOff {
  id: bigint;
  customer_id: bigint;
  invoice_id: bigint;
  number: string;
  amount: bigint;
  currency: string;
}

/** The number of invoices written off; none (and no query) when the policy names no currency. */
export async function writeOffSmallBalances(tx: Executor, org: { id: bigint; time_zone: string }, date: IsoDate, policy: Pick<ArrangementPolicy, 'smallBalanceWriteOff'>): Promise<number> {
  const maxima = smallBalanceMaxima(policy);
  if (maxima.size === 0) return 0;
  const orgId = org.id;
  const maxByCurrency = JSON.stringify(Object.fromEntries([...maxima].map(([currency, max]) => [currency, String(max)])));
  // at least N days overdue: due on or before the date N days back
  const dueBy = addDays(date, -policy.smallBalanceWriteOff.minDaysOverdue);
  const small = sql`and i.due_date <= ${dueBy}::date and i.balance <= (${maxByCurrency}::jsonb ->> i.currency)::bigint`;
  const written = (
    await sql<WrittenOff>`
      with chased_in_full as (
        select c.id from (${chaseableInvoicesSql({ orgId, date, customerPauses: true, where: small })}) c
         where c.amount = c.balance
           and not exists (select 1 from disputes d where d.org_id = ${orgId} and d.invoice_id = c.id and d.status = 'open')
           -- an owner who reversed a write-off of it chose to collect it: the policy does not overrule them
           and not exists (select 1 from write_offs w where w.org_id = ${orgId} and w.invoice_id = c.id)
      ), closed as (
        update invoices i set status = 'written_off', updated_at = now()
          from chased_in_full c where i.org_id = ${orgId} and i.id = c.id and i.status = 'open'
        returning i.id, i.customer_id, i.number, i.balance, i.currency
      )
      insert into write_offs (org_id, customer_id, invoice_id, amount, currency, reason_code, note, written_off_on, created_by, settlement_id)
      select ${orgId}, x.customer_id, x.id, x.balance, x.currency, 'small-balance', null, ${date}::date, ${policyActor}, null from closed x
      returning id, customer_id, invoice_id, (select number from closed x where x.id = write_offs.invoice_id) as number, amount, currency`.execute(tx)
  ).rows;
  if (written.length === 0) return 0;
  // on the timeline as an owner's write-off reads (write-off-invoice.ts), at the start of the cycle's day
  const at = Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: org.time_zone }).toInstant().toString();
  const entries = written.map((row) => ({
    customerId: String(row.customer_id),
    summary: `Invoice ${row.number} written off: ${formatMoney(row.amount, row.currency)}, ${writeOffReasonLabels['small-balance']} (by policy)`,
    data: { writeOffId: String(row.id), invoiceId: String(row.invoice_id), number: row.number, amount: String(row.amount), currency: row.currency, reasonCode: 'small-balance', note: null, settlementId: null },
  }));
  await sql`insert into activities (org_id, customer_id, kind, actor, summary, data, occurred_at)
            select ${orgId}, (e->>'customerId')::bigint, 'write_off', ${policyActor}, e->>'summary', e->'data', ${at}::timestamptz
              from jsonb_array_elements(${JSON.stringify(entries)}::jsonb) e`.execute(tx);
  return written.length;
}
