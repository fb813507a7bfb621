// One click after a call: the outcome of a call task, recorded with what it sets in motion, in one
// transaction. A promise is recorded (the cycle then waits for it), a dispute opened on the
// task's invoices, "already paid" pauses the customer while someone checks, a wrong number stops
// calls and SMS to it, "call back at" books a new call task at that time (if the contact rules
// allow it then). The task is done; the attempt stays counted in the call caps.
import { textLimits } from '../../domain/text-limits.ts';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findAction, finishTask, insertActions, type ActionRow } from '../../db/queries/actions.ts';
import type { Org } from '../../db/schema.ts';
import { addDays, type IsoDate } from '../../domain/calendar.ts';
import { alreadyPaidHoldDays, callOutcomeCodes, callOutcomes, isCallOutcome, type CallOutcome } from '../../domain/calls/call-outcomes.ts';
import { AppError } from '../../errors.ts';
import { checkContact } from '../collection/check-contact.ts';
import { openDispute } from '../pauses/open-dispute.ts';
import { placeHold } from '../pauses/place-hold.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { recordPromise } from '../arrangements/record-promise.ts';
import { optionalText } from '../shared/required-text.ts';
import { explainPlaybookChoice } from '../playbooks/explain-playbook-choice.ts';
import { isListenedOutcome, pathFor, pathReason } from '../../domain/cycle/listening.ts';
import { pathEffect } from '../../domain/playbooks/describe-playbook.ts';

export interface CallOutcomeInput {
  actionId: bigint;
  outcome: string;
  note?: string | null;
  /** For `promise`: minor units, currency (default the customer's) and date. */
  promise?: { amount: bigint; currency?: string; dueOn: IsoDate };
  /** For `dispute`: the reason code and what the customer says. */
  dispute?: { reasonCode: string; reason: string };
  /** For `call_back`: when, ISO 8601 with an offset. */
  callBackAt?: string;
  actor: string;
  now: Temporal.Instant;
}

export interface CallOutcomeResult {
  action: ActionRow;
  outcome: CallOutcome;
  /** What the outcome set in motion, in a sentence each. */
  effects: string[];
  /** The call-back task, when one was booked. */
  callBackActionId: string | null;
}

const open = ['ready', 'deferred', 'planned'] as const;

