// The message model of a statement of account of chosen invoices, for a document that is not a
// send (the agency's file, the claim pack). What pauses chasing (a hold, a promise, a dispute, an
// arrangement) does not take an invoice off a statement, so the facts are read with those set
// aside: the statement shows every chosen invoice's balance.
import type { Executor } from '../../db/executor.ts';
import type { Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { collectionSettings } from '../../domain/collection-settings.ts';
import type { MessageModel } from '../../domain/messages/message-model.ts';
import { messageModelFor, readFactsFor } from './message-for-action.ts';

export async function statementModel(db: Executor, org: Org, customerId: bigint, invoiceIds: readonly bigint[], date: IsoDate): Promise<MessageModel> {
  const action = {
    customerId,
    invoiceIds: [...invoiceIds],
    stepKey: 'statement-of-account',
    stepName: 'Statement of account',
    stepIndex: 0,
    tone: 'firm' as const,
    playbookName: null,
    playbookVersion: null,
    template: 'statement-of-account',
    channel: 'letter' as const,
  };
  const facts = await readFactsFor(db, org, [action], date);
  for (const [id, invoice] of facts.invoices) facts.invoices.set(id, { ...invoice, disputed: 0n, on_hold: false, arranged: false });
  for (const [id, row] of facts.customers) facts.customers.set(id, { ...row, on_hold: false, promised: false });
  return messageModelFor(action, org, collectionSettings(org.settings), facts, date).model;
}
