// What a collector sees for a call task: who to call and on which numbers, what is owed (from the
// ledger now), the script for the step and tone, the limited-content voicemail script, and the
// outcome codes to record afterwards.
import { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { templatesInUse, templateSourceFromRow } from '../../db/queries/templates.ts';
import type { Org } from '../../db/schema.ts';
import { callOutcomes } from '../../domain/calls/call-outcomes.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { renderTemplate } from '../../domain/templates/render-template.ts';
import { AppError } from '../../errors.ts';
import { messageModelFor, readFactsFor, templateFor } from '../shared/message-for-action.ts';

export interface CallScript {
  actionId: string;
  status: string;
  /** timeZone: where the customer is (the organisation's when not known), for a call-back time said in their hours. */
  customer: { id: string; externalId: string; name: string; kind: 'business' | 'consumer'; timeZone: string; timeZoneKnown: boolean };
  contactName: string | null;
  phones: string[];
  model: MessageModel;
  script: string;
  voicemail: string | null;
  template: { name: string; version: number; language: string };
  outcomes: Array<{ code: string; label: string }>;
}

export async function callScript(db: Executor, org: Org, actionId: bigint, now: Temporal.Instant): Promise<CallScript> {
  const action = await db.selectFrom('actions').selectAll().where('org_id', '=', org.id).where('id', '=', actionId).executeTakeFirst();
  if (!action) throw new AppError('not_found', `there is no action ${actionId}`);
  if (action.channel !== 'call') throw new AppError('invalid_input', `action ${actionId} is a ${action.channel} ${action.kind}, not a call task`);
  const date = now.toZonedDateTimeISO(org.time_zone).toPlainDate().toString();
  const forMessage = {
    customerId: action.customer_id,
    invoiceIds: action.invoice_ids,
    stepKey: action.step_key,
    stepName: action.step_name,
    stepIndex: action.step_index,
    tone: action.tone,
    playbookName: action.playbook_name,
    playbookVersion: action.playbook_version,
    template: action.template,
    channel: action.channel,
  };
  const facts = await readFactsFor(db, org, [forMessage], date);
  const { model, contacts } = messageModelFor(forMessage, org, collectionSettings(org.settings), facts, date);
  // A script about nothing ("… is overdue on one invoice, the oldest due on .") must never be read
  // out: say why there is nothing to call about instead.
  if (model.invoices.length === 0) {
    throw new AppError(
      'conflict',
      `there is nothing to call ${model.customer.name} about now: since this call was planned, every invoice it is about was paid, credited, written off, disputed in full, put on hold or under a payment plan or settlement, or a promise to pay is pending`,
    );
  }
  const own = (await templatesInUse(db, org.id, action.template ? [action.template] : [])).map(templateSourceFromRow);
  const template = templateFor({ template: action.template, channel: 'call' }, model, own);
  if (!template) throw new AppError('not_found', `there is no call script "${action.template}" in ${model.language}`);
  const rendered = renderTemplate(template, model);
  const { time_zone: timeZone } = await db.selectFrom('customers').select('time_zone').where('org_id', '=', org.id).where('id', '=', action.customer_id).executeTakeFirstOrThrow();
  return {
    actionId: action.id.toString(),
    status: action.status,
    customer: { id: model.customer.id, externalId: model.customer.externalId, name: model.customer.name, kind: model.customer.kind, timeZone: timeZone ?? org.time_zone, timeZoneKnown: timeZone !== null },
    contactName: model.contact.name,
    phones: [...new Set(contacts.filter((c) => c.phone && !c.optOutPhone).map((c) => c.phone!))],
    model,
    script: rendered.text,
    voicemail: rendered.voicemail,
    template: { name: template.name, version: template.version, language: template.language },
    outcomes: Object.entries(callOutcomes).map(([code, meta]) => ({ code, label: meta.label })),
  };
}
