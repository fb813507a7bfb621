// Actions: batched idempotent inserts (the unique idempotency key decides what is new) and reads.
import { sql, type RawBuilder } from 'kysely';
import type { ActionStatus, Channel, Tone } from '../schema.ts';
import type { Executor } from '../executor.ts';
import { debtorLocalDate } from './debtor-contact.ts';
import { fetchPage, type Page, type PageRequest } from './page.ts';

export interface NewActionRow {
  customerId: bigint;
  caseId: bigint | null;
  key: string;
  cycleDate: string;
  kind: 'send' | 'task';
  channel: Channel;
  playbookName: string | null;
  playbookVersion: number | null;
  stepKey: string;
  stepName: string;
  stepIndex: number;
  tone: Tone | null;
  template: string | null;
  status: ActionStatus;
  dueAt: string;
  rule: string | null;
  reason: string | null;
  invoiceIds: bigint[];
  invoiceNumbers: string[];
  amounts: Record<string, bigint>;
  /** What a person or a later step needs to know; plain JSON (amounts go in `amounts`). */
  data: Record<string, string | number | boolean | null>;
}

/** {"GBP":12345,…}: amounts as JSON integers with every digit (bigint's own text, never a float). */
function amountsJson(amounts: Record<string, bigint>): string {
  return `{${Object.entries(amounts).map(([currency, amount]) => `${JSON.stringify(currency)}:${amount}`).join(',')}}`;
}

export interface StoredActionRef {
  id: bigint;
  key: string;
  status: ActionStatus;
  dueAt: string;
  rule: string | null;
  reason: string | null;
  created: boolean;
}

/**
 * Inserts the actions whose keys are new and returns every row behind the given keys: `created`
 * true for the new ones, false for those that already existed (planned earlier, or by a
 * concurrent run), with their stored status.
 *
 * Rows are written `insertBatchRows` at a time (the review rules' pass hands over every account it
 * queues at once, tens of thousands on a first day).
 */
export async function insertActions(db: Executor, orgId: bigint, rows: readonly NewActionRow[]): Promise<StoredActionRef[]> {
  const stored: StoredActionRef[] = [];
  for (let at = 0; at < rows.length; at += insertBatchRows) stored.push(...(await insertActionBatch(db, orgId, rows.slice(at, at + insertBatchRows))));
  return stored;
}

/**
 * Rows per insert statement: above the cycle's own batches (cycle-writer.ts), which go through
 * whole. One statement for a whole first day's review tasks (tens of thousands) parsed one
 * document of that size and held every row three times over on the server (the parsed document,
 * the rows read from it, the trigger's transition table), beyond the cycle's work_mem: in
 * statements of this size the same rows cost the server less (docs/benchmarks.md).
 */
const insertBatchRows = 10_000;

/** A review task as `insertReviewTasks` takes it: what is written here; its invoices come from the run's `review_found`. */
export interface NewReviewTask {
  caseId: bigint;
  key: string;
  stepKey: string;
  stepName: string;
  reason: string;
  data: Record<string, string | number | boolean | null>;
}

/**
 * The review tasks of the run's date, each row joined on the server to its case's invoices past
 * due in `found` (review-candidates.ts: `invoice_ids`, `invoice_numbers`, `amounts`). Written
 * `insertBatchRows` at a time like the other actions, with the same idempotency; returns how many
 * were new.
 */
