// Everything Arrears holds about one customer, as one JSON-ready document: for a data-access
// request, or to hand a debtor's file to someone else. One query per table (set-based), each
// scoped by the organisation; money stays bigint minor units beside its currency (write it with
// stringifyJson, which keeps every digit). Files kept with the messages (a letter's PDF) travel
// inside the document as base64, so one JSON file is the whole answer.
//
// Left out on purpose: plan_quiet and plan_stirs (the cycle's own bookkeeping of when to look at
// a customer again: derived, nothing the customer said or was sent), worklist_stakes and
// stake_changes (the worklist's stored order and its log of invoice writes: derived), cycle_runs, templates,
// playbooks, users and API keys (the organisation's, not the debtor's).
import type { Transaction } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import type { DB, Org } from '../../db/schema.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';

/** What each section holds, in the order the document lists them. */
export const exportSections = {
  customer: 'The customer (debtor) account: name, kind, jurisdiction, time zone, language, currency, tags, credit limit, risk, collection settings and, if erased, when.',
  contacts: 'People and addresses at the customer: names, emails, phones, postal addresses, where each came from, opt-outs per channel.',
  invoices: 'Invoices issued to the customer, with totals, charges, amounts allocated (including opening_paid: paid in the accounting system before the invoice was imported) and the balance (minor units of the invoice currency).',
  payments: 'Payments received from the customer, with their method, reference and the amount allocated.',
  creditNotes: 'Credit notes issued to the customer, with their reason.',
  allocations: 'Money moved from a payment or credit note onto an invoice (append-only; a correction is a negative entry).',
  charges: 'Late fees, interest and compensation charged on the invoices, with how each was calculated (append-only).',
  disputes: 'Disputes raised on the invoices: reason, amount, status and resolution.',
  holds: 'Pauses of collection on the customer or one of its invoices, with the reason.',
  promises: 'Promises to pay: amount, date, outcome and note.',
  cases: 'Collection episodes: when each opened and closed, and its status.',
  actions: 'What the collection cycle decided or did: reminders, letters and tasks, with their status and the rule behind each one not sent.',
  activities: 'The timeline of everything that happened to the customer (append-only).',
  communications: 'The exact copy of every message sent to or received from the customer: channel, sender, recipients, subject, text and HTML, message id, template name and version, when it was sent and whether it was delivered (append-only).',
  communicationFiles: 'Files kept with those messages (e.g. the PDF of a letter): name, type, size, SHA-256 of the bytes, and the bytes themselves base64-encoded in content_base64.',
  imports: 'The imports the customer’s invoices and payments came from: the file name, its format and when it was read (where the data came from).',
} as const;

export type ExportSection = keyof typeof exportSections;

export interface CustomerExport {
  format: 'arrears-customer-export';
  version: 1;
  exportedAt: string;
  organisation: { slug: string; name: string };
  customer: { externalId: string };
  notes: string[];
  sections: Record<ExportSection, { description: string; count: number }>;
  data: { customer: Record<string, unknown> } & Record<Exclude<ExportSection, 'customer'>, Record<string, unknown>[]>;
}

/** The whole file of the customer `externalId` of `org`; `exportedAt` is the instant written in the header. */
export function exportCustomer(db: Executor, org: Org, externalId: string, exportedAt: string): Promise<CustomerExport> {
  // One snapshot for every section, so a payment arriving mid-export cannot appear in one table and
  // not in another.
  if (db.isTransaction) return exportIn(db as Transaction<DB>, org, externalId, exportedAt);
  return db.transaction().setIsolationLevel('repeatable read').execute((tx) => exportIn(tx, org, externalId, exportedAt));
}

