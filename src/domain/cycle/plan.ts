// The planner: customer state × playbook × date → the actions due today. Pure.
//
// A case starts at the playbook's first step after the due date, however old the debt, and each
// later step is timed from the first contact and waits for the last message to reach the debtor,
// its own gap and the deadline that message gave (case-progress.ts). After days when nothing ran,
// today's step is taken once, never every missed one, and a case never goes back to a softer
// step. A step is keyed by case and step, so planning the same day again proposes the same keys
// (and persisting them again creates nothing).
import { daysBetween, epochDay, fromEpochDay, type IsoDate } from '../calendar.ts';
import type { CollectionSettings } from '../collection-settings.ts';
import { sumByCurrency } from '../money.ts';
import { meetsConditions } from '../playbooks/conditions.ts';
import { actionKind, toneRank, type Channel, type PlaybookVersion, type Step, type Tone } from '../playbooks/playbook.ts';
import { caseProgress, type IndexedStep } from './case-progress.ts';
import { noChannelReason, reachableChannel, type ChaseInvoice, type CustomerState, type Delivery } from './customer-state.ts';
import { pathFor, pathReason, planOfferStep, sympatheticPace } from './listening.ts';
import { brokenPromiseKey, caseStepKey, defaultedPlanKey, noResponseKey, planOfferKey, preDueKey, validationNoticeKey } from './step-keys.ts';

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

export { brokenPromiseKey, caseStepKey, defaultedPlanKey, noResponseKey, planOfferKey, preDueKey, validationNoticeKey } from './step-keys.ts';

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

function enabledNextStep(step: Step, settings: CollectionSettings): string | null {
  if (step.nextStep === 'agency') return settings.agencyEnabled ? 'agency' : null;
  if (step.nextStep === 'small_claims') return settings.smallClaimsEnabled ? 'small_claims' : null;
  return step.nextStep ?? null;
}

/** The playbook's steps whose conditions the customer meets on `date`, with their places in the playbook. */
export function applicableSteps(state: Pick<CustomerState, 'profile' | 'invoices'>, chosen: PlaybookVersion, date: IsoDate): IndexedStep[] {
  const overdue = state.invoices.filter((invoice) => invoice.dueDate < date);
  const context = { today: date, overdue: sumByCurrency(overdue) };
  return chosen.playbook.steps.map((step, index) => ({ step, index })).filter(({ step }) => meetsConditions(state.profile, step.conditions, context));
}