export async function insertReviewTasks(db: Executor, orgId: bigint, found: RawBuilder<unknown>, tasks: readonly NewReviewTask[], shared: { cycleDate: string; dueAt: string; tone: Tone; template: string }): Promise<number> {
  let created = 0;
  for (let at = 0; at < tasks.length; at += insertBatchRows) {
    const batch = JSON.stringify(
      tasks.slice(at, at + insertBatchRows).map((t) => ({ case_id: String(t.caseId), idempotency_key: t.key, step_key: t.stepKey, step_name: t.stepName, reason: t.reason, data: t.data })),
    );
    const inserted = await sql`
      insert into actions (org_id, customer_id, case_id, idempotency_key, cycle_date, kind, channel, playbook_name, playbook_version,
                           step_key, step_name, step_index, tone, template, status, due_at, rule, reason,
                           invoice_ids, invoice_numbers, amounts, data)
      select ${orgId}, f.customer_id, f.case_id, n.idempotency_key, ${shared.cycleDate}::date, 'task', 'review', null, null,
             n.step_key, n.step_name, -1, ${shared.tone}, ${shared.template}, 'ready', ${shared.dueAt}::timestamptz, null, n.reason,
             f.invoice_ids, f.invoice_numbers, f.amounts_json, n.data
        from jsonb_to_recordset(${batch}::jsonb) as n(case_id bigint, idempotency_key text, step_key text, step_name text, reason text, data jsonb)
        join ${found} f on f.case_id = n.case_id
      on conflict (org_id, idempotency_key) do nothing`.execute(db);
    created += Number(inserted.numAffectedRows ?? 0n);
  }
  return created;
}

/**
 * One statement. The batch travels as one JSON document read with jsonb_to_recordset (one
 * parameter, parsed in C), written by JSON.stringify without a replacer: ids as strings, amounts
 * (bigint) as their own JSON text. With stringifyJson's bigint replacer over the whole batch,
 * serialising took a large share of a 100k-customer cycle; typed arrays through unnest instead
 * of the document cost the server the same.
 */
async function insertActionBatch(db: Executor, orgId: bigint, rows: readonly NewActionRow[]): Promise<StoredActionRef[]> {
  const batch = JSON.stringify(
    rows.map((r) => ({
      customer_id: String(r.customerId), case_id: r.caseId === null ? null : String(r.caseId), idempotency_key: r.key, cycle_date: r.cycleDate,
      kind: r.kind, channel: r.channel, playbook_name: r.playbookName, playbook_version: r.playbookVersion, step_key: r.stepKey,
      step_name: r.stepName, step_index: r.stepIndex, tone: r.tone, template: r.template, status: r.status, due_at: r.dueAt, rule: r.rule,
      reason: r.reason, invoice_ids: r.invoiceIds.map(String), invoice_numbers: r.invoiceNumbers, amounts: amountsJson(r.amounts), data: r.data,
    })),
  );
  const inserted = await sql<{ id: bigint; idempotency_key: string }>`
    insert into actions (org_id, customer_id, case_id, idempotency_key, cycle_date, kind, channel, playbook_name, playbook_version,
                         step_key, step_name, step_index, tone, template, status, due_at, rule, reason,
                         invoice_ids, invoice_numbers, amounts, data)
    select ${orgId}, customer_id, case_id, idempotency_key, cycle_date, kind, channel, playbook_name, playbook_version,
           step_key, step_name, step_index, tone, template, status, due_at, rule, reason,
           invoice_ids, invoice_numbers, amounts::jsonb, data
      from jsonb_to_recordset(${batch}::jsonb)
           as n(customer_id bigint, case_id bigint, idempotency_key text, cycle_date date, kind text, channel text, playbook_name text,
                playbook_version integer, step_key text, step_name text, step_index integer, tone text, template text, status text,
                due_at timestamptz, rule text, reason text, invoice_ids bigint[], invoice_numbers text[], amounts text, data jsonb)
    on conflict (org_id, idempotency_key) do nothing
    returning id, idempotency_key`.execute(db);
  // A new row holds exactly what was sent; only the keys that were there already (an earlier or
  // a concurrent run) are read back, for their stored status.
  const idsByKey = new Map(inserted.rows.map((row) => [row.idempotency_key, row.id]));
  const stored: StoredActionRef[] = [];
  for (const row of rows) {
    const id = idsByKey.get(row.key);
    if (id !== undefined) stored.push({ id, key: row.key, status: row.status, dueAt: row.dueAt, rule: row.rule, reason: row.reason, created: true });
  }
  if (stored.length < rows.length) {
    const existing = await sql<{ id: bigint; idempotency_key: string; status: ActionStatus; due_at: string; rule: string | null; reason: string | null }>`
      select id, idempotency_key, status, due_at, rule, reason from actions
       where org_id = ${orgId} and idempotency_key = any(${rows.filter((row) => !idsByKey.has(row.key)).map((row) => row.key)}::text[])`.execute(db);
    for (const row of existing.rows) {
      stored.push({ id: row.id, key: row.idempotency_key, status: row.status, dueAt: row.due_at, rule: row.rule, reason: row.reason, created: false });
    }
  }
  return stored;
}

