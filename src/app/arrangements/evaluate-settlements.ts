// The daily cycle's look at every open settlement of an organisation (set-based, a few
// statements whatever their number):
//
// - Paid: the payments allocated to its invoices since it was offered, up to its expiry, reach
//   the amount → paid on the day they did; whatever its invoices still owe is written off with
//   reason `settlement`, so they close (write-offs-in-bulk.ts: as an owner's write-off, set-based).
// - Lapsed: past its expiry without that (on offer, or never approved) → lapsed the day after
//   expiry; its invoices are chased again where the case stood.
//
// Payments after the expiry never count, so a late run decides as daily runs would have; the
// timeline entries are stamped at the start of the day paid or lapsed in the organisation's zone.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { insertActivities } from '../../db/queries/activities.ts';
import type { Org } from '../../db/schema.ts';
import { startsOfDays, type IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { writeOffInBulk, type WriteOffSelection } from './write-offs-in-bulk.ts';

export interface SettlementEvaluation {
  paid: number;
  lapsed: number;
  writtenOff: number;
}

interface Resolved {
  id: bigint;
  customer_id: bigint;
  currency: string;
  owed: bigint;
  amount: bigint;
  expires_on: IsoDate;
  resolved_on: IsoDate;
}

export async function evaluateSettlements(tx: Executor, org: Pick<Org, 'id' | 'time_zone'>, date: IsoDate): Promise<SettlementEvaluation> {
  const orgId = org.id;
  const day = sql`${date}::date`;
  return inTransaction(tx, async (db) => {
    const paid = await sql<Resolved>`
      with open as (
        select id, amount, expires_on, created_at from settlements where org_id = ${orgId} and status = 'offered'
      ), runs as (
        -- payments (not credit notes) allocated to its invoices after it was offered, by its expiry
        select s.id as settlement_id, a.allocated_on,
               sum(a.amount) over (partition by s.id order by a.allocated_on, a.id) as running
          from open s
          join settlement_invoices si on si.org_id = ${orgId} and si.settlement_id = s.id
          join allocations a on a.org_id = ${orgId} and a.invoice_id = si.invoice_id
         where a.payment_id is not null and a.created_at > s.created_at and a.allocated_on <= least(${day}, s.expires_on)
      ), reached as (
        select s.id, (select min(r.allocated_on) from runs r where r.settlement_id = s.id and r.running >= s.amount) as paid_on from open s
      )
      update settlements s
         set status = 'paid', paid_on = r.paid_on, resolved_on = r.paid_on, updated_at = now()
        from reached r
       where s.org_id = ${orgId} and s.id = r.id and r.paid_on is not null
      returning s.id, s.customer_id, s.currency, s.owed, s.amount, s.expires_on, s.resolved_on`.execute(db);

    let writtenOff = 0;
    if (paid.rows.length > 0) {
      const ids = paid.rows.map((row) => row.id);
      // what the paid settlements' invoices still owe is written off, on the day each was paid
      writtenOff = await writeOffInBulk(
        db,
        org,
        sql<WriteOffSelection>`
          select i.id as invoice_id, s.paid_on as written_off_on, 'remainder of settlement ' || s.id as note, s.id as settlement_id
            from settlements s
            join settlement_invoices si on si.org_id = s.org_id and si.settlement_id = s.id
            join invoices i on i.org_id = si.org_id and i.id = si.invoice_id
           where s.org_id = ${orgId} and s.id = any(${ids}::bigint[]) and i.status = 'open' and i.balance > 0`,
        { reasonCode: 'settlement', actor: 'system' },
      );
    }

    const lapsed = await sql<Resolved>`
      update settlements s
         set status = 'lapsed', resolved_on = s.expires_on + 1, updated_at = now()
       where s.org_id = ${orgId} and s.status in ('offered', 'awaiting_approval') and ${day} > s.expires_on
      returning s.id, s.customer_id, s.currency, s.owed, s.amount, s.expires_on, s.resolved_on`.execute(db);

    const dayStart = startsOfDays(org.time_zone);
    const entries = [
      ...paid.rows.map((row) => ({
        customerId: String(row.customer_id),
        kind: 'settlement_paid',
        summary: `Settlement ${row.id} paid on ${row.resolved_on}: ${formatMoney(row.amount, row.currency)} received, the rest of the ${formatMoney(row.owed, row.currency)} written off`,
        data: { settlementId: String(row.id), amount: String(row.amount), owed: String(row.owed), currency: row.currency, paidOn: row.resolved_on },
        at: dayStart(row.resolved_on),
      })),
      ...lapsed.rows.map((row) => ({
        customerId: String(row.customer_id),
        kind: 'settlement_lapsed',
        summary: `Settlement ${row.id} (${formatMoney(row.amount, row.currency)} of ${formatMoney(row.owed, row.currency)}) lapsed: not paid by ${row.expires_on}; its invoices are chased again`,
        data: { settlementId: String(row.id), expiresOn: row.expires_on },
        at: dayStart(row.resolved_on),
      })),
    ];
    await insertActivities(db, orgId, 'system', entries);
    return { paid: paid.rows.length, lapsed: lapsed.rows.length, writtenOff };
  });
}
