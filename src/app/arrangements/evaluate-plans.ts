// The daily cycle's look at every running payment plan of an organisation (set-based: a few
// statements whatever the number of plans, none per plan):
//
// 1. Instalments paid: the payments allocated to a plan's invoices since it was proposed, in date
//    order, fill its instalments in order, what is over rolling forward (the rule of
//    src/domain/arrangements/match-instalments.ts, in SQL; change both together).
// 2. Standing (src/domain/arrangements/plan-standing.ts, in SQL): every instalment paid →
//    completed; the first unpaid one past its date + grace days → broken; past a second grace
//    period → defaulted, and the next cycle plans a call and resumes the case one step firmer
//    (src/domain/cycle/plan.ts); a broken plan whose missed instalments were paid → active again.
//
// The days it records come from the rule, not from the day it ran, so a catch-up run after
// downtime decides as daily runs would have; running it again for the same date changes nothing.
// Each timeline entry is stamped at the start of that day in the organisation's zone.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { insertActivities } from '../../db/queries/activities.ts';
import type { Org } from '../../db/schema.ts';
import { startsOfDays, type IsoDate } from '../../domain/calendar.ts';
import { runningPlanStatuses } from '../../domain/arrangements/plan-standing.ts';
import { formatMoney } from '../../domain/money.ts';

export interface PlanEvaluation {
  instalmentsPaid: number;
  completed: number;
  broken: number;
  resumed: number;
  defaulted: number;
}

/** What moved a plan on today, as its timeline entry says it (the simulation shows these day by day). */
export interface PlanEvent {
  customerId: string;
  customerExternalId: string;
  planId: string;
  kind: 'plan_instalment_paid' | 'plan_completed' | 'plan_broken' | 'plan_resumed' | 'plan_defaulted';
  /** The day it happened by the rule (an instalment's payment day, the day a grace period ran out). */
  on: IsoDate;
  summary: string;
}

interface PaidRow {
  plan_id: bigint;
  customer_id: bigint;
  customer_external_id: string;
  currency: string;
  seq: number;
  due_on: IsoDate;
  amount: bigint;
  paid_on: IsoDate;
}

interface ChangedRow {
  id: bigint;
  customer_id: bigint;
  customer_external_id: string;
  currency: string;
  total: bigint;
  was: string;
  status: 'active' | 'completed' | 'broken' | 'defaulted';
  seq: number | null;
  due_on: IsoDate | null;
  amount: bigint | null;
  paid: bigint | null;
  grace_days: number;
  on_day: IsoDate | null;
}

