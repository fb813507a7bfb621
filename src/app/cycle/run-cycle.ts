// The daily cycle for one organisation and one date (DESIGN §4): settle promises, list the
// customers to chase, open and close cases, read the snapshot of those not quiet (set-based,
// paged), plan and guard each customer (pure), persist the actions idempotently in batches, apply
// charges for new steps that call for them.
//
// Quiet customers: a customer planned on an earlier day with nothing new to do until a later one,
// and not stirred by any write since, is neither read nor planned (src/db/queries/plan-quiet.ts):
// on most days most customers have nothing due, and the day's work follows what changed.
//
// Exactly once: the whole run is one transaction under a per-organisation advisory lock, and
// every action has a unique idempotency key (case + step). A second run for the same date, a
// concurrent one, or a re-run after a crash plans the same keys and creates nothing new: a crash
// rolls the transaction back, a finished run left the keys behind.
import { sumByCurrency } from '../../domain/money.ts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { wakeDispatchers } from '../../db/queries/outbox.ts';
import { insertActions, type NewActionRow, type StoredActionRef } from '../../db/queries/actions.ts';
import { syncCases } from '../../db/queries/cases.ts';
import { listChaseCustomers } from '../../db/queries/chase-customers.ts';
import { lockOrgCycle } from '../../db/queries/cycle-lock.ts';
import { streamCycleSnapshot } from '../../db/queries/cycle-snapshot.ts';
import { currentSnapshot, customersToPlan, endQuiet, forgetSeenStirs, saveQuiet, type QuietCustomer, type QuietScope } from '../../db/queries/plan-quiet.ts';
import type { ActionStatus, Channel, DB, Org, Tone } from '../../db/schema.ts';
import { addDays, isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import type { CustomerState } from '../../domain/cycle/customer-state.ts';
import { contactRulesFor } from '../../domain/compliance/contact-rules.ts';
import { guardActions, type Verdict } from '../../domain/cycle/guard.ts';
import { planCustomer, type ProposedAction, type SkipReason } from '../../domain/cycle/plan.ts';
import { plannedToday } from '../../domain/cycle/case-progress.ts';
import { quietUntil } from '../../domain/cycle/quiet-until.ts';
import { selectPlaybook } from '../../domain/playbooks/select-playbook.ts';
import { AppError } from '../../errors.ts';
import { stringifyJson } from '../../json.ts';
import { applyCharges } from '../charges/apply-charges.ts';
import { loadPlaybooks, setupFingerprint } from '../playbooks/load-playbooks.ts';
import { settlePromises } from './settle-promises.ts';

export interface CycleAction {
  id: string | null;
  customerId: string;
  customerExternalId: string;
  step: string;
  stepName: string;
  tone: Tone;
  channel: Channel;
  kind: 'send' | 'task';
  status: ActionStatus;
  dueAt: string;
  rule: string | null;
  reason: string | null;
  invoiceNumbers: string[];
  amounts: Record<string, bigint>;
  playbook: string;
  /** True when this run created it; false when it existed already (same case and step). */
  created: boolean;
}

export interface CycleSummary {
  customers: number;
  created: number;
  existing: number;
  ready: number;
  deferred: number;
  blocked: number;
  skipped: Record<SkipReason, number>;
  /** Of `customers`, those left out unread: planned earlier with nothing new due until a later day, and unchanged since. */
  quiet: number;
  casesOpened: number;
  casesClosed: number;
  promisesKept: number;
  promisesBroken: number;
  chargesCreated: number;
}

export interface CycleReport {
  org: string;
  date: IsoDate;
  dryRun: boolean;
  actions: CycleAction[];
  summary: CycleSummary;
}

export interface CycleProgress {
  /** Customers read and planned so far. */
  planned: number;
  /**
   * Customers looked up in this run: those with something to chase, less the quiet ones. Those of
   * them whose invoices are all disputed or on hold have nothing to plan, so `planned` may end lower.
   */
  toPlan: number;
  /** Customers left out as quiet (not read). */
  quiet: number;
}

export interface CycleOptions {
  dryRun?: boolean;
  /** Keep the per-action list out of the report (large portfolios, the scheduler). */
  omitActions?: boolean;
  /** Called after each page of customers is planned; awaited. */
  onProgress?: (progress: CycleProgress) => void | Promise<void>;
  /** Plan quiet customers too (the equivalence test compares the two). */
  replanQuiet?: boolean;
}

class DryRunRollback extends Error {
  constructor(readonly report: CycleReport) {
    super('dry run');
  }
}

/** Runs the cycle in its own transaction; a dry run rolls everything back. */
export async function runCycle(db: Kysely<DB>, org: Org, date: IsoDate, options: CycleOptions = {}): Promise<CycleReport> {
  if (!isIsoDate(date)) throw new AppError('invalid_input', `the cycle date "${date}" is not a date written YYYY-MM-DD, from 1900-01-01 to 2199-12-31`);
  try {
    return await db.transaction().execute(async (tx) => {
      const report = await runCycleIn(tx, org, date, options);
      if (options.dryRun) throw new DryRunRollback(report);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

/**
 * Planned actions (or quiet marks) gathered before they are written in one statement: large
 * enough that a million-invoice run makes few round trips, small enough to keep memory flat.
 */
const persistBatchSize = 5000;

/** The cycle inside the caller's transaction (simulations run many days in one). */
export async function runCycleIn(tx: Transaction<DB>, org: Org, date: IsoDate, options: CycleOptions = {}): Promise<CycleReport> {
  await lockOrgCycle(tx, org.id);
  // The cycle's few large queries run once a day: compiling them to machine code (PostgreSQL's
  // JIT) cost more than it saved when measured (0.3–0.6 s at 100k customers).
  await sql`set local jit = off`.execute(tx);
  // The snapshot sorts every chased invoice by customer and due date (≈ 50 MB at a million): with
  // the default 4 MB that sort spills to disk. The cycle is one transaction a day per organisation.
  await sql`set local work_mem = '128MB'`.execute(tx);
  // the plan_quiet triggers of the cycle's own writes clear rather than stir (migration 0009)
  await sql`select set_config('arrears.planning', 'on', true)`.execute(tx);
  const setup = await loadPlaybooks(tx, org.id);
  const { playbooks, rules, settings } = setup;
  const run = options.dryRun
    ? null
    : await tx.insertInto('cycle_runs').values({ org_id: org.id, cycle_date: date, status: 'running', summary: '{}' }).returning('id').executeTakeFirstOrThrow();

  const preDueDays = Math.max(0, ...[...playbooks.values()].flatMap(({ playbook }) => playbook.steps.map((step) => -step.offsetDays)));
  const quietScope: QuietScope = { orgId: org.id, date, setup: setupFingerprint(setup, org.time_zone) };
  const promises = await settlePromises(tx, org.id, date, settings.promiseGraceDays);
  // before anything the planning depends on is read: stirs committed later stay for the next run
  const seen = await currentSnapshot(tx);
  await listChaseCustomers(tx, org.id, date, addDays(date, preDueDays));
  const cases = await syncCases(tx, org.id, date);
  await endQuiet(tx, quietScope, seen);
  const { toPlan, toPlanCount, quiet: quietToday } = await customersToPlan(tx, quietScope, preDueDays, options.replanQuiet);
  const summary: CycleSummary = {
    customers: 0,
    created: 0,
    existing: 0,
    ready: 0,
    deferred: 0,
    blocked: 0,
    skipped: { excluded: 0, on_hold: 0, promise_pending: 0, nothing_due: 0 },
    quiet: 0,
    casesOpened: cases.opened,
    casesClosed: cases.closed,
    promisesKept: promises.kept,
    promisesBroken: promises.broken,
    chargesCreated: 0,
  };
  // the quiet customers are counted, unread, with the reason they were quiet for when planned
  for (const [reason, customers] of Object.entries(quietToday) as Array<[SkipReason, number]>) {
    summary.customers += customers;
    summary.quiet += customers;
    summary.skipped[reason] += customers;
  }
  const actions: CycleAction[] = [];

  let batch: Array<{ proposal: ProposedAction; verdict: Verdict; state: CustomerState }> = [];
  let quiet: QuietCustomer[] = [];
  const flush = async () => {
    await flushActions();
    // after the actions: inserting them clears the quiet rows of their customers
    if (!options.dryRun) await saveQuiet(tx, quietScope, quiet);
    quiet = [];
  };
  const flushActions = async () => {
    if (batch.length === 0) return;
    const pending = batch;
    batch = [];
    const stored = await insertActions(tx, org.id, pending.map(({ proposal, verdict }) => actionRow(proposal, verdict, date)));
    const byKey = new Map(stored.map((row) => [row.key, row]));
    const newlyCharged = pending.filter(({ proposal }) => proposal.applyCharges && byKey.get(proposal.key)?.created);
    if (newlyCharged.length > 0) {
      const charged = await applyCharges(
        tx,
        org.id,
        newlyCharged.map(({ proposal }) => ({ customerId: proposal.customerId, invoiceIds: proposal.invoices.map((i) => i.id), date, key: proposal.key })),
      );
      summary.chargesCreated += charged.created;
    }
    for (const { proposal, state } of pending) {
      const row = byKey.get(proposal.key)!;
      count(summary, row);
      // a dry run's rows are rolled back: their ids would name nothing
      if (!options.omitActions) actions.push(reportAction(proposal, row, state, options.dryRun ? null : row.id.toString()));
    }
  };

  // with nobody quiet (the first day), the whole organisation is read without a list to match
  const snapshot = { orgId: org.id, date, preDueDays, orgTimeZone: org.time_zone, customers: toPlan };
  for await (const states of streamCycleSnapshot(tx, snapshot)) {
    for (const state of states) {
      summary.customers += 1;
      const overdue = sumByCurrency(state.invoices.filter((invoice) => invoice.dueDate < date));
      const choice = selectPlaybook(state.profile, rules, settings.defaultPlaybook, { today: date, overdue });
      const chosen = playbooks.get(choice.name) ?? playbooks.get(settings.defaultPlaybook) ?? playbooks.get('standard')!;
      const outcome = planCustomer(state, chosen, settings, date);
      if (outcome.skipped) summary.skipped[outcome.skipped.reason] += 1;
      const verdicts = guardActions(
        outcome.actions,
        { date, timeZone: state.timeZone, sendHour: settings.sendHour, bookings: state.bookings },
        contactRulesFor(state.debtor, settings),
      );
      outcome.actions.forEach((proposal, index) => batch.push({ proposal, verdict: verdicts[index]!, state }));
      // today's actions are taken today: from tomorrow on they are done
      const quietFrom = outcome.actions.length > 0 ? addDays(date, 1) : date;
      const planned = outcome.actions.map((proposal, index) => plannedToday(proposal, verdicts[index]!.status, date));
      const until = quietUntil(state, chosen, rules, date, planned);
      if (until > quietFrom) quiet.push({ customerId: state.customerId, quietFrom, quietUntil: until, skipped: outcome.skipped?.reason ?? 'nothing_due' });
    }
    if (batch.length >= persistBatchSize || quiet.length >= persistBatchSize) await flush();
    await options.onProgress?.({ planned: summary.customers - summary.quiet, toPlan: toPlanCount, quiet: summary.quiet });
  }
  await flush();
  if (!options.dryRun) await forgetSeenStirs(tx, org.id, seen);

  if (run) {
    await tx
      .updateTable('cycle_runs')
      .set({ status: 'completed', finished_at: new Date().toISOString(), summary: stringifyJson(summary) })
      .where('org_id', '=', org.id)
      .where('id', '=', run.id)
      .execute();
    if (summary.ready > 0) await wakeDispatchers(tx);
  }
  return { org: org.slug, date, dryRun: options.dryRun ?? false, actions, summary };
}

/**
 * The scheduler's run: nothing (null) if the day's cycle has completed already — checked under
 * the lock, so of several processes starting it together one runs it and the others see it done.
 */
export async function runScheduledCycle(db: Kysely<DB>, org: Org, date: IsoDate): Promise<CycleReport | null> {
  return db.transaction().execute(async (tx) => {
    await lockOrgCycle(tx, org.id);
    const done = await tx
      .selectFrom('cycle_runs')
      .select('id')
      .where('org_id', '=', org.id)
      .where('cycle_date', '=', date)
      .where('status', '=', 'completed')
      .executeTakeFirst();
    return done ? null : runCycleIn(tx, org, date, { omitActions: true });
  });
}

function actionRow(proposal: ProposedAction, verdict: Verdict, date: IsoDate): NewActionRow {
  return {
    customerId: proposal.customerId,
    caseId: proposal.caseId,
    key: proposal.key,
    cycleDate: date,
    kind: proposal.kind,
    channel: proposal.channel,
    playbookName: proposal.playbook.name,
    playbookVersion: proposal.playbook.version,
    stepKey: proposal.stepKey,
    stepName: proposal.stepName,
    stepIndex: proposal.stepIndex,
    tone: proposal.tone,
    template: proposal.template,
    status: verdict.status === 'allowed' ? 'ready' : verdict.status,
    dueAt: verdict.dueAt,
    rule: verdict.rule,
    reason: verdict.reason ?? proposal.why,
    invoiceIds: proposal.invoices.map((invoice) => invoice.id),
    invoiceNumbers: proposal.invoices.map((invoice) => invoice.number),
    amounts: proposal.amounts,
    data: { why: proposal.why, nextStep: proposal.nextStep, applyCharges: proposal.applyCharges },
  };
}

function count(summary: CycleSummary, row: StoredActionRef): void {
  if (row.created) summary.created += 1;
  else summary.existing += 1;
  if (row.status === 'ready') summary.ready += 1;
  if (row.status === 'deferred') summary.deferred += 1;
  if (row.status === 'blocked') summary.blocked += 1;
}

function reportAction(proposal: ProposedAction, row: StoredActionRef, state: CustomerState, id: string | null): CycleAction {
  return {
    id,
    customerId: state.customerId.toString(),
    customerExternalId: state.externalId,
    step: proposal.stepKey,
    stepName: proposal.stepName,
    tone: proposal.tone,
    channel: proposal.channel,
    kind: proposal.kind,
    status: row.status,
    // stored in UTC; shown in the debtor's own zone, with its offset
    dueAt: Temporal.Instant.from(row.dueAt).toZonedDateTimeISO(state.timeZone).toString({ timeZoneName: 'never' }),
    rule: row.rule,
    reason: row.reason,
    invoiceNumbers: proposal.invoices.map((invoice) => invoice.number),
    amounts: proposal.amounts,
    playbook: `${proposal.playbook.name}@${proposal.playbook.version}`,
    created: row.created,
  };
}
