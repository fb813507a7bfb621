// The collector's worklist, in the order worth working it (domain/worklist-order.ts): call tasks
// and reviews, sends that need a person (failed for good, blocked today, letters held), promises
// that fall due today (did the money come?), promises broken in the last week, and arrangements
// waiting for an owner: settlements awaiting approval and proposed payment plans only an owner may
// accept (docs/arrangements.md). Which items there are, and their order, are the database's
// (worklist-entries.ts, which the dashboard's day's work counts too); here the items of one page
// are read in full.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import { daysBetween, type IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { atStakeOfActions, listTasks } from './list-tasks.ts';
import { rankedEntries, type WorklistKind, type WorklistSource } from './worklist-entries.ts';

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

/**
 * A page of the worklist in order (rankedEntries: the items and their rank are the database's),
 * each item read in full; offset and limit count items of the kinds asked (all when none; every
 * item when limit is null).
 * `more`: whether items follow the page.
 */
export async function worklistPage(db: Executor, org: Pick<Org, 'id'>, today: IsoDate, page: { kinds?: readonly WorklistKind[]; offset: number; limit: number | null }): Promise<{ items: WorklistItem[]; more: boolean }> {
  const ranked = await rankedEntries(db, org.id, today, page);
  const more = page.limit !== null && ranked.length > page.limit;
  const chosen = more ? ranked.slice(0, page.limit!) : ranked;
  const ids = (source: WorklistSource) => chosen.filter((entry) => entry.source === source).map((entry) => entry.id);
  const late = (due: string | null) => (due === null ? 0 : Math.max(0, daysBetween(due, today)));
  const read = [
    ...(await taskItems(db, org.id, ids('task'), late)),
    ...(await blockedItems(db, org.id, ids('blocked'), late)),
    ...(await promiseItems(db, org.id, ids('promise'), today)),
    ...(await settlementItems(db, org.id, ids('settlement'), late)),
    ...(await planItems(db, org.id, ids('plan'), late)),
  ];
  const byKey = new Map(read.map((item) => [item.key, item]));
  // an item gone between the two reads (worked meanwhile) is left out
  const items = chosen.map((entry) => byKey.get(`${keyPrefix[entry.source]}:${entry.id}`)).filter((item) => item !== undefined);
  return { items, more };
}

const keyPrefix: Record<WorklistSource, string> = { task: 'action', blocked: 'action', promise: 'promise', settlement: 'settlement', plan: 'plan' };

async function taskItems(db: Executor, orgId: bigint, ids: bigint[], late: (due: string | null) => number): Promise<WorklistItem[]> {
  if (ids.length === 0) return [];
  return (await listTasks(db, orgId, ids)).map((task) => ({
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
  }));
}

/** Sends the contact rules blocked in today's cycle: a person decides what to do instead. */
async function blockedItems(db: Executor, orgId: bigint, ids: bigint[], late: (due: string | null) => number): Promise<WorklistItem[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<{ id: bigint; step_name: string; rule: string | null; reason: string | null; due_at: string; invoice_numbers: string[]; customer_id: bigint; external_id: string; name: string; time_zone: string | null }>`
    select a.id, a.step_name, a.rule, a.reason, a.due_at, a.invoice_numbers, c.id as customer_id, c.external_id, c.name, c.time_zone
      from actions a
      join customers c on c.org_id = a.org_id and c.id = a.customer_id
     where a.org_id = ${orgId} and a.id = any(${ids.map(String)}::bigint[])
     order by a.id`.execute(db);
  const stakes = await atStakeOfActions(db, orgId, ids);
  return rows.map((row) => ({
    key: `action:${row.id}`, kind: 'send_blocked', actionId: row.id, promiseId: null, settlementId: null, planId: null,
    customer: { id: row.customer_id, externalId: row.external_id, name: row.name, timeZone: row.time_zone },
    title: row.step_name, status: 'blocked', why: row.reason === null ? row.rule : `${row.reason}${row.rule ? ` (${row.rule})` : ''}`,
    dueAt: row.due_at, invoiceNumbers: row.invoice_numbers, atStake: stakes.get(row.id)?.atStake ?? [], daysLate: late(stakes.get(row.id)?.oldestDueOn ?? null), promise: null,
  }));
}

/** Promises falling due today, and promises broken this past week with no newer promise since. */
async function promiseItems(db: Executor, orgId: bigint, ids: bigint[], today: IsoDate): Promise<WorklistItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('promises as p')
    .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'p.org_id').onRef('c.id', '=', 'p.customer_id'))
    .select(['p.id', 'p.status', 'p.due_on', 'p.amount', 'p.currency', 'p.resolved_on', 'p.note', 'c.id as customer_id', 'c.external_id', 'c.name', 'c.time_zone'])
    .where('p.org_id', '=', orgId)
    .where('p.id', 'in', ids)
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
async function settlementItems(db: Executor, orgId: bigint, ids: bigint[], late: (due: string | null) => number): Promise<WorklistItem[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<ArrangementRow & { offered: bigint; expires_on: string }>`
    select s.id, s.customer_id, c.external_id, c.name, c.time_zone, s.currency, s.owed as amount, s.amount as offered, s.expires_on,
           min(i.due_date) as oldest_due, array_agg(i.number order by i.due_date, i.id) as invoice_numbers
      from settlements s
      join customers c on c.org_id = s.org_id and c.id = s.customer_id
      join settlement_invoices si on si.org_id = s.org_id and si.settlement_id = s.id
      join invoices i on i.org_id = si.org_id and i.id = si.invoice_id
     where s.org_id = ${orgId} and s.id = any(${ids.map(String)}::bigint[])
     group by s.org_id, s.id, c.org_id, c.id`.execute(db);
  return rows.map((row) =>
    arrangementItem(row, late, {
      key: `settlement:${row.id}`, kind: 'settlement_approval', settlementId: row.id, planId: null,
      title: 'Settlement offer: approve or decline', status: 'awaiting_approval',
      why: `settle ${formatMoney(row.offered, row.currency)} of ${formatMoney(row.amount, row.currency)}, by ${row.expires_on}`,
    }),
  );
}

/** Proposed payment plans only an owner may accept (worklist-entries.ts); at stake: what the plan pays off. */
async function planItems(db: Executor, orgId: bigint, ids: bigint[], late: (due: string | null) => number): Promise<WorklistItem[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql<ArrangementRow & { within_policy: boolean; policy_problems: string[] }>`
    select p.id, p.customer_id, c.external_id, c.name, c.time_zone, p.currency, p.total as amount, p.within_policy, p.policy_problems,
           min(i.due_date) as oldest_due, array_agg(i.number order by i.due_date, i.id) as invoice_numbers
      from payment_plans p
      join customers c on c.org_id = p.org_id and c.id = p.customer_id
      join payment_plan_invoices pi on pi.org_id = p.org_id and pi.plan_id = p.id
      join invoices i on i.org_id = pi.org_id and i.id = pi.invoice_id
     where p.org_id = ${orgId} and p.id = any(${ids.map(String)}::bigint[])
     group by p.org_id, p.id, c.org_id, c.id`.execute(db);
  return rows.map((row) =>
    arrangementItem(row, late, {
      key: `plan:${row.id}`, kind: 'plan_approval', settlementId: null, planId: row.id,
      title: 'Payment plan proposed: accept or decline', status: 'proposed',
      why: row.within_policy ? 'the plan policy needs an owner to accept every plan (planAutoAccept is off)' : `outside the plan policy: ${row.policy_problems.join('; ')}`,
    }),
  );
}