export async function evaluatePlans(tx: Executor, org: Pick<Org, 'id' | 'time_zone'>, date: IsoDate): Promise<{ counts: PlanEvaluation; events: PlanEvent[] }> {
  const orgId = org.id;
  const day = sql`${date}::date`;
  const running = sql.join(runningPlanStatuses.map((status) => sql.lit(status)));
  return inTransaction(tx, async (db) => {
    const paid = await sql<PaidRow>`
      with plans as (
        select id, customer_id, currency, created_at from payment_plans where org_id = ${orgId} and status in (${running})
      ), pays as (
        -- what was paid towards the plan: payments (not credit notes) allocated to its invoices
        -- after it was proposed (what was paid before is already out of its total)
        select p.id as plan_id, a.id, a.allocated_on, a.amount
          from plans p
          join payment_plan_invoices pi on pi.org_id = ${orgId} and pi.plan_id = p.id
          join allocations a on a.org_id = ${orgId} and a.invoice_id = pi.invoice_id
         where a.payment_id is not null and a.created_at > p.created_at and a.allocated_on <= ${day}
      ), totals as (
        select plan_id, sum(amount) as total from pays group by plan_id
      ), runs as (
        select plan_id, allocated_on, sum(amount) over (partition by plan_id order by allocated_on, id) as running from pays
      ), cum as (
        select i.plan_id, i.seq, i.amount, i.paid_on as was_paid_on,
               sum(i.amount) over (partition by i.plan_id order by i.seq) as up_to
          from payment_plan_instalments i join plans p on p.id = i.plan_id
         where i.org_id = ${orgId}
      ), matched as (
        select c.plan_id, c.seq, c.was_paid_on,
               greatest(0, least(c.amount, coalesce(t.total, 0) - (c.up_to - c.amount)))::bigint as paid,
               case when coalesce(t.total, 0) >= c.up_to
                    then (select min(r.allocated_on) from runs r where r.plan_id = c.plan_id and r.running >= c.up_to) end as paid_on
          from cum c left join totals t on t.plan_id = c.plan_id
      )
      update payment_plan_instalments i
         set paid = m.paid, paid_on = m.paid_on
        from matched m, plans p
       where i.org_id = ${orgId} and i.plan_id = m.plan_id and i.seq = m.seq and p.id = m.plan_id
         and (i.paid <> m.paid or i.paid_on is distinct from m.paid_on)
      returning i.plan_id, p.customer_id, (select c.external_id from customers c where c.org_id = ${orgId} and c.id = p.customer_id) as customer_external_id, p.currency, i.seq, i.due_on, i.amount, i.paid_on, m.was_paid_on is null and m.paid_on is not null as newly_paid`.execute(db);
    const newlyPaid = (paid.rows as Array<PaidRow & { newly_paid: boolean }>).filter((row) => row.newly_paid);

    const changed = await sql<ChangedRow>`
      with standing as (
        select p.id, p.status as was, p.grace_days, u.seq, u.due_on, u.amount, u.paid,
               (select max(i.paid_on) from payment_plan_instalments i where i.org_id = p.org_id and i.plan_id = p.id) as last_paid_on
          from payment_plans p
          left join lateral (
            select i.seq, i.due_on, i.amount, i.paid from payment_plan_instalments i
             where i.org_id = p.org_id and i.plan_id = p.id and i.paid < i.amount order by i.seq limit 1) u on true
         where p.org_id = ${orgId} and p.status in (${running})
      ), decided as (
        select s.*,
               case when s.seq is null then 'completed'
                    when ${day} >= s.due_on + 2 * s.grace_days + 1 then 'defaulted'
                    when ${day} >= s.due_on + s.grace_days + 1 then 'broken'
                    else 'active' end as status,
               case when s.seq is null then s.last_paid_on
                    when ${day} >= s.due_on + 2 * s.grace_days + 1 then s.due_on + 2 * s.grace_days + 1
                    when ${day} >= s.due_on + s.grace_days + 1 then s.due_on + s.grace_days + 1 end as on_day
          from standing s
      )
      update payment_plans p
         set status = d.status,
             missed_seq = case when d.status in ('broken', 'defaulted') then d.seq else p.missed_seq end,
             broken_on = case when d.status = 'broken' then d.on_day else p.broken_on end,
             resolved_on = case when d.status in ('completed', 'defaulted') then d.on_day end,
             resolved_by = case when d.status in ('completed', 'defaulted') then 'system' end,
             updated_at = now()
        from decided d
       where p.org_id = ${orgId} and p.id = d.id
         and (d.status <> d.was or (d.status = 'broken' and p.missed_seq is distinct from d.seq))
      returning p.id, p.customer_id, (select c.external_id from customers c where c.org_id = ${orgId} and c.id = p.customer_id) as customer_external_id, p.currency, p.total, d.was, d.status, d.seq, d.due_on, d.amount, d.paid, d.grace_days, d.on_day`.execute(db);

    const entries = [...newlyPaid.map((row) => ({ row, entry: paidActivity(row), on: row.paid_on })), ...changed.rows.map((row) => ({ row, entry: changeActivity(row), on: row.on_day ?? date }))];
    const dayStart = startsOfDays(org.time_zone);
    await insertActivities(db, orgId, 'system', entries.map(({ entry, on }) => ({ ...entry, at: dayStart(on) })));
    const count = (status: ChangedRow['status'], was?: string) => changed.rows.filter((row) => row.status === status && (was === undefined || row.was === was)).length;
    const events = entries.map(({ row, entry, on }): PlanEvent => ({ customerId: entry.customerId, customerExternalId: row.customer_external_id, planId: entry.data.planId, kind: entry.kind, on, summary: entry.summary }));
    return { counts: { instalmentsPaid: newlyPaid.length, completed: count('completed'), broken: count('broken'), resumed: count('active', 'broken'), defaulted: count('defaulted') }, events };
  });
}

function instalmentName(seq: number): string {
  return seq === 0 ? 'the down payment' : `instalment ${seq}`;
}

function paidActivity(row: PaidRow) {
  return {
    customerId: String(row.customer_id),
    kind: 'plan_instalment_paid' as const,
    summary: `Payment plan ${row.plan_id}: ${instalmentName(row.seq)} of ${formatMoney(row.amount, row.currency)}, due ${row.due_on}, paid in full on ${row.paid_on}`,
    data: { planId: String(row.plan_id), seq: row.seq, dueOn: row.due_on, amount: String(row.amount), paidOn: row.paid_on },
  };
}

function changeActivity(row: ChangedRow) {
  const plan = `Payment plan ${row.id} (${formatMoney(row.total, row.currency)})`;
  const missed = row.seq === null ? '' : `${instalmentName(row.seq)} of ${formatMoney(row.amount!, row.currency)}, due ${row.due_on}, ${row.paid! > 0n ? `only ${formatMoney(row.paid!, row.currency)} paid` : 'unpaid'}`;
  const summary =
    row.status === 'completed'
      ? `${plan} completed: every instalment paid, the last on ${row.on_day}`
      : row.status === 'broken'
        ? `${plan} broken on ${row.on_day}: ${missed} after the ${row.grace_days}-day grace period`
        : row.status === 'defaulted'
          ? `${plan} defaulted on ${row.on_day}: ${missed} after a second ${row.grace_days}-day grace period; collection resumes, one step firmer, with a call`
          : `${plan} back on track: the missed instalments were paid`;
  return {
    customerId: String(row.customer_id),
    kind: row.status === 'active' ? ('plan_resumed' as const) : (`plan_${row.status}` as const),
    summary,
    data: { planId: String(row.id), was: row.was, status: row.status, seq: row.seq, dueOn: row.due_on, amount: row.amount === null ? null : String(row.amount), paid: row.paid === null ? null : String(row.paid), on: row.on_day, graceDays: row.grace_days },
  };
}