export async function recordCallOutcome(db: Executor, org: Org, input: CallOutcomeInput): Promise<CallOutcomeResult> {
  if (!isCallOutcome(input.outcome)) throw new AppError('invalid_input', `the outcome "${input.outcome}" is not one of ${callOutcomeCodes.join(', ')}`);
  const outcome = input.outcome;
  const note = optionalText(input.note, 'the note', textLimits.taskNote);
  const today = input.now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();
  return inTransaction(db, async (tx) => {
    await sql`select 1 from actions where org_id = ${org.id} and id = ${input.actionId} for update`.execute(tx);
    const action = await findAction(tx, org.id, input.actionId);
    if (!action) throw new AppError('not_found', `there is no action ${input.actionId}`);
    if (action.channel !== 'call') throw new AppError('invalid_input', `action ${input.actionId} is a ${action.channel} ${action.kind}, not a call task`);
    if (!(open as readonly string[]).includes(action.status)) throw new AppError('conflict', `call task ${input.actionId} is ${action.status}: its outcome was recorded already`);

    // what the debtor said chooses the path the customer's playbook names for it (domain/cycle/listening.ts)
    const said = isListenedOutcome(outcome) ? { outcome, on: today } : null;
    const path = said ? pathFor((await explainPlaybookChoice(tx, org.id, action.customer_id, today)).followed.playbook, outcome) : undefined;
    const effects: string[] = [];
    let callBackActionId: string | null = null;
    switch (outcome) {
      case 'promise': {
        if (!input.promise) throw new AppError('invalid_input', 'a promise needs the amount and the date promised');
        const { promise } = await recordPromise(tx, org.id, { customerId: action.customer_id, amount: input.promise.amount, currency: input.promise.currency, dueOn: input.promise.dueOn, note, today, now: input.now, actor: input.actor });
        effects.push(`Promise ${promise.id} recorded: the customer is not chased until ${promise.due_on}.`);
        break;
      }
      case 'dispute': {
        if (!input.dispute) throw new AppError('invalid_input', 'a dispute needs a reason code and what the customer says');
        const invoiceIds = await openInvoicesOf(tx, org.id, action);
        if (invoiceIds.length === 0) throw new AppError('conflict', 'none of the invoices of this call is still open; nothing to dispute');
        for (const invoiceId of invoiceIds) await openDispute(tx, org.id, { invoiceId, reasonCode: input.dispute.reasonCode, reason: input.dispute.reason, today, now: input.now, actor: input.actor });
        effects.push(`Dispute opened on ${invoiceIds.length} invoice(s): not chased while it is open.`);
        break;
      }
      case 'already_paid': {
        if (path?.path === 'verify') break; // the verify path below pauses for its own days, with a task
        const endsOn = addDays(today, alreadyPaidHoldDays);
        await placeHold(tx, org.id, { customerId: action.customer_id, reason: `the customer says it is already paid (call ${action.id}): check the payments received`, endsOn, today, now: input.now, actor: input.actor });
        effects.push(`Collection paused until ${endsOn} while the payment is checked.`);
        break;
      }
      case 'wrong_number': {
        const marked = await tx
          .updateTable('contacts')
          .set({ opt_out_phone: true, opt_out_sms: true, updated_at: sql<string>`now()` })
          .where('org_id', '=', org.id)
          .where('customer_id', '=', action.customer_id)
          .where('phone', 'is not', null)
          .returning('phone')
          .execute();
        effects.push(`No more calls or SMS to ${marked.map((m) => m.phone).join(', ') || 'the number on file'}: find the right number.`);
        break;
      }
      case 'call_back': {
        if (!input.callBackAt) throw new AppError('invalid_input', 'a call back needs the time asked for (ISO 8601 with an offset, e.g. 2026-11-24T15:00:00-05:00)');
        callBackActionId = await bookCallBack(tx, org, action, input.callBackAt, input.now);
        effects.push(`Call back booked for ${input.callBackAt} (task ${callBackActionId}).`);
        break;
      }
      default:
        break;
    }
    if (path?.path === 'verify') effects.push(...(await startVerification(tx, org, action, path.pauseDays, today, input.now, input.actor)));
    const meta = callOutcomes[outcome];
    await recordActivity(tx, org.id, {
      customerId: action.customer_id,
      // a conversation is the customer responding; an unanswered attempt is not
      kind: meta.conversation ? 'call_outcome' : 'call_attempt',
      actor: input.actor,
      at: input.now,
      summary: `Call "${action.step_name}": ${meta.label}.${note ? ` ${note}` : ''}`,
      data: { actionId: action.id.toString(), outcome, conversation: meta.conversation, note, effects },
    });
    if (said && path) {
      await recordActivity(tx, org.id, {
        customerId: action.customer_id,
        kind: 'path',
        actor: input.actor,
        at: input.now,
        summary: `Path: ${pathReason(path, said).replace(/^path: /, '')}. ${pathEffect(path)}`,
        data: { path: path.path, outcome, saidOn: today, actionId: action.id.toString() },
      });
    }
    await finishTask(tx, org, action.id, input.now.toString(), { outcome });
    return { action: (await findAction(tx, org.id, action.id))!, outcome, effects, callBackActionId };
  });
}

async function openInvoicesOf(tx: Executor, orgId: bigint, action: ActionRow): Promise<bigint[]> {
  const row = await tx.selectFrom('actions').select('invoice_ids').where('org_id', '=', orgId).where('id', '=', action.id).executeTakeFirstOrThrow();
  if (row.invoice_ids.length === 0) return [];
  const open = await tx
    .selectFrom('invoices')
    .select('id')
    .where('org_id', '=', orgId)
    .where('id', 'in', row.invoice_ids)
    .where('status', '=', 'open')
    .where('balance', '>', 0n)
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('disputes').select('id').whereRef('disputes.invoice_id', '=', 'invoices.id').where('disputes.status', '=', 'open'))))
    .execute();
  return open.map((invoice) => invoice.id);
}

