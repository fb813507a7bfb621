// The daily cycle's messages for payment plans' instalments: a reminder a few days before each
// instalment of an active plan (the playbook's instalment reminder step), a receipt when one is
// paid, and one reminder of the instalment whose miss broke the plan. Which are due is the pure
// rule of src/domain/arrangements/instalment-messages.ts; each goes on the first channel of the
// instalment reminder step the customer can be reached on (email, letter or SMS: the case's own
// choice, src/domain/cycle/customer-state.ts), is judged by the contact rules as any step is
// (src/domain/compliance) and written as an action with its own idempotency key, so
// it is created exactly once and sent by the dispatcher like any other (which looks again, before
// it leaves, at whether it is still true: src/app/shared/message-for-action.ts).
//
// Set-based: one read for every plan of the organisation that may call for a message
// (src/db/queries/plan-messages.ts), one insert for all the actions.
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { insertActions, type NewActionRow, type StoredActionRef } from '../../db/queries/actions.ts';
import { toBookings, toDebtor } from '../../db/queries/debtor-contact.ts';
import { plansForMessages, type PlanMessageRow } from '../../db/queries/plan-messages.ts';
import type { Org } from '../../db/schema.ts';
import { instalmentMessagesDue, type InstalmentMessage, type InstalmentMessageKind } from '../../domain/arrangements/instalment-messages.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { contactRulesFor } from '../../domain/compliance/contact-rules.ts';
import { bookingsToFill, judgeAttempt } from '../../domain/compliance/judge-attempt.ts';
import type { CycleSetup } from '../../domain/cycle/decide-customer.ts';
import { noChannelReason, reachWithout, reachableChannel } from '../../domain/cycle/customer-state.ts';
import { instalmentReminderOf, type SendChannel } from '../../domain/playbooks/playbook.ts';
import { followedPlaybook, selectPlaybook } from '../../domain/playbooks/select-playbook.ts';
import { formatMoney } from '../../domain/money.ts';
import type { CycleAction } from '../cycle/cycle-report.ts';

/**
 * The receipt and the missed reminder have a template each (for every channel a plan message goes
 * on), and go on the channels of the playbook's instalment reminder step, in its order: the
 * organisation chooses how its plan messages reach the customer in one place.
 */
const fixedMessages: Record<Exclude<InstalmentMessageKind, 'reminder'>, { stepKey: string; stepName: string; template: string }> = {
  receipt: { stepKey: 'instalment-receipt', stepName: 'Instalment receipt', template: 'instalment-receipt' },
  missed: { stepKey: 'instalment-missed', stepName: 'Missed instalment reminder', template: 'instalment-missed' },
};

export interface PlannedInstalmentMessages {
  stored: StoredActionRef[];
  /** For the cycle's report, in the order written. */
  actions: CycleAction[];
}

