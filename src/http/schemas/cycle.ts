// The daily cycle's result and the actions it plans, as the API returns them (the same shape as
// `arrears cycle --json`).
import { channels, tones } from '../../domain/playbooks/playbook.ts';
import { z } from '@hono/zod-openapi';
import type { ActionRow } from '../../db/queries/actions.ts';
import { Temporal } from 'temporal-polyfill';
import { Amount, Id, IdInput, IsoDate, Timestamp } from './common.ts';
import { PageQuery, pageOf } from './pagination.ts';
import { actionStatuses } from '../../domain/actions/action-status.ts';

const channel = z.enum(channels);
const tone = z.enum(tones);
const status = z.enum(actionStatuses);
const Amounts = z.record(z.string(), Amount).openapi({ description: 'per currency (never added across currencies), minor units' });

export const CycleAction = z
  .object({
    id: Id.nullable().openapi({ description: 'null in a dry run' }),
    customerId: Id,
    customerExternalId: z.string(),
    step: z.string().openapi({ description: 'the playbook step that produced it' }),
    stepName: z.string(),
    tone,
    channel,
    kind: z.enum(['send', 'task']),
    status,
    dueAt: z.string().openapi({ description: "ISO 8601 with the offset of the debtor's time zone", example: '2026-11-23T09:00:00-05:00' }),
    rule: z.string().nullable().openapi({ description: 'for deferred and blocked actions: the rule' }),
    reason: z.string().nullable().openapi({ description: 'why: the step and facts that chose it, or why it was deferred or blocked' }),
    invoiceNumbers: z.array(z.string()),
    amounts: Amounts,
    playbook: z.string().openapi({ description: 'name@version' }),
    created: z.boolean().openapi({ description: 'created by this run; false: planned already for the same case and step' }),
  })
  .openapi('CycleAction');

export const PlanEvent = z
  .object({
    customerId: Id,
    customerExternalId: z.string(),
    planId: Id,
    kind: z.enum(['plan_instalment_paid', 'plan_completed', 'plan_broken', 'plan_resumed', 'plan_defaulted']).openapi({
      description: 'plan_broken: an instalment missed (unpaid after its grace days); plan_defaulted: still unpaid a second grace period later, the case resumes one step firmer with a call',
    }),
    on: IsoDate.openapi({ description: 'the day it happened by the rule' }),
    summary: z.string().openapi({ description: 'as on the timeline' }),
  })
  .openapi('PlanEvent');

const count = z.int().min(0);
export const CycleReport = z
  .object({
    org: z.string(),
    date: IsoDate,
    dryRun: z.boolean(),
    actions: z.array(CycleAction),
    planEvents: z.array(PlanEvent).openapi({ description: 'the payment plans the day moved on' }),
    summary: z.object({
      customers: count,
      created: count,
      existing: count,
      ready: count,
      deferred: count,
      blocked: count,
      skipped: z.object({ excluded: count, on_hold: count, promise_pending: count, nothing_due: count }),
      quiet: count.openapi({ description: 'customers not read today: planned on an earlier day with nothing new due until a later one, and unchanged since (counted in customers and skipped too)' }),
      casesOpened: count,
      casesClosed: count,
      promisesKept: count,
      promisesBroken: count,
      plans: z.object({ instalmentsPaid: count, completed: count, broken: count, resumed: count, defaulted: count }).openapi({ description: 'payment plans moved on by the day: instalments paid in full, plans completed, broken (an instalment missed), back on track, defaulted' }),
      settlements: z.object({ paid: count, lapsed: count, writtenOff: count }).openapi({ description: 'settlements paid by their expiry (writtenOff: invoices whose rest was written off) or lapsed' }),
      writeOffs: z.object({ smallBalance: count }).openapi({ description: 'invoices the arrangement policy wrote off (smallBalance: reason small-balance, actor policy)' }),
      chargesCreated: count,
    }),
  })
  .openapi('CycleReport');

export const RunCycle = z
  .strictObject({
    date: IsoDate.optional().openapi({ description: "default: today in the organisation's time zone" }),
    dryRun: z.boolean().default(false),
  })
  .openapi('RunCycle');

export const Action = z
  .object({
    id: Id,
    customerId: Id,
    customerExternalId: z.string(),
    caseId: Id.nullable(),
    cycleDate: IsoDate,
    kind: z.enum(['send', 'task']),
    channel,
    playbook: z.string().nullable(),
    step: z.string(),
    stepName: z.string(),
    tone: tone.nullable(),
    template: z.string().nullable(),
    status,
    dueAt: z.string(),
    rule: z.string().nullable(),
    reason: z.string().nullable(),
    invoiceNumbers: z.array(z.string()),
    amounts: Amounts,
    attempts: z.int().openapi({ description: 'send attempts so far' }),
    nextAttemptAt: Timestamp.nullable().openapi({ description: 'a send that failed for now: when it is tried again' }),
    lastError: z.string().nullable().openapi({ description: 'why the last attempt failed' }),
    messageId: z.string().nullable().openapi({ description: 'the Message-ID chosen when the send was claimed' }),
    finishedAt: Timestamp.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Action');

export const ActionPage = pageOf(Action, 'ActionPage');

export const ActionListQuery = PageQuery.extend({
  status: status.optional(),
  customerId: IdInput.optional(),
  date: IsoDate.optional().openapi({ description: 'cycle date the action was planned on' }),
  kind: z.enum(['send', 'task']).optional().openapi({ description: 'send: the outbox; task: the worklist of calls and reviews' }),
});

export function toAction(row: ActionRow, orgTimeZone: string): z.input<typeof Action> {
  return {
    id: row.id.toString(),
    customerId: row.customer_id.toString(),
    customerExternalId: row.customer_external_id,
    caseId: row.case_id?.toString() ?? null,
    cycleDate: row.cycle_date,
    kind: row.kind,
    channel: row.channel,
    playbook: row.playbook_name === null ? null : `${row.playbook_name}@${row.playbook_version}`,
    step: row.step_key,
    stepName: row.step_name,
    tone: row.tone,
    template: row.template,
    status: row.status,
    dueAt: Temporal.Instant.from(row.due_at).toZonedDateTimeISO(row.customer_time_zone ?? orgTimeZone).toString({ timeZoneName: 'never' }),
    rule: row.rule,
    reason: row.reason,
    invoiceNumbers: row.invoice_numbers,
    amounts: Object.fromEntries(Object.entries(row.amounts).map(([currency, amount]) => [currency, BigInt(amount)])),
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    messageId: row.message_id,
    finishedAt: row.finished_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
