// The planner: customer state × playbook × date → the actions due today. Pure.
//
// A case's steps are timed from the due date of the customer's oldest overdue invoice. Today's
// step is the furthest step whose offset has been reached; it is proposed only if it is further
// than any step already taken — so after days of downtime the cycle takes today's step once,
// never every missed one, and a case never goes back to a softer step. A step is keyed by case
// and step, so planning the same day again proposes the same keys (and persisting them again
// creates nothing).
import { daysBetween, type IsoDate } from '../calendar.ts';
import type { CollectionSettings } from '../collection-settings.ts';
import { meetsConditions } from '../playbooks/conditions.ts';
import { actionKind, toneRank, type Channel, type PlaybookVersion, type Step, type Tone } from '../playbooks/playbook.ts';
import type { ChaseInvoice, CustomerState } from './customer-state.ts';

export interface ProposedAction {
  key: string;
  customerId: bigint;
  caseId: bigint | null;
  kind: 'send' | 'task';
  channel: Channel;
  stepKey: string;
  stepName: string;
  stepIndex: number;
  tone: Tone;
  template: string;
  playbook: { name: string; version: number };
  invoices: ChaseInvoice[];
  /** Per currency, never added across currencies. */
  amounts: Record<string, bigint>;
  applyCharges: boolean;
  /** For a final notice: the next step it may name (only one the organisation has enabled). */
  nextStep: string | null;
  /** Why this action: the step and the facts that chose it. */
  why: string;
  /** Set when the action cannot be taken at all (e.g. no way to reach the customer). */
  blocked: { rule: string; reason: string } | null;
}

export type SkipReason = 'excluded' | 'on_hold' | 'promise_pending' | 'nothing_due';

export interface PlanOutcome {
  actions: ProposedAction[];
  skipped: { reason: SkipReason; detail: string } | null;
}

export const caseStepKey = (caseId: bigint, stepKey: string) => `case:${caseId}:${stepKey}`;
export const noResponseKey = (caseId: bigint, stepKey: string) => `case:${caseId}:${stepKey}:no-response`;
export const brokenPromiseKey = (promiseId: bigint) => `promise:${promiseId}:call`;
export const preDueKey = (customerId: bigint, dueDate: IsoDate, stepKey: string) => `pre-due:${customerId}:${dueDate}:${stepKey}`;
export const validationNoticeKey = (caseId: bigint) => `case:${caseId}:validation-notice`;

/**
 * Regulation F (12 CFR 1006.34): a debt collector sends a validation notice before, or within
 * five days of, its first communication about a consumer debt. Arrears sends it first: the case's
 * first message, the day's other step waiting a day behind it (one message a day).
 */
const validationNoticeStep: Step = {
  key: 'validation-notice',
  name: 'Validation notice (Regulation F)',
  offsetDays: 0,
  tone: 'firm',
  channels: ['letter', 'email'],
  template: 'validation-notice',
};

function needsValidationNotice(state: CustomerState, settings: CollectionSettings): boolean {
  return settings.role === 'agency' && state.debtor.kind === 'consumer' && state.debtor.country === 'US' && state.caseId !== null && !state.done.has(validationNoticeKey(state.caseId));
}

export function amountsByCurrency(invoices: readonly ChaseInvoice[]): Record<string, bigint> {
  const amounts: Record<string, bigint> = {};
  for (const invoice of invoices) amounts[invoice.currency] = (amounts[invoice.currency] ?? 0n) + invoice.amount;
  return amounts;
}

/** The first of the step's channels the customer can be reached on. */
function pickChannel(channels: readonly Channel[], reach: CustomerState['reach']): Channel | undefined {
  return channels.find((channel) => channel === 'review' || reach[channel]);
}

function enabledNextStep(step: Step, settings: CollectionSettings): string | null {
  if (step.nextStep === 'agency') return settings.agencyEnabled ? 'agency' : null;
  if (step.nextStep === 'small_claims') return settings.smallClaimsEnabled ? 'small_claims' : null;
  return step.nextStep ?? null;
}

