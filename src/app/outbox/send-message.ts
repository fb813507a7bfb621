// A message a person decides to send now — e.g. one of the three notices the law still allows
// after a cease request. The same contact rules judge it as any planned message: it is queued
// for the dispatcher now, deferred to the first allowed moment, or refused with the rule and why.
import { sendChannels, type SendChannel } from '../../domain/playbooks/playbook.ts';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findAction, insertActions, type ActionRow } from '../../db/queries/actions.ts';
import { wakeDispatchers } from '../../db/queries/outbox.ts';
import type { Org } from '../../db/schema.ts';
import { findTemplate, templateCatalog } from '../../domain/templates/catalog.ts';
import { AppError } from '../../errors.ts';
import { checkContact } from '../collection/check-contact.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface SendMessageInput {
  customerId: bigint;
  template: string;
  channel: string;
  actor: string;
  now: Temporal.Instant;
}

export async function sendMessage(db: Executor, org: Org, input: SendMessageInput): Promise<ActionRow> {
  const entry = findTemplate(input.template);
  if (!entry) throw new AppError('invalid_input', `there is no template "${input.template}"; the templates are ${templateCatalog.map((t) => t.name).join(', ')}`);
  if (entry.planMessage) throw new AppError('invalid_input', `"${entry.name}" is written by the daily cycle about one instalment of a payment plan, with that plan's figures; it cannot be sent by hand`);
  const channel = input.channel as SendChannel;
  if (!sendChannels.includes(channel) || !(entry.channels as readonly string[]).includes(channel)) {
    throw new AppError('invalid_input', `"${entry.name}" is sent by ${entry.channels.filter((c) => (sendChannels as readonly string[]).includes(c)).join(' or ') || 'no channel Arrears sends'}; got "${input.channel}"`);
  }
  return inTransaction(db, async (tx) => {
    const check = await checkContact(tx, org, input.customerId, channel, input.now, undefined, entry.name);
    // allowedFrom is null: a blocked send is not allowed within the two weeks looked at, or ever (a deferral is no refusal: it is queued for then).
    if (check.answer === 'blocked') throw new AppError('conflict', `not sent: ${check.reason}${check.rule ? ` (${check.rule})` : ''}`, { rule: check.rule, reason: check.reason, allowedFrom: check.allowedFrom });
    const { rows: invoices } = await sql<{ id: bigint; number: string }>`
      select id, number from invoices where org_id = ${org.id} and customer_id = ${input.customerId} and status = 'open' and balance > 0 order by due_date, id`.execute(tx);
    const dueAt = check.answer === 'now' ? input.now.toString() : Temporal.Instant.from(check.allowedFrom!).toString();
    const [stored] = await insertActions(tx, org.id, [
      {
        customerId: input.customerId,
        caseId: null,
        key: `manual:${input.customerId}:${entry.name}:${channel}:${input.now.epochMilliseconds}`,
        cycleDate: input.now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString(),
        kind: 'send',
        channel,
        playbookName: null,
        playbookVersion: null,
        stepKey: `manual-${entry.name}`,
        stepName: entry.purpose,
        stepIndex: 0,
        tone: entry.tone,
        template: entry.name,
        status: check.answer === 'now' ? 'ready' : 'deferred',
        dueAt,
        rule: check.answer === 'later' ? check.rule : null,
        reason: check.answer === 'later' ? check.reason : `sent by ${input.actor}`,
        invoiceIds: invoices.map((i) => i.id),
        invoiceNumbers: invoices.map((i) => i.number),
        amounts: {},
        data: { manual: true },
      },
    ]);
    await recordActivity(tx, org.id, {
      customerId: input.customerId,
      kind: 'send_requested',
      actor: input.actor,
      summary: `${entry.name} by ${channel} requested: ${check.answer === 'now' ? 'queued to send now' : `deferred to ${check.allowedFrom} (${check.reason})`}.`,
      data: { actionId: stored!.id.toString(), template: entry.name, channel },
      at: input.now,
    });
    await wakeDispatchers(tx);
    return (await findAction(tx, org.id, stored!.id))!;
  });
}
