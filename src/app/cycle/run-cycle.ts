// The daily cycle for one organisation and one date (DESIGN §4): settle promises, follow the
// payment plans' instalments and the settlements on offer, write off small balances by policy, list the customers to chase, open and close cases, read the snapshot of those not quiet (set-based,
// paged), decide each customer (pure: domain/cycle/decide-customer.ts), persist the actions
// idempotently in batches and apply charges for new steps that call for them (cycle-writer.ts).
//
// Quiet customers: a customer planned on an earlier day with nothing new to do until a later one,
// and not stirred by any write since, is neither read nor planned (src/db/queries/plan-quiet.ts):
// on most days most customers have nothing due, and the day's work follows what changed.
//
// Exactly once: the whole run is one transaction under a per-organisation advisory lock, and
// every action has a unique idempotency key (case + step). A second run for the same date, a
// concurrent one, or a re-run after a crash plans the same keys and creates nothing new: a crash
// rolls the transaction back, a finished run left the keys behind.
import type { Kysely, Transaction } from 'kysely';
import { arrangementsPresent } from '../../db/queries/arrangements-present.ts';
import { syncCases } from '../../db/queries/cases.ts';
import { listChaseCustomers } from '../../db/queries/chase-customers.ts';
import { lockOrgCycle, tryLockOrgCycle } from '../../db/queries/cycle-lock.ts';
import { completeCycleRun, cycleCompleted, startCycleRun } from '../../db/queries/cycle-runs.ts';
import { streamCycleSnapshot } from '../../db/queries/cycle-snapshot.ts';
import { currentSnapshot, customersToPlan, endQuiet, forgetSeenStirs, type QuietScope } from '../../db/queries/plan-quiet.ts';
import type { DB, Org } from '../../db/schema.ts';
import { addDays, isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { withoutChannels } from '../../domain/cycle/customer-state.ts';
import { decideCustomer } from '../../domain/cycle/decide-customer.ts';
import type { SendChannel } from '../../domain/playbooks/playbook.ts';
import type { SkipReason } from '../../domain/cycle/plan.ts';
import { AppError } from '../../errors.ts';
import { evaluatePlans, type PlanEvaluation } from '../arrangements/evaluate-plans.ts';
import { evaluateSettlements, type SettlementEvaluation } from '../arrangements/evaluate-settlements.ts';
import { checkedArrangementPolicy } from '../arrangements/arrangement-policy-of.ts';
import { writeOffSmallBalances } from '../arrangements/write-off-small-balances.ts';
import { planInstalmentMessages } from '../arrangements/plan-instalment-messages.ts';
import { loadPlaybooks, setupFingerprint } from '../playbooks/load-playbooks.ts';
import type { CycleReport, CycleSummary } from './cycle-report.ts';
import { countAction, CycleWriter } from './cycle-writer.ts';
import { queueReviews } from './queue-reviews.ts';
import { settlePromises } from './settle-promises.ts';

export type { CycleAction, CycleReport, CycleSummary } from './cycle-report.ts';

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
  /** Channels this installation cannot send on (`channelsOff`): steps take their next channel. */
  channelsOff?: readonly SendChannel[];
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

/** The cycle inside the caller's transaction (simulations run many days in one): read → decide → persist. */
export async function runCycleIn(tx: Transaction<DB>, org: Org, date: IsoDate, options: CycleOptions = {}): Promise<CycleReport> {
  await startCycleTransaction(tx, org.id);
  const setup = await loadPlaybooks(tx, org.id);
  const runId = options.dryRun ? null : await startCycleRun(tx, org.id, date);

  // Read: settle promises and payment plans, list the customers to chase (the list the later steps take), open and
  // close cases, tell the quiet customers from those to read today.
  const preDueDays = Math.max(0, ...[...setup.playbooks.values()].flatMap(({ playbook }) => playbook.steps.map((step) => -step.offsetDays)));
  const channelsOff = options.channelsOff ?? [];
  // a channel coming on (SMS set up) or going off replans the quiet customers too
  const quietScope: QuietScope = { orgId: org.id, date, setup: setupFingerprint(setup, org.time_zone, channelsOff) };
  // what the organisation has of each (usually nothing): a step with nothing to work on is not run
  const present = await arrangementsPresent(tx, org.id);
  const promises = present.pendingPromises ? await settlePromises(tx, org, date, setup.settings.promiseGraceDays) : { kept: 0, broken: 0 };
  const plans = present.paymentPlans ? await evaluatePlans(tx, org, date) : { counts: { instalmentsPaid: 0, completed: 0, broken: 0, resumed: 0, defaulted: 0 }, events: [] };
  const settlements = present.openSettlements ? await evaluateSettlements(tx, org, date) : { paid: 0, lapsed: 0, writtenOff: 0 };
  // small balances the policy gives up (none, with no query, while it names no currency), before the chase list reads them
  const smallBalance = await writeOffSmallBalances(tx, org, date, checkedArrangementPolicy(org.settings));
  // before anything the planning depends on is read: stirs committed later stay for the next run
  const seen = await currentSnapshot(tx);
  const chaseList = await listChaseCustomers(tx, org.id, date, addDays(date, preDueDays));
  const cases = await syncCases(tx, chaseList);
  await endQuiet(tx, quietScope, seen);
  const { toPlan, toPlanCount, quiet: quietToday } = await customersToPlan(tx, chaseList, quietScope, preDueDays, options.replanQuiet);
  const summary = startSummary(cases, promises, plans.counts, settlements, smallBalance, quietToday);

  // Decide each customer (pure) and persist in batches, page by page of the snapshot.
  const writer = new CycleWriter(tx, { orgId: org.id, date, quietScope, dryRun: options.dryRun ?? false, omitActions: options.omitActions ?? false }, summary);
  // with nobody quiet (the first day), the whole organisation is read without a list to match
  const snapshot = { orgId: org.id, date, preDueDays, orgTimeZone: org.time_zone, customers: toPlan };
  for await (const states of streamCycleSnapshot(tx, snapshot, { expectedCustomers: toPlanCount })) {
    for (const state of states) writer.add(state, decideCustomer(withoutChannels(state, channelsOff), setup, date));
    await writer.flushIfFull();
    await options.onProgress?.({ planned: summary.customers - summary.quiet, toPlan: toPlanCount, quiet: summary.quiet });
  }
  await writer.flush();
  // the payment plans' instalments: reminders, receipts, the missed reminder (their invoices are not the case's to chase)
  const instalmentMessages = present.paymentPlans ? await planInstalmentMessages(tx, org, setup, date, channelsOff) : { stored: [], actions: [] };
  for (const stored of instalmentMessages.stored) countAction(summary, stored);
  // the accounts a person should look at now: the review rules, for the cases one can newly fire for
  await queueReviews(tx, org, chaseList, setup.settings);
  if (!options.dryRun) await forgetSeenStirs(tx, org.id, seen);

  if (runId !== null) {
    await completeCycleRun(tx, org.id, runId, summary, new Date().toISOString(), { wakeDispatchers: summary.ready > 0 });
  }
  const actions = options.omitActions ? [] : [...writer.actions, ...instalmentMessages.actions.map((action) => (options.dryRun ? { ...action, id: null } : action))];
  return { org: org.slug, date, dryRun: options.dryRun ?? false, actions, planEvents: plans.events, summary };
}

/**
 * The organisation's lock, and the settings the cycle's transaction runs with, in one statement
 * (a host with many small organisations pays each round trip once an organisation).
 */
async function startCycleTransaction(tx: Transaction<DB>, orgId: bigint): Promise<void> {
  await lockOrgCycle(tx, orgId, {
    // The cycle's few large queries run once a day: compiling them to machine code (PostgreSQL's
    // JIT) cost more than it saved when measured (0.3–0.6 s at 100k customers).
    jit: 'off',
    // The snapshot sorts every chased invoice by customer and due date (≈ 50 MB at a million): with
    // the default 4 MB that sort spills to disk. The cycle is one transaction a day per organisation.
    work_mem: '128MB',
    // the plan_quiet triggers of the cycle's own writes clear rather than stir (migration 0009)
    'arrears.planning': 'on',
  });
}

/** The summary before any customer is planned; the quiet ones are counted, unread, with the reason they were quiet for when planned. */
function startSummary(cases: { opened: number; closed: number }, promises: { kept: number; broken: number }, plans: PlanEvaluation, settlements: SettlementEvaluation, smallBalance: number, quietToday: Partial<Record<SkipReason, number>>): CycleSummary {
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
    plans,
    settlements,
    writeOffs: { smallBalance },
    chargesCreated: 0,
  };
  for (const [reason, customers] of Object.entries(quietToday) as Array<[SkipReason, number]>) {
    summary.customers += customers;
    summary.quiet += customers;
    summary.skipped[reason] += customers;
  }
  return summary;
}

/**
 * The scheduler's run: nothing (null) if the day's cycle is running in another process or has
 * completed already — checked under the lock, so of several processes starting it together one
 * runs it and the others move on to other organisations (and see it done on their next pass).
 */
export async function runScheduledCycle(db: Kysely<DB>, org: Org, date: IsoDate, channelsOff: readonly SendChannel[] = []): Promise<CycleReport | null> {
  return db.transaction().execute(async (tx) => {
    if (!(await tryLockOrgCycle(tx, org.id))) return null;
    return (await cycleCompleted(tx, org.id, date)) ? null : runCycleIn(tx, org, date, { omitActions: true, channelsOff });
  });
}