/** A new call task at the time asked, if the contact rules allow a call then; otherwise a clear error. */
async function bookCallBack(tx: Executor, org: Org, action: ActionRow, at: string, now: Temporal.Instant): Promise<string> {
  let when: Temporal.Instant;
  try {
    when = Temporal.Instant.from(at);
  } catch {
    throw new AppError('invalid_input', `the call-back time "${at}" is not an ISO 8601 time with an offset, e.g. 2026-11-24T15:00:00-05:00`);
  }
  if (Temporal.Instant.compare(when, now) <= 0) throw new AppError('invalid_input', `the call-back time ${at} is not in the future`);
  const check = await checkContact(tx, org, action.customer_id, 'call', when);
  if (check.answer !== 'now') throw new AppError('conflict', `a call at ${at} is not allowed: ${check.reason}`);
  const source = await tx.selectFrom('actions').selectAll().where('org_id', '=', org.id).where('id', '=', action.id).executeTakeFirstOrThrow();
  const [stored] = await insertActions(tx, org.id, [
    {
      customerId: source.customer_id,
      caseId: source.case_id,
      key: `${source.idempotency_key}:call-back:${when.toString()}`,
      cycleDate: when.toZonedDateTimeISO(org.time_zone).toPlainDate().toString(),
      kind: 'task',
      channel: 'call',
      playbookName: source.playbook_name,
      playbookVersion: source.playbook_version,
      stepKey: source.step_key,
      stepName: `${source.step_name} (call back)`,
      stepIndex: source.step_index,
      tone: source.tone,
      template: source.template,
      status: 'ready',
      dueAt: when.toString(),
      rule: null,
      reason: `The customer asked to be called back at ${at}.`,
      invoiceIds: source.invoice_ids,
      invoiceNumbers: source.invoice_numbers,
      amounts: Object.fromEntries(Object.entries(source.amounts).map(([currency, amount]) => [currency, BigInt(amount)])),
      data: { callBackOf: source.id.toString() },
    },
  ]);
  return stored!.id.toString();
}

/** The verify path: the customer is paused while a person looks for the payment they say they made. */
async function startVerification(tx: Executor, org: Org, action: ActionRow, pauseDays: number, today: IsoDate, now: Temporal.Instant, actor: string): Promise<string[]> {
  const endsOn = addDays(today, pauseDays);
  await placeHold(tx, org.id, { customerId: action.customer_id, reason: `the customer says it is already paid (call ${action.id}): find the payment`, endsOn, today, now, actor });
  const source = await tx.selectFrom('actions').selectAll().where('org_id', '=', org.id).where('id', '=', action.id).executeTakeFirstOrThrow();
  const [task] = await insertActions(tx, org.id, [
    {
      customerId: source.customer_id,
      caseId: source.case_id,
      key: `${source.idempotency_key}:verify-payment`,
      cycleDate: today,
      kind: 'task',
      channel: 'review',
      playbookName: source.playbook_name,
      playbookVersion: source.playbook_version,
      stepKey: 'verify-payment',
      stepName: 'Find the payment the customer says they made',
      stepIndex: source.step_index,
      tone: source.tone,
      template: 'review-escalation',
      status: 'ready',
      dueAt: now.toString(),
      rule: null,
      reason: `On the call of ${today} the customer said it is already paid: look for the payment (bank, remittances, other customers' accounts) and record it, or decide "keep chasing" before ${endsOn}.`,
      invoiceIds: source.invoice_ids,
      invoiceNumbers: source.invoice_numbers,
      amounts: Object.fromEntries(Object.entries(source.amounts).map(([currency, amount]) => [currency, BigInt(amount)])),
      data: { verifyPaymentOf: source.id.toString() },
    },
  ]);
  return [`Collection paused until ${endsOn}; task ${task?.id ?? '(already booked)'} to find the payment.`];
}