export function planCustomer(state: CustomerState, chosen: PlaybookVersion, settings: CollectionSettings, date: IsoDate): PlanOutcome {
  if (state.excludedReason !== null) return skip('excluded', `excluded from collection: ${state.excludedReason}`);
  if (state.hold) return skip('on_hold', `on hold${state.hold.until ? ` until ${state.hold.until}` : ''}: ${state.hold.reason}`);
  if (state.pendingPromise) return skip('promise_pending', `promised to pay by ${state.pendingPromise.dueOn}`);

  const overdue = state.invoices.filter((invoice) => invoice.dueDate < date);
  const context = { today: date, overdue: new Map(Object.entries(amountsByCurrency(overdue))) };
  const steps = chosen.playbook.steps.map((step, index) => ({ step, index })).filter(({ step }) => meetsConditions(state.profile, step.conditions, context));
  const make = (step: Step, index: number, key: string, invoices: ChaseInvoice[], why: string, override?: Partial<ProposedAction>): ProposedAction => {
    const channel = pickChannel(override?.channel ? [override.channel] : step.channels, state.reach);
    return {
      key,
      customerId: state.customerId,
      caseId: state.caseId,
      kind: actionKind(channel ?? step.channels[0]!),
      channel: channel ?? step.channels[0]!,
      stepKey: step.key,
      stepName: step.name,
      stepIndex: index,
      tone: step.tone,
      template: step.template,
      playbook: { name: chosen.playbook.name, version: chosen.version },
      invoices,
      amounts: amountsByCurrency(invoices),
      applyCharges: step.applyCharges ?? false,
      nextStep: enabledNextStep(step, settings),
      why,
      blocked: channel
        ? null
        : {
            rule: 'no-channel',
            reason: `No way to reach ${state.name} for "${step.name}": no usable ${step.channels.join(' or ')} address on file (missing, opted out or bounced).`,
          },
      ...override,
      ...(override?.channel ? { kind: actionKind(override.channel) } : {}),
    };
  };

  const actions: ProposedAction[] = [];
  if (overdue.length > 0 && state.caseId !== null) {
    const caseActions = planCaseSteps(state, chosen, steps, overdue, date, make);
    if (caseActions.length > 0 && needsValidationNotice(state, settings)) {
      actions.push(make(validationNoticeStep, -1, validationNoticeKey(state.caseId), overdue, 'Regulation F: the validation notice goes before any other message about the debt (12 CFR 1006.34).', { nextStep: null, applyCharges: false }));
    }
    actions.push(...caseActions);
  }
  actions.push(...planPreDueNotes(state, steps, date, make));
  if (actions.length === 0) return skip('nothing_due', 'no step is due today');
  return { actions, skipped: null };
}

type MakeAction = (step: Step, index: number, key: string, invoices: ChaseInvoice[], why: string, override?: Partial<ProposedAction>) => ProposedAction;
type IndexedStep = { step: Step; index: number };