export function planCustomer(state: CustomerState, chosen: PlaybookVersion, settings: CollectionSettings, date: IsoDate): PlanOutcome {
  if (state.excludedReason !== null) return skip('excluded', `excluded from collection: ${state.excludedReason}`);
  if (state.hold) return skip('on_hold', `on hold${state.hold.until ? ` until ${state.hold.until}` : ''}: ${state.hold.reason}`);
  if (state.pendingPromise) return skip('promise_pending', `promised to pay by ${state.pendingPromise.dueOn}`);

  const overdue = state.invoices.filter((invoice) => invoice.dueDate < date);
  const steps = applicableSteps(state, chosen, date);
  const make = (step: Step, index: number, key: string, invoices: ChaseInvoice[], why: string, override?: Partial<ProposedAction>): ProposedAction => {
    const channel = reachableChannel(override?.channel ? [override.channel] : step.channels, state.reach);
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
      amounts: Object.fromEntries(sumByCurrency(invoices)),
      applyCharges: step.applyCharges ?? false,
      nextStep: enabledNextStep(step, settings),
      why,
      blocked: channel
        ? null
        : {
            rule: 'no-channel',
            reason: noChannelReason(state.name, step.name, step.channels),
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
  const today = epochDay(date);
  const caseSteps = steps.filter(({ step }) => step.offsetDays >= 0);
  const { last, next } = caseProgress(state, caseSteps, epochDay(oldest.dueDate), sympatheticPace(state, chosen.playbook));
  const lastTaken = last?.step;
  const target = next && next.day <= today ? next.step : undefined;
  const playbookName = `playbook ${chosen.playbook.name}`;
  const actions: ProposedAction[] = [];

  // A broken promise or a defaulted payment plan: a call now, and the case resumes one step firmer
  // than the last one taken (or further, if the schedule has already reached a later step).
  const broken = state.brokenArrangement;
  const brokenKey = broken && (broken.kind === 'promise' ? brokenPromiseKey(broken.id) : defaultedPlanKey(broken.id));
  if (broken && brokenKey && !state.done.has(brokenKey)) {
    const what = broken.kind === 'promise' ? `The promise to pay was broken on ${broken.brokenOn}` : `Payment plan ${broken.id} defaulted on ${broken.brokenOn}`;
    const lastIndex = lastTaken?.index ?? -1;
    const firmerThan = lastTaken ? toneRank(lastTaken.step.tone) : -1;
    const firmer = lastTaken ? caseSteps.find(({ step, index }) => index > lastIndex && toneRank(step.tone) > firmerThan) : undefined;
    const resume = [firmer, target].filter((s): s is IndexedStep => s !== undefined).sort((x, y) => y.index - x.index)[0];
    const anchor = resume ?? lastTaken ?? caseSteps[0];
    if (anchor) {
      actions.push(
        make(anchor.step, anchor.index, brokenKey, overdue, `${what}: call the customer.`, {
          channel: 'call',
          stepKey: `${anchor.step.key}:${broken.kind === 'promise' ? 'broken-promise' : 'defaulted-plan'}-call`,
          stepName: broken.kind === 'promise' ? 'Call after a broken promise' : 'Call after a defaulted payment plan',
          template: 'call-broken-promise',
          tone: 'firm',
          applyCharges: false,
          nextStep: null,
        }),
      );
    }
    if (resume && !state.done.has(caseStepKey(caseId, resume.step.key))) {
      actions.push(
        make(resume.step, resume.index, caseStepKey(caseId, resume.step.key), overdue, `After ${broken.kind === 'promise' ? 'the promise broken' : `payment plan ${broken.id} defaulted`} on ${broken.brokenOn}, the case resumes firmer: "${resume.step.name}" of ${playbookName}.`),
      );
    }
    return actions;
  }

  // What the debtor said chooses the path (listening.ts): a plan offer, or straight to the final notice.
  const said = state.said;
  const path = said ? pathFor(chosen.playbook, said.outcome) : undefined;
  if (said && path?.path === 'sympathetic' && !state.done.has(planOfferKey(caseId, said.on))) {
    const why = `${capitalise(pathReason(path, said))}: a payment plan offer; no further step until ${path.offerDays} days after it reaches them, then at least ${path.minGapDays} days apart.`;
    actions.push(make(planOfferStep(path), -1, planOfferKey(caseId, said.on), overdue, why, { applyCharges: false, nextStep: null }));
    return actions;
  }
  const finalStep = said && path?.path === 'firm' ? caseSteps.find(({ step }) => step.key === path.finalStep) : undefined;
  if (said && path?.path === 'firm' && finalStep && !state.done.has(caseStepKey(caseId, finalStep.step.key)) && (lastTaken?.index ?? -1) < finalStep.index) {
    const why = `${capitalise(pathReason(path, said))}: "${finalStep.step.name}" of ${playbookName} now, naming the next step only if the organisation takes it.`;
    actions.push(make(finalStep.step, finalStep.index, caseStepKey(caseId, finalStep.step.key), overdue, why));
    return actions;
  }

  if (target) {
    const late = next!.day < today ? ` (due since ${fromEpochDay(next!.day)}; taken once, the later steps keep their gaps)` : '';
    const why = !lastTaken
      ? `Oldest invoice ${oldest.number} is ${daysPastDue} day(s) overdue and nothing has been sent in this case yet: the first step, "${target.step.name}" of ${playbookName}; the later steps are timed from it${late}.`
      : `Step "${target.step.name}" (day ${target.step.offsetDays}) of ${playbookName}: ${describeSince(last!.delivery, lastTaken.step.name)}${late}.`;
    actions.push(make(target.step, target.index, caseStepKey(caseId, target.step.key), overdue, why));
    return actions;
  }

  // Nothing new is due: follow up the last step if it reached them and got no response in time.
  const follow = lastTaken?.step.onNoResponse;
  if (lastTaken && follow && last!.delivery.status === 'reached') {
    const key = noResponseKey(caseId, lastTaken.step.key);
    const reachedOn = last!.delivery.on;
    const quietSince = daysBetween(reachedOn, date) >= follow.afterDays && !(state.lastResponseOn && state.lastResponseOn >= reachedOn);
    if (quietSince && !state.done.has(key)) {
      actions.push(
        make(lastTaken.step, lastTaken.index, key, overdue, `No response within ${follow.afterDays} days of "${lastTaken.step.name}" (${reachedOn}): follow up.`, {
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

function describeSince(delivery: Delivery, stepName: string): string {
  if (delivery.status === 'reached') return `"${stepName}" reached them on ${delivery.on}${delivery.deadlineOn ? ` with a deadline of ${delivery.deadlineOn}` : ''}`;
  return `"${stepName}", planned on ${delivery.status === 'lapsed' ? delivery.on : '?'}, did not reach them`;
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

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function skip(reason: SkipReason, detail: string): PlanOutcome {
  return { actions: [], skipped: { reason, detail } };
}
