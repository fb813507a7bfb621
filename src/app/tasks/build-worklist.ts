// The collector's worklist, in the order worth working it (domain/worklist-order.ts): call tasks
// and reviews, sends that need a person (failed for good, blocked today, letters held), promises
// that fall due today (did the money come?), promises broken in the last week, and arrangements
// waiting for an owner: settlements awaiting approval and proposed payment plans only an owner may
// accept (docs/arrangements.md). The day's work
// counts on the dashboard are counted from this same list, so the two never disagree.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import { addDays, daysBetween, type IsoDate } from '../../domain/calendar.ts';
import { compareWorklistItems } from '../../domain/worklist-order.ts';
import { planNeedsOwner, policyForCustomer } from '../../domain/arrangements/policy.ts';
import type { CustomerProfile } from '../../domain/playbooks/conditions.ts';
import { formatMoney } from '../../domain/money.ts';
import { arrangementPolicyOf } from '../arrangements/arrangement-policy-of.ts';
import { listTasks } from './list-tasks.ts';

export const worklistKinds = ['call', 'review', 'send_failed', 'send_blocked', 'letter_held', 'promise_due', 'promise_broken', 'settlement_approval', 'plan_approval'] as const;
export type WorklistKind = (typeof worklistKinds)[number];

/** A broken promise stays on the worklist this many days (unless a new promise is made). */
export const brokenPromiseDays = 7;

export interface WorklistItem {
  /** 'action:<id>', 'promise:<id>', 'settlement:<id>' or 'plan:<id>'. */
  key: string;
  kind: WorklistKind;
  actionId: bigint | null;
  promiseId: bigint | null;
  settlementId: bigint | null;
  planId: bigint | null;
  customer: { id: bigint; externalId: string; name: string; timeZone: string | null };
  /** The step's name, or what the promise item is about. */
  title: string;
  status: string;
  why: string | null;
  /** When an action is due (an instant); null for a promise. */
  dueAt: string | null;
  invoiceNumbers: string[];
  /** Per currency, never added across currencies. */
  atStake: Array<{ currency: string; amount: bigint }>;
  daysLate: number;
  promise: { amount: bigint; currency: string; dueOn: string } | null;
}

export async function buildWorklist(db: Executor, org: Pick<Org, 'id'>, today: IsoDate): Promise<WorklistItem[]> {
  const late = (due: string | null) => (due === null ? 0 : Math.max(0, daysBetween(due, today)));
  const tasks = (await listTasks(db, org.id)).map(
    (task): WorklistItem => ({
      key: `action:${task.id}`,
      kind: task.channel === 'call' || task.channel === 'review' ? task.channel : task.status === 'failed' ? 'send_failed' : 'letter_held',
      actionId: task.id,
      promiseId: null,
      settlementId: null,
      planId: null,
      customer: task.customer,
      title: task.stepName,
      status: task.status,
      why: task.why,
      dueAt: task.dueAt,
      invoiceNumbers: task.invoiceNumbers,
      atStake: task.atStake,
      daysLate: late(task.oldestDueOn),
      promise: null,
    }),
  );
  const items = [
    ...tasks,
    ...(await blockedToday(db, org.id, today, late)),
    ...(await promiseItems(db, org.id, today)),
    ...(await settlementApprovals(db, org.id, late)),
    ...(await planApprovals(db, org.id, today, late)),
  ];
  const rankable = (item: WorklistItem) => ({
    promiseDueToday: item.kind === 'promise_due',
    atStake: item.atStake,
    daysLate: item.daysLate,
    sequence: item.actionId ?? item.promiseId ?? item.settlementId ?? item.planId!,
  });
  return items.sort((a, b) => compareWorklistItems(rankable(a), rankable(b)));
}

/** Items per kind (every kind present, 0 when none): the dashboard's day's work. */
export function countWorklist(items: readonly WorklistItem[]): Record<WorklistKind, number> {
  const counts = Object.fromEntries(worklistKinds.map((kind) => [kind, 0])) as Record<WorklistKind, number>;
  for (const item of items) counts[item.kind] += 1;
  return counts;
}

