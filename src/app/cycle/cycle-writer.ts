// The cycle's writes, batched: the actions decided for each customer (inserted with their
// idempotency keys; a key already there is reported as existing), the charges of new steps that
// call for them, and the quiet marks of customers not to be read again before a later day. What
// it wrote is counted into the run's summary and listed for its report.
import type { Transaction } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { insertActions, type NewActionRow, type StoredActionRef } from '../../db/queries/actions.ts';
import { saveQuiet, type QuietCustomer, type QuietScope } from '../../db/queries/plan-quiet.ts';
import type { DB } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import type { Verdict } from '../../domain/compliance/judge-attempt.ts';
import type { CustomerState } from '../../domain/cycle/customer-state.ts';
import type { CustomerDecision } from '../../domain/cycle/decide-customer.ts';
import type { ProposedAction } from '../../domain/cycle/plan.ts';
import { applyCharges } from '../charges/apply-charges.ts';
import type { CycleAction, CycleSummary } from './cycle-report.ts';

/**
 * Planned actions (or quiet marks) gathered before they are written in one statement: large
 * enough that a million-invoice run makes few round trips, small enough to keep memory flat.
 */
const persistBatchSize = 5000;

export interface CycleWriterOptions {
  orgId: bigint;
  date: IsoDate;
  quietScope: QuietScope;
  dryRun: boolean;
  /** Keep the per-action list out of the report. */
  omitActions: boolean;
}

export class CycleWriter {
  /** The report's actions, in the order written. */
  readonly actions: CycleAction[] = [];
  #batch: Array<{ proposal: ProposedAction; verdict: Verdict; state: CustomerState }> = [];
  #quiet: QuietCustomer[] = [];

  constructor(
    readonly tx: Transaction<DB>,
    readonly options: CycleWriterOptions,
    readonly summary: CycleSummary,
  ) {}

  /** Takes one customer's decision; nothing is written until the batch is full or flushed. */
  add(state: CustomerState, decision: CustomerDecision): void {
    this.summary.customers += 1;
    if (decision.skipped) this.summary.skipped[decision.skipped] += 1;
    for (const { proposal, verdict } of decision.actions) this.#batch.push({ proposal, verdict, state });
    if (decision.quiet) this.#quiet.push({ customerId: state.customerId, ...decision.quiet });
  }

  async flushIfFull(): Promise<void> {
    if (this.#batch.length >= persistBatchSize || this.#quiet.length >= persistBatchSize) await this.flush();
  }

  async flush(): Promise<void> {
    await this.#flushActions();
    // after the actions: inserting them clears the quiet rows of their customers
    if (!this.options.dryRun) await saveQuiet(this.tx, this.options.quietScope, this.#quiet);
    this.#quiet = [];
  }

  async #flushActions(): Promise<void> {
    if (this.#batch.length === 0) return;
    const { tx, options, summary } = this;
    const pending = this.#batch;
    this.#batch = [];
    const stored = await insertActions(tx, options.orgId, pending.map(({ proposal, verdict }) => actionRow(proposal, verdict, options.date)));
    const byKey = new Map(stored.map((row) => [row.key, row]));
    const newlyCharged = pending.filter(({ proposal }) => proposal.applyCharges && byKey.get(proposal.key)?.created);
    if (newlyCharged.length > 0) {
      const charged = await applyCharges(
        tx,
        options.orgId,
        newlyCharged.map(({ proposal }) => ({ customerId: proposal.customerId, invoiceIds: proposal.invoices.map((i) => i.id), date: options.date, key: proposal.key })),
      );
      summary.chargesCreated += charged.created;
    }
    for (const { proposal, state } of pending) {
      const row = byKey.get(proposal.key)!;
      countAction(summary, row);
      // a dry run's rows are rolled back: their ids would name nothing
      if (!options.omitActions) this.actions.push(reportAction(proposal, row, state, options.dryRun ? null : row.id.toString()));
    }
  }
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
    // the planner's why is the reason, unless the guard gave its own: then it is kept beside it
    // (written once, not twice, on the hundred thousand actions of a first day)
    data: { ...(verdict.reason === null ? {} : { why: proposal.why }), nextStep: proposal.nextStep, applyCharges: proposal.applyCharges },
  };
}

/** Counts a stored action into the run's summary (created or existing, and its status). */
export function countAction(summary: CycleSummary, row: StoredActionRef): void {
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
