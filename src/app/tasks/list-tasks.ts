// The worklist: open tasks for a person (calls and reviews) and the sends that need one (failed
// for good, or a letter held for want of a return address), with the customer's name and time
// zone, and what is at stake now — the open balance of the task's invoices per currency, from
// the ledger (not the amounts planned with the task, which payments since may have changed).
// Two queries whatever the number of tasks.
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import { noReturnAddressRule } from '../dispatch/return-address.ts';

export interface TaskListItem {
  id: bigint;
  /** call | review, or the channel of a send that needs a person */
  channel: string;
  stepName: string;
  status: string;
  /** For a send: why it needs a person (the rule's sentence, or the last error). */
  why: string | null;
  dueAt: string;
  customer: { id: bigint; externalId: string; name: string; timeZone: string | null };
  invoiceNumbers: string[];
  /** Per currency, never added across currencies; empty when every invoice of the task is settled. */
  atStake: Array<{ currency: string; amount: bigint }>;
  /** The earliest due date of the task's invoices still open (how late it is); null when none is. */
  oldestDueOn: string | null;
}

/**
 * The worklist's actions, without their customers: the condition is also the predicate of the
 * partial index actions_worklist (migration 0025), written the same way so that the planner reads
 * only those rows and not every ready send: change both together. (Ranking every action needs no
 * customer, and a customer looked up per action cost a third of the ranking at 87,000 tasks.)
 */
export function worklistActionRows(db: Executor, orgId: bigint) {
  return db
    .selectFrom('actions')
    .where('actions.org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb.and([eb('actions.kind', '=', 'task'), eb('actions.status', 'in', ['ready', 'deferred'])]),
        eb.and([eb('actions.kind', '=', 'send'), eb.or([eb('actions.status', '=', 'failed'), eb.and([eb('actions.status', '=', 'deferred'), eb('actions.rule', '=', noReturnAddressRule)])])]),
      ]),
    );
}

/** The worklist's actions with their customers, in its order. */
export function worklistActionsQuery(db: Executor, orgId: bigint) {
  return worklistActionRows(db, orgId)
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'actions.org_id').onRef('customers.id', '=', 'actions.customer_id'))
    .select(['actions.id', 'actions.channel', 'actions.kind', 'actions.step_name', 'actions.status', 'actions.reason', 'actions.last_error', 'actions.due_at', 'actions.invoice_numbers', 'customers.id as customer_id', 'customers.external_id', 'customers.name', 'customers.time_zone'])
    .orderBy('actions.due_at')
    .orderBy('actions.id');
}

/**
 * What is at stake on each action now: the open balance of its invoices per currency (never added
 * across currencies) and the earliest due date among them, from the ledger; an action whose
 * invoices are all settled is absent. One query whatever the number of actions.
 */
export async function atStakeOfActions(db: Executor, orgId: bigint, ids: readonly bigint[]): Promise<Map<bigint, Pick<TaskListItem, 'atStake' | 'oldestDueOn'>>> {
  const stakes = new Map<bigint, Pick<TaskListItem, 'atStake' | 'oldestDueOn'>>();
  if (ids.length === 0) return stakes;
  const { rows } = await sql<{ action_id: bigint; currency: string; amount: bigint; oldest_due: string }>`
    select a.id as action_id, i.currency, money_sum(i.balance) as amount, min(i.due_date) as oldest_due
      from actions a
      join invoices i on i.org_id = a.org_id and i.id = any(a.invoice_ids)
     where a.org_id = ${orgId} and a.id = any(${ids.map(String)}::bigint[]) and i.status = 'open' and i.balance > 0
     group by a.id, i.currency
     order by a.id, i.currency`.execute(db);
  for (const row of rows) {
    const stake = stakes.get(row.action_id) ?? { atStake: [], oldestDueOn: null };
    stake.atStake.push({ currency: row.currency, amount: row.amount });
    if (stake.oldestDueOn === null || row.oldest_due < stake.oldestDueOn) stake.oldestDueOn = row.oldest_due;
    stakes.set(row.action_id, stake);
  }
  return stakes;
}

/** The worklist's actions (those of `ids` only, when given). */
export async function listTasks(db: Executor, orgId: bigint, ids?: readonly bigint[]): Promise<TaskListItem[]> {
  const query = worklistActionsQuery(db, orgId);
  const tasks = await (ids ? query.where('actions.id', 'in', [...ids]) : query).execute();
  if (tasks.length === 0) return [];
  const stakes = await atStakeOfActions(db, orgId, tasks.map((task) => task.id));
  return tasks.map((task) => ({
    id: task.id,
    channel: task.channel,
    stepName: task.step_name,
    status: task.status,
    why: task.kind === 'send' ? (task.status === 'failed' ? task.last_error : task.reason) : null,
    dueAt: task.due_at,
    customer: { id: task.customer_id, externalId: task.external_id, name: task.name, timeZone: task.time_zone },
    invoiceNumbers: task.invoice_numbers,
    atStake: stakes.get(task.id)?.atStake ?? [],
    oldestDueOn: stakes.get(task.id)?.oldestDueOn ?? null,
  }));
}

/** Which kind of task an action is (call, review, or a send's channel), to route a command; not_found if none. */
export async function taskChannel(db: Executor, orgId: bigint, actionId: bigint): Promise<string> {
  const row = await db.selectFrom('actions').select('channel').where('org_id', '=', orgId).where('id', '=', actionId).executeTakeFirst();
  if (!row) throw new AppError('not_found', `there is no task ${actionId}; see \`arrears task list\``);
  return row.channel;
}
