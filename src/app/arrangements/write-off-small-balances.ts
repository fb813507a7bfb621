// The daily cycle's small-balance write-offs (the arrangement policy's smallBalanceWriteOff): every
// open invoice whose whole balance is at most the policy's maximum for its currency and that is at
// least the policy's days overdue is written off with reason `small-balance`, by `policy`, in one
// set-based pass over the portfolio (write-offs-in-bulk.ts, as a paid settlement's remainder).
//
// Only an invoice that would be chased for its whole balance today (`chaseableInvoicesSql`, the
// one rule): one disputed, held, promised, or under a plan, a settlement or a placement is left
// to the person or arrangement that has it, and so is one whose write-off an owner reversed (they
// chose to collect it). The write-off is the same record an owner makes (write-off-invoice.ts):
// the invoice becomes written_off, the timeline says so (dated the cycle's day), an owner can
// reverse it.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { chaseableInvoicesSql } from '../../db/queries/chaseable.ts';
import type { Org } from '../../db/schema.ts';
import { smallBalanceMaxima, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { writeOffInBulk, type WriteOffSelection } from './write-offs-in-bulk.ts';

/** Who the timeline and the write-off record name for a write-off the policy made. */
export const policyActor = 'policy';

/** The number of invoices written off; none (and no query) when the policy names no currency. */
export async function writeOffSmallBalances(tx: Executor, org: Pick<Org, 'id' | 'time_zone'>, date: IsoDate, policy: Pick<ArrangementPolicy, 'smallBalanceWriteOff'>): Promise<number> {
  const orgId = org.id;
  const maxima = smallBalanceMaxima(policy);
  if (maxima.size === 0) return 0;
  const maxByCurrency = JSON.stringify(Object.fromEntries([...maxima].map(([currency, max]) => [currency, String(max)])));
  // at least N days overdue: due on or before the date N days back
  const dueBy = addDays(date, -policy.smallBalanceWriteOff.minDaysOverdue);
  const small = sql`and i.due_date <= ${dueBy}::date and i.balance <= (${maxByCurrency}::jsonb ->> i.currency)::bigint`;
  const selected = sql<WriteOffSelection>`
    select c.id as invoice_id, ${date}::date as written_off_on, null::text as note, null::bigint as settlement_id
      from (${chaseableInvoicesSql({ orgId, date, customerPauses: true, where: small })}) c
     where c.amount = c.balance
       and not exists (select 1 from disputes d where d.org_id = ${orgId} and d.invoice_id = c.id and d.status = 'open')
       -- an owner who reversed a write-off of it chose to collect it: the policy does not overrule them
       and not exists (select 1 from write_offs w where w.org_id = ${orgId} and w.invoice_id = c.id)`;
  return writeOffInBulk(tx, org, selected, { reasonCode: 'small-balance', actor: policyActor });
}