export async function planInstalmentMessages(tx: Executor, org: Pick<Org, 'id' | 'time_zone'>, setup: CycleSetup, date: IsoDate, channelsOff: readonly SendChannel[]): Promise<PlannedInstalmentMessages> {
  const plans = await plansForMessages(tx, org.id, date, org.time_zone);
  const planned: Array<{ row: NewActionRow; plan: PlanMessageRow }> = [];
  for (const plan of plans) {
    const reminder = reminderStepFor(plan, setup, date);
    const instalments = plan.instalments.map((i) => ({ seq: i.seq, dueOn: i.due_on, amount: BigInt(i.amount), paid: BigInt(i.paid), paidOn: i.paid_on }));
    const due = instalmentMessagesDue({ planId: plan.plan_id, status: plan.status, missedSeq: plan.missed_seq, instalments }, reminder.step.daysBefore, date);
    if (due.length === 0) continue;
    const bookings = bookingsToFill(toBookings(plan.booked_dates, plan.booked_channels));
    const rules = contactRulesFor(toDebtor(plan), setup.settings);
    const reach = reachWithout({ email: plan.reach_email ?? false, letter: plan.reach_letter ?? false, sms: plan.reach_sms ?? false, call: false }, channelsOff);
    for (const message of due) {
      const instalment = instalments.find((i) => i.seq === message.seq)!;
      const step = { ...(message.kind === 'reminder' ? { stepKey: 'instalment-reminder', stepName: reminder.step.name, template: reminder.step.template } : fixedMessages[message.kind]), channels: reminder.step.channels };
      // the case's own rule: the step's first channel the customer can be reached on, this installation can send on
      const channel = reachableChannel(step.channels, reach);
      const why = describe(message, plan, instalment);
      const attempt = { kind: 'send' as const, channel: channel ?? step.channels[0]!, template: step.template, stepName: step.stepName, tone: 'friendly' as const, nextStep: null, oldestDueDate: plan.oldest_due_date };
      const verdict = channel
        ? judgeAttempt(attempt, { date, timeZone: plan.time_zone, sendHour: setup.settings.sendHour }, bookings, rules)
        : null;
      planned.push({
        plan,
        row: {
          customerId: plan.customer_id,
          caseId: null,
          key: message.key,
          cycleDate: date,
          kind: 'send',
          channel: attempt.channel,
          playbookName: reminder.name,
          playbookVersion: reminder.version,
          stepKey: step.stepKey,
          stepName: step.stepName,
          stepIndex: 0,
          tone: 'friendly',
          template: step.template,
          status: verdict === null ? 'blocked' : verdict.status === 'allowed' ? 'ready' : verdict.status,
          dueAt: verdict?.dueAt ?? Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: plan.time_zone, plainTime: { hour: setup.settings.sendHour } }).toInstant().toString(),
          rule: verdict === null ? 'no-channel' : verdict.rule,
          reason: verdict === null ? noChannelReason('the customer', step.stepName, step.channels) : (verdict.reason ?? why),
          invoiceIds: plan.invoice_ids,
          invoiceNumbers: plan.invoice_numbers,
          amounts: { [plan.currency]: instalment.amount },
          data: { why, planId: String(plan.plan_id), seq: message.seq, planMessage: message.kind },
        },
      });
    }
  }
  const stored = await insertActions(tx, org.id, planned.map(({ row }) => row));
  const byKey = new Map(stored.map((ref) => [ref.key, ref]));
  const actions = planned.map(({ row, plan }): CycleAction => {
    const ref = byKey.get(row.key)!;
    return {
      id: ref.id.toString(),
      customerId: row.customerId.toString(),
      customerExternalId: plan.external_id,
      step: row.stepKey,
      stepName: row.stepName,
      tone: 'friendly',
      channel: row.channel,
      kind: 'send',
      status: ref.status,
      dueAt: Temporal.Instant.from(ref.dueAt).toZonedDateTimeISO(plan.time_zone).toString({ timeZoneName: 'never' }),
      rule: ref.rule,
      reason: ref.reason,
      invoiceNumbers: row.invoiceNumbers,
      amounts: row.amounts,
      playbook: `${row.playbookName}@${row.playbookVersion}`,
      created: ref.created,
    };
  });
  return { stored, actions };
}

/** The instalment reminder step of the playbook the customer follows (the segment rules, as for the case). */
function reminderStepFor(plan: PlanMessageRow, setup: CycleSetup, date: IsoDate) {
  const profile = { kind: plan.kind, tags: plan.tags, risk: plan.risk, customerSince: plan.customer_since, playbookOverride: plan.playbook_override };
  const choice = selectPlaybook(profile, setup.rules, setup.settings.defaultPlaybook, { today: date, overdue: new Map() });
  const { name, playbook } = followedPlaybook(choice, setup.playbooks, setup.settings.defaultPlaybook);
  return { name, version: playbook.version, step: instalmentReminderOf(playbook.playbook) };
}

function describe(message: InstalmentMessage, plan: PlanMessageRow, instalment: { seq: number; dueOn: IsoDate; amount: bigint; paidOn: IsoDate | null }): string {
  const which = `${instalment.seq === 0 ? 'the down payment' : `instalment ${instalment.seq}`} of payment plan ${plan.plan_id} (${formatMoney(instalment.amount, plan.currency)}, due ${instalment.dueOn})`;
  if (message.kind === 'reminder') return `A reminder of ${which}, before its date.`;
  if (message.kind === 'receipt') return `A receipt for ${which}, paid on ${instalment.paidOn}.`;
  return `One reminder of ${which}: missed, the plan is broken.`;
}