function planCaseSteps(
  state: CustomerState,
  chosen: PlaybookVersion,
  steps: IndexedStep[],
  overdue: ChaseInvoice[],
  date: IsoDate,
  make: MakeAction,
): ProposedAction[] {
  const caseId = state.caseId!;
  const oldest = overdue[0]!;
  const daysPastDue = daysBetween(oldest.dueDate, date);
  const caseSteps = steps.filter(({ step }) => step.offsetDays >= 0);
  const taken = caseSteps.filter(({ step }) => state.done.has(caseStepKey(caseId, step.key)));
  const lastTaken = taken.at(-1);
  const reached = caseSteps.filter(({ step }) => step.offsetDays <= daysPastDue).at(-1);
  const playbookName = `playbook ${chosen.playbook.name}`;
  const actions: ProposedAction[] = [];

  // A broken promise: a call now, and the case resumes one step firmer than the last one taken
  // (or further, if the schedule has already reached a later step).
  const broken = state.brokenPromise;
  if (broken && !state.done.has(brokenPromiseKey(broken.id))) {
    const lastIndex = lastTaken?.index ?? -1;
    const firmerThan = lastTaken ? toneRank(lastTaken.step.tone) : -1;
    const firmer = caseSteps.find(({ step, index }) => index > lastIndex && toneRank(step.tone) > firmerThan);
    const due = reached && reached.index > lastIndex ? reached : undefined;
    const target = [firmer, due].filter((s): s is IndexedStep => s !== undefined).sort((x, y) => y.index - x.index)[0];
    const anchor = target ?? lastTaken ?? caseSteps[0];
    if (anchor) {
      actions.push(
        make(anchor.step, anchor.index, brokenPromiseKey(broken.id), overdue, `The promise to pay was broken on ${broken.brokenOn}: call the customer.`, {
          channel: 'call',
          stepKey: `${anchor.step.key}:broken-promise-call`,
          stepName: 'Call after a broken promise',
          template: 'call-broken-promise',
          tone: 'firm',
          applyCharges: false,
          nextStep: null,
        }),
      );
    }
    if (target && !state.done.has(caseStepKey(caseId, target.step.key))) {
      actions.push(
        make(target.step, target.index, caseStepKey(caseId, target.step.key), overdue, `After the promise broken on ${broken.brokenOn}, the case resumes firmer: "${target.step.name}" of ${playbookName}.`),
      );
    }
    return actions;
  }

  if (reached && reached.index > (lastTaken?.index ?? -1)) {
    const skippedSteps = caseSteps.filter(({ index }) => index > (lastTaken?.index ?? -1) && index < reached.index).length;
    const catchUp = skippedSteps > 0 && lastTaken ? ` (${skippedSteps} earlier step(s) passed while nothing ran; only today's is taken)` : '';
    actions.push(
      make(
        reached.step,
        reached.index,
        caseStepKey(caseId, reached.step.key),
        overdue,
        `Oldest invoice ${oldest.number} is ${daysPastDue} day(s) overdue: step "${reached.step.name}" (day ${reached.step.offsetDays}) of ${playbookName}${catchUp}.`,
      ),
    );
    return actions;
  }

  // Nothing new is due: follow up the last step if it got no response in time.
  const follow = lastTaken?.step.onNoResponse;
  if (lastTaken && follow) {
    const key = noResponseKey(caseId, lastTaken.step.key);
    const takenOn = state.done.get(caseStepKey(caseId, lastTaken.step.key));
    const quietSince = takenOn && daysBetween(takenOn, date) >= follow.afterDays && !(state.lastResponseOn && state.lastResponseOn >= takenOn);
    if (quietSince && !state.done.has(key)) {
      actions.push(
        make(lastTaken.step, lastTaken.index, key, overdue, `No response within ${follow.afterDays} days of "${lastTaken.step.name}" (${takenOn}): follow up.`, {
          channel: follow.channel,
          stepKey: `${lastTaken.step.key}:no-response`,
          stepName: `Follow-up: ${lastTaken.step.name}`,
          template: follow.template,
          applyCharges: false,
          nextStep: null,
        }),
      );
    }
  }
  return actions;
}

/** A friendly note before due: once per due date, for invoices due within the step's window. */
function planPreDueNotes(state: CustomerState, steps: IndexedStep[], date: IsoDate, make: MakeAction): ProposedAction[] {
  const preDue = steps.find(({ step }) => step.offsetDays < 0);
  if (!preDue) return [];
  const window = -preDue.step.offsetDays;
  const byDueDate = new Map<IsoDate, ChaseInvoice[]>();
  for (const invoice of state.invoices) {
    const daysToDue = daysBetween(date, invoice.dueDate);
    if (daysToDue >= 0 && daysToDue <= window) byDueDate.set(invoice.dueDate, [...(byDueDate.get(invoice.dueDate) ?? []), invoice]);
  }
  const actions: ProposedAction[] = [];
  for (const [dueDate, invoices] of byDueDate) {
    const key = preDueKey(state.customerId, dueDate, preDue.step.key);
    if (state.done.has(key)) continue;
    actions.push(
      make(preDue.step, preDue.index, key, invoices, `${invoices.length} invoice(s) due on ${dueDate}: "${preDue.step.name}" (${window} days before).`, {
        caseId: null,
      }),
    );
  }
  return actions;
}

function skip(reason: SkipReason, detail: string): PlanOutcome {
  return { actions: [], skipped: { reason, detail } };
}