/** Sends the contact rules blocked in today's cycle: a person decides what to do instead. */
async function blockedToday(db: Executor, orgId: bigint, today: IsoDate, late: (due: string | null) => number): Promise<WorklistItem[]> {
  const { rows } = await sql<{
    id: bigint; step_name: string; rule: string | null; reason: string | null; due_at: string; invoice_numbers: string[];
    customer_id: bigint; external_id: string; name: string; time_zone: string | null; currency: string | null; amount: bigint | null; oldest_due: string | null;
  }>`
    select a.id, a.step_name, a.rule, a.reason, a.due_at, a.invoice_numbers, c.id as customer_id, c.external_id, c.name, c.time_zone,
           i.currency, money_sum(i.balance) as amount, min(i.due_date) as oldest_due
      from actions a
      join customers c on c.org_id = a.org_id and c.id = a.customer_id
      left join invoices i on i.org_id = a.org_id and i.id = any(a.invoice_ids) and i.status = 'open' and i.balance > 0
     where a.org_id = ${orgId} and a.kind = 'send' and a.status = 'blocked' and a.cycle_date = ${today}::date
     group by a.org_id, a.id, c.org_id, c.id, i.currency
     order by a.id, i.currency`.execute(db);
  const byId = new Map<bigint, WorklistItem & { oldest: string | null }>();
  for (const row of rows) {
    let item = byId.get(row.id);
    if (!item) {
      item = {
        key: `action:${row.id}`, kind: 'send_blocked', actionId: row.id, promiseId: null, settlementId: null, planId: null,
        customer: { id: row.customer_id, externalId: row.external_id, name: row.name, timeZone: row.time_zone },
        title: row.step_name, status: 'blocked', why: row.reason === null ? row.rule : `${row.reason}${row.rule ? ` (${row.rule})` : ''}`,
        dueAt: row.due_at, invoiceNumbers: row.invoice_numbers, atStake: [], daysLate: 0, promise: null, oldest: null,
      };
      byId.set(row.id, item);
    }
    if (row.currency !== null && row.amount !== null) item.atStake.push({ currency: row.currency, amount: row.amount });
    if (row.oldest_due !== null && (item.oldest === null || row.oldest_due < item.oldest)) item.oldest = row.oldest_due;
  }
  return [...byId.values()].map(({ oldest, ...item }) => ({ ...item, daysLate: late(oldest) }));
}

/** Promises falling due today, and promises broken this past week with no newer promise since. */
async function promiseItems(db: Executor, orgId: bigint, today: IsoDate): Promise<WorklistItem[]> {
  const since = addDays(today, -brokenPromiseDays);
  const rows = await db
    .selectFrom('promises as p')
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'p.org_id').onRef('c.id', '=', 'p.customer_id'))
    .select(['p.id', 'p.status', 'p.due_on', 'p.amount', 'p.currency', 'p.resolved_on', 'p.note', 'c.id as customer_id', 'c.external_id', 'c.name', 'c.time_zone'])
    .where('p.org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('p.status', '=', 'pending'), eb('p.due_on', '=', today)]),
        eb.and([
          eb('p.status', '=', 'broken'),
          eb('p.resolved_on', '>=', since),
          eb.not(
            eb.exists(
              eb.selectFrom('promises as newer').select('newer.id').whereRef('newer.org_id', '=', 'p.org_id').whereRef('newer.customer_id', '=', 'p.customer_id').whereRef('newer.id', '>', 'p.id'),
            ),
          ),
        ]),
      ]),
    )
    .execute();
  return rows.map((row) => {
    const due = row.status === 'pending';
    return {
      key: `promise:${row.id}`,
      kind: due ? 'promise_due' : 'promise_broken',
      actionId: null,
      promiseId: row.id,
      settlementId: null,
      planId: null,
      customer: { id: row.customer_id, externalId: row.external_id, name: row.name, timeZone: row.time_zone },
      title: due ? 'Promise to pay due today: check the payment came' : 'Promise to pay broken: contact the customer',
      status: row.status,
      why: row.note,
      dueAt: null,
      invoiceNumbers: [],
      atStake: [{ currency: row.currency, amount: row.amount }],
      daysLate: due ? 0 : Math.max(0, daysBetween(row.due_on, today)),
      promise: { amount: row.amount, currency: row.currency, dueOn: row.due_on },
    };
  });
}