/**
 * A task a person finished (a call made, a review decided): `done`, and dated the way a message's
 * `sent_on` is, on the debtor's local day it happened. The cycle moves the case on from that day
 * (src/domain/cycle/case-progress.ts) and reads it as it is stored, with no time zone to look up.
 */
export async function finishTask(db: Executor, org: { id: bigint; time_zone: string }, actionId: bigint, at: string, data: Record<string, unknown>): Promise<void> {
  await sql`
    update actions a
       set status = 'done', finished_at = ${at}::timestamptz, updated_at = now(), data = a.data || ${JSON.stringify(data)}::jsonb,
           sent_on = (select ${debtorLocalDate(sql`${at}::timestamptz`, org.time_zone)} from customers c where c.org_id = a.org_id and c.id = a.customer_id)
     where a.org_id = ${org.id} and a.id = ${actionId}`.execute(db);
}

export interface ActionFilters {
  status?: ActionStatus;
  customerId?: bigint;
  /** Actions of this cycle date. */
  date?: string;
  /** Sends only (the outbox) or tasks only (the worklist). */
  kind?: 'send' | 'task';
}

function actionsQuery(db: Executor, orgId: bigint) {
  return db
    .selectFrom('actions')
    .innerJoin('customers', (join) => join.onRef('customers.org_id', '=', 'actions.org_id').onRef('customers.id', '=', 'actions.customer_id'))
    .where('actions.org_id', '=', orgId)
    .select([
      'actions.id',
      'actions.customer_id',
      'customers.external_id as customer_external_id',
      'customers.time_zone as customer_time_zone',
      'actions.case_id',
      'actions.cycle_date',
      'actions.kind',
      'actions.channel',
      'actions.playbook_name',
      'actions.playbook_version',
      'actions.step_key',
      'actions.step_name',
      'actions.tone',
      'actions.template',
      'actions.status',
      'actions.due_at',
      'actions.rule',
      'actions.reason',
      'actions.invoice_numbers',
      'actions.amounts',
      'actions.data',
      'actions.created_at',
      'actions.updated_at',
      'actions.attempts',
      'actions.next_attempt_at',
      'actions.last_error',
      'actions.message_id',
      'actions.finished_at',
    ]);
}

export type ActionRow = Awaited<ReturnType<ReturnType<typeof actionsQuery>['executeTakeFirstOrThrow']>>;

export function listActions(db: Executor, orgId: bigint, filters: ActionFilters, page: PageRequest): Promise<Page<ActionRow>> {
  let query = actionsQuery(db, orgId);
  if (filters.status) query = query.where('actions.status', '=', filters.status);
  if (filters.customerId !== undefined) query = query.where('actions.customer_id', '=', filters.customerId);
  if (filters.date) query = query.where('actions.cycle_date', '=', filters.date);
  if (filters.kind) query = query.where('actions.kind', '=', filters.kind);
  return fetchPage(query, 'actions.id', page);
}

export function findAction(db: Executor, orgId: bigint, id: bigint): Promise<ActionRow | undefined> {
  return actionsQuery(db, orgId).where('actions.id', '=', id).executeTakeFirst();
}
