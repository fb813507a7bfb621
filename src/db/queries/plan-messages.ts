// What the daily cycle needs to plan the messages of payment plans' instalments (reminders,
// receipts, the missed reminder; src/domain/arrangements/instalment-messages.ts), for every plan
// of the organisation that may call for one, in one set-based query: the plan with its
// instalments and invoices, and its customer as the playbook choice and the contact rules see
// them (profile, debtor facts, reach, what is booked for them).
import { sql } from 'kysely';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { runningPlanStatuses, type PlanStatus } from '../../domain/arrangements/plan-standing.ts';
import { receiptWindowDays } from '../../domain/arrangements/instalment-messages.ts';
import type { Channel } from '../../domain/playbooks/playbook.ts';
import type { Executor } from '../executor.ts';
import { bookingsSql, conversationsSql, debtorColumns, reachSql, type DebtorRow } from './debtor-contact.ts';

export interface PlanMessageRow extends DebtorRow {
  plan_id: bigint;
  customer_id: bigint;
  external_id: string;
  status: PlanStatus;
  missed_seq: number | null;
  currency: string;
  instalments: Array<{ seq: number; due_on: IsoDate; amount: string; paid: string; paid_on: IsoDate | null }>;
  invoice_ids: bigint[];
  invoice_numbers: string[];
  oldest_due_date: IsoDate;
  tags: string[];
  risk: 'low' | 'normal' | 'high';
  customer_since: IsoDate | null;
  playbook_override: string | null;
  reach_email: boolean | null;
  reach_letter: boolean | null;
  reach_sms: boolean | null;
  booked_dates: IsoDate[] | null;
  booked_channels: Channel[] | null;
}

/**
 * The running plans (active or broken), and the completed or defaulted ones with an instalment
 * paid within the receipt window, of customers still collected from.
 */
export async function plansForMessages(db: Executor, orgId: bigint, date: IsoDate, orgTimeZone: string): Promise<PlanMessageRow[]> {
  const running = sql.join(runningPlanStatuses.map((status) => sql.lit(status)));
  const plans = await sql<{ id: bigint; customer_id: bigint }>`
    select p.id, p.customer_id from payment_plans p
     where p.org_id = ${orgId}
       and (p.status in (${running})
            or (p.status in ('completed', 'defaulted') and exists (
                  select 1 from payment_plan_instalments i
                   where i.org_id = p.org_id and i.plan_id = p.id and i.paid_on >= ${addDays(date, -receiptWindowDays)}::date)))`.execute(db);
  if (plans.rows.length === 0) return [];
  // the few customers on a plan: their bookings, conversations and reach only, not the whole organisation's
  const customers = [...new Set(plans.rows.map((row) => row.customer_id))];
  const { rows } = await sql<PlanMessageRow>`
    with booked as (${bookingsSql(orgId, date, orgTimeZone, customers)}),
         conversations as (${conversationsSql(orgId, date, orgTimeZone, customers)}),
         reach as (${reachSql(orgId, customers)})
    select p.id as plan_id, p.customer_id, c.external_id, p.status, p.missed_seq, p.currency,
           (select json_agg(json_build_object('seq', i.seq, 'due_on', i.due_on, 'amount', i.amount::text, 'paid', i.paid::text, 'paid_on', i.paid_on) order by i.seq)
              from payment_plan_instalments i where i.org_id = p.org_id and i.plan_id = p.id) as instalments,
           array(select pi.invoice_id from payment_plan_invoices pi join invoices v on v.org_id = pi.org_id and v.id = pi.invoice_id
                  where pi.org_id = p.org_id and pi.plan_id = p.id order by v.due_date, v.id) as invoice_ids,
           array(select v.number from payment_plan_invoices pi join invoices v on v.org_id = pi.org_id and v.id = pi.invoice_id
                  where pi.org_id = p.org_id and pi.plan_id = p.id order by v.due_date, v.id) as invoice_numbers,
           (select min(v.due_date) from payment_plan_invoices pi join invoices v on v.org_id = pi.org_id and v.id = pi.invoice_id
             where pi.org_id = p.org_id and pi.plan_id = p.id)::text as oldest_due_date,
           ${debtorColumns}, coalesce(c.time_zone, ${orgTimeZone}) as time_zone, r.city, cv.last_on as last_conversation_on,
           c.tags, c.risk, c.customer_since::text, c.playbook_override,
           r.email as reach_email, r.letter as reach_letter, r.sms as reach_sms,
           bk.dates as booked_dates, bk.channels as booked_channels
      from payment_plans p
      join customers c on c.org_id = p.org_id and c.id = p.customer_id
      left join booked bk on bk.customer_id = p.customer_id
      left join conversations cv on cv.customer_id = p.customer_id
      left join reach r on r.customer_id = p.customer_id
     where p.org_id = ${orgId} and p.id = any(${plans.rows.map((row) => row.id)}::bigint[])
       and c.excluded_reason is null and c.erased_at is null
     order by p.id`.execute(db);
  return rows;
}