async function exportIn(db: Transaction<DB>, org: Org, externalId: string, exportedAt: string): Promise<CustomerExport> {
  const customer = await customerByExternalId(db, org.id, externalId);
  const orgId = org.id;
  const customerId = customer.id;
  const invoiceIds = db.selectFrom('invoices').select('id').where('org_id', '=', orgId).where('customer_id', '=', customerId);
  const paymentIds = db.selectFrom('payments').select('id').where('org_id', '=', orgId).where('customer_id', '=', customerId);
  const creditNoteIds = db.selectFrom('credit_notes').select('id').where('org_id', '=', orgId).where('customer_id', '=', customerId);
  const actionIds = db.selectFrom('actions').select('id').where('org_id', '=', orgId).where('customer_id', '=', customerId);
  const own = (table: 'contacts' | 'invoices' | 'payments' | 'credit_notes' | 'cases' | 'actions' | 'holds' | 'promises' | 'activities') =>
    db.selectFrom(table as 'contacts').selectAll().where('org_id', '=', orgId).where('customer_id', '=', customerId).orderBy('id').execute() as Promise<Record<string, unknown>[]>;

  const contacts = await own('contacts');
  const invoices = await own('invoices');
  const payments = await own('payments');
  const creditNotes = await own('credit_notes');
  const allocations = await db
    .selectFrom('allocations')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('invoice_id', 'in', invoiceIds), eb('payment_id', 'in', paymentIds), eb('credit_note_id', 'in', creditNoteIds)]))
    .orderBy('id')
    .execute();
  const charges = await db.selectFrom('charges').selectAll().where('org_id', '=', orgId).where('invoice_id', 'in', invoiceIds).orderBy('id').execute();
  const disputes = await db.selectFrom('disputes').selectAll().where('org_id', '=', orgId).where('invoice_id', 'in', invoiceIds).orderBy('id').execute();
  const holds = await own('holds');
  const promises = await own('promises');
  const cases = await own('cases');
  const actions = await own('actions');
  const activities = await own('activities');
  // A message is the customer's by its own customer_id or by the action it was sent for.
  const communications = await db
    .selectFrom('communications')
    .selectAll()
    .where('org_id', '=', orgId)
    .where((eb) => eb.or([eb('customer_id', '=', customerId), eb('action_id', 'in', actionIds)]))
    .orderBy('id')
    .execute();
  const communicationFiles = communications.length === 0 ? [] : await db
    .selectFrom('communication_files')
    .selectAll()
    .where('org_id', '=', orgId)
    .where('communication_id', 'in', communications.map((row) => row.id))
    .orderBy('id')
    .execute();
  const importIds = [...new Set([...invoices, ...payments].map((row) => row.import_id).filter((id): id is bigint => typeof id === 'bigint'))];
  // The file's name, format and dates; not its summary or problems, which are about every row of it.
  const imports = importIds.length === 0 ? [] : await db
    .selectFrom('imports')
    .select(['org_id', 'id', 'kind', 'format', 'file_name', 'status', 'started_at', 'finished_at'])
    .where('org_id', '=', orgId)
    .where('id', 'in', importIds)
    .orderBy('id')
    .execute();

  const data = {
    customer: customer as unknown as Record<string, unknown>,
    contacts, invoices, payments, creditNotes, allocations, charges, disputes, holds, promises, cases, actions, activities,
    communications: communications as Record<string, unknown>[],
    communicationFiles: communicationFiles.map(({ bytes, ...file }) => ({ ...file, content_base64: Buffer.from(bytes).toString('base64') })),
    imports: imports as Record<string, unknown>[],
  };
  const sections = Object.fromEntries(
    (Object.keys(exportSections) as ExportSection[]).map((name) => [name, { description: exportSections[name], count: name === 'customer' ? 1 : (data[name] as unknown[]).length }]),
  ) as CustomerExport['sections'];
  return {
    format: 'arrears-customer-export',
    version: 1,
    exportedAt,
    organisation: { slug: org.slug, name: org.name },
    customer: { externalId: customer.external_id },
    notes: [
      'Money is in integer minor units (e.g. pence, cents) of the currency named in the same row; amounts are exact JSON integers.',
      'Business dates are written YYYY-MM-DD; instants are ISO 8601 in UTC.',
      'Ids are Arrears’ own; external ids are those of the accounting system the data came from.',
      'Files are base64-encoded in content_base64; sha256 is the hex SHA-256 of the decoded bytes, as stored when the message was sent.',
    ],
    sections,
    data: data as CustomerExport['data'],
  };
}
