// The collector's worklist, in the order worth working it (domain/worklist-order.ts): call tasks
// and reviews, sends that need a person (failed for good, blocked today, letters held), promises
// that fall due today (did the money come?) and promises broken in the last week. The day's work
// counts on the dashboard are counted from this same list, so the two never disagree.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import { addDays, daysBetween, type IsoDate } from '../../domain/calendar.ts';
import { compareWorklistItems } from '../../domain/worklist-order.ts';
import { listTasks } from './list-tasks.ts';

export const worklistKinds = ['call', 'review', 'send_failed', 'send_blocked', 'letter_held', 'promise_due', 'promise_broken'] as const;
export type WorklistKind = (typeof worklistKinds)[number];

/** A broken promise stays on the worklist this many days (unless a new promise is made). */
export const brokenPromiseDays = 7;

export interface WorklistItem {
  /** 'action:<id>' or 'promise:<id>'. */
  key: string;
  kind: WorklistKind;
  actionId: bigint | null;
  promiseId: bigint | null;
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
  const items = [...tasks, ...(await blockedToday(db, org.id, today, late)), ...(await promiseItems(db, org.id, today))];
  return items.sort((a, b) =>
    compareWorklistItems(
      { promiseDueToday: a.kind === 'promise_due', atStake: a.atStake, daysLate: a.daysLate, sequence: a.actionId ?? a.promiseId! },
      { promiseDueToday: b.kind === 'promise_due', atStake: b.atStake, daysLate: b.daysLate, sequence: b.actionId ?? b.promiseId! },
    ),
  );
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
        key: `action:${row.id}`, kind: 'send_blocked', actionId: row.id, promiseId: null,
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