interface ArrangementRow {
  id: bigint; customer_id: bigint; external_id: string; name: string; time_zone: string | null;
  currency: string; amount: bigint; oldest_due: string | null; invoice_numbers: string[];
}

function arrangementItem(row: ArrangementRow, late: (due: string | null) => number, item: Pick<WorklistItem, 'key' | 'kind' | 'settlementId' | 'planId' | 'title' | 'status' | 'why'>): WorklistItem {
  return {
    ...item,
    actionId: null,
    promiseId: null,
    customer: { id: row.customer_id, externalId: row.external_id, name: row.name, timeZone: row.time_zone },
    dueAt: null,
    invoiceNumbers: row.invoice_numbers,
    atStake: [{ currency: row.currency, amount: row.amount }],
    daysLate: late(row.oldest_due),
    promise: null,
  };
}

/** Settlements awaiting an owner's approval; at stake: what their invoices owed when offered. */
async function settlementApprovals(db: Executor, orgId: bigint, late: (due: string | null) => number): Promise<WorklistItem[]> {
  const { rows } = await sql<ArrangementRow & { offered: bigint; expires_on: string }>`
    select s.id, s.customer_id, c.external_id, c.name, c.time_zone, s.currency, s.owed as amount, s.amount as offered, s.expires_on,
           min(i.due_date) as oldest_due, array_agg(i.number order by i.due_date, i.id) as invoice_numbers
      from settlements s
      join customers c on c.org_id = s.org_id and c.id = s.customer_id
      join settlement_invoices si on si.org_id = s.org_id and si.settlement_id = s.id
      join invoices i on i.org_id = si.org_id and i.id = si.invoice_id
     where s.org_id = ${orgId} and s.status = 'awaiting_approval'
     group by s.org_id, s.id, c.org_id, c.id`.execute(db);
  return rows.map((row) =>
    arrangementItem(row, late, {
      key: `settlement:${row.id}`, kind: 'settlement_approval', settlementId: row.id, planId: null,
      title: 'Settlement offer: approve or decline', status: 'awaiting_approval',
      why: `settle ${formatMoney(row.offered, row.currency)} of ${formatMoney(row.amount, row.currency)}, by ${row.expires_on}`,
    }),
  );
}

/** Proposed payment plans only an owner may accept (policy.ts planNeedsOwner, by the customer's segment); at stake: what the plan pays off. */
async function planApprovals(db: Executor, orgId: bigint, today: IsoDate, late: (due: string | null) => number): Promise<WorklistItem[]> {
  const { rows } = await sql<ArrangementRow & { within_policy: boolean; policy_problems: string[]; kind: CustomerProfile['kind']; tags: string[]; risk: CustomerProfile['risk']; customer_since: IsoDate | null }>`
    select p.id, p.customer_id, c.external_id, c.name, c.time_zone, p.currency, p.total as amount, p.within_policy, p.policy_problems,
           c.kind, c.tags, c.risk, c.customer_since,
           min(i.due_date) as oldest_due, array_agg(i.number order by i.due_date, i.id) as invoice_numbers
      from payment_plans p
      join customers c on c.org_id = p.org_id and c.id = p.customer_id
      join payment_plan_invoices pi on pi.org_id = p.org_id and pi.plan_id = p.id
      join invoices i on i.org_id = pi.org_id and i.id = pi.invoice_id
     where p.org_id = ${orgId} and p.status = 'proposed'
     group by p.org_id, p.id, c.org_id, c.id`.execute(db);
  if (rows.length === 0) return [];
  const policy = await arrangementPolicyOf(db, orgId);
  const forCustomer = (row: (typeof rows)[number]) => policyForCustomer(policy, { kind: row.kind, tags: row.tags, risk: row.risk, customerSince: row.customer_since }, today);
  return rows
    .filter((row) => planNeedsOwner(row.within_policy, forCustomer(row)))
    .map((row) =>
      arrangementItem(row, late, {
        key: `plan:${row.id}`, kind: 'plan_approval', settlementId: null, planId: row.id,
        title: 'Payment plan proposed: accept or decline', status: 'proposed',
        why: row.within_policy ? 'the plan policy needs an owner to accept every plan (planAutoAccept is off)' : `outside the plan policy: ${row.policy_problems.join('; ')}`,
      }),
    );
}
