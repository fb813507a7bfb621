// The ZIP handed to an agency, assembled from what the database holds: the placement CSV, and per
// account its statement of account (the letters' own PDF code), its timeline, and a copy of every
// letter, email and SMS sent to it — the very bytes stored when it was sent — with a manifest of
// every file's SHA-256 (`sha256sum -c manifest.sha256` checks them).
import { createHash } from 'node:crypto';
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import { UnprintableText } from '../../channels/letters/pdf-document.ts';
import { renderLetter } from '../../channels/letters/render-letter.ts';
import type { Executor } from '../../db/executor.ts';
import { messagesSentTo, placedAccountFacts, timelinesOf } from '../../db/queries/placements.ts';
import type { Org } from '../../db/schema.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { commissionPercentText } from '../../domain/placements/commission.ts';
import { manifestText, pathSegment, placementCsv, timelineText, type PlacedAccount, type PlacedInvoice } from '../../domain/placements/placement-file.ts';
import { AppError } from '../../errors.ts';
import { statementModel } from '../shared/statement-model.ts';
import { storeZip, type ZipEntry } from './store-zip.ts';

export interface ArchiveCustomer {
  id: bigint;
  external_id: string;
  name: string;
  kind: string;
  cease_requested_on: string | null;
  attorney_represented: boolean;
  bankruptcy: boolean;
  breathing_space_until: string | null;
}

export interface ArchiveInvoice extends PlacedInvoice {
  id: bigint;
  customerId: bigint;
}

export interface PlacementHeader {
  id: bigint;
  agency: string;
  commissionBp: number;
  placedOn: IsoDate;
}

export const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The archive of the accounts (in the order given) and their invoices, as of `placement.placedOn`. */
export async function placementArchive(db: Executor, org: Org, placement: PlacementHeader, customers: readonly ArchiveCustomer[], invoices: readonly ArchiveInvoice[]): Promise<Uint8Array> {
  const ids = customers.map((customer) => customer.id);
  const facts = await placedAccountFacts(db, org.id, ids);
  const timelines = await timelinesOf(db, org.id, ids);
  const sent = await messagesSentTo(db, org.id, ids);
  const accounts: PlacedAccount[] = customers.map((customer) => {
    const payment = facts.lastPayments.find((row) => row.customer_id === customer.id);
    return {
      externalId: customer.external_id,
      name: customer.name,
      kind: customer.kind,
      contacts: facts.contacts
        .filter((contact) => contact.customer_id === customer.id)
        .map((contact) => ({
          name: contact.name,
          role: contact.role,
          email: contact.email,
          phone: contact.phone,
          address: [contact.address_line1, contact.address_line2, contact.address_line3, contact.city, contact.region, contact.postal_code, contact.country].filter((part): part is string => part !== null && part !== ''),
        })),
      invoices: invoices.filter((invoice) => invoice.customerId === customer.id),
      lastPayment: payment ? { receivedOn: payment.received_on, amount: payment.amount, currency: payment.currency } : null,
      disputes: facts.disputes
        .filter((dispute) => dispute.customer_id === customer.id)
        .map((d) => ({ invoiceNumber: d.number, openedOn: d.opened_on, status: d.status, reason: d.reason ?? d.reason_code, amount: d.amount, currency: d.currency, resolvedOn: d.resolved_on, outcome: d.outcome })),
      flags: { ceaseRequestedOn: customer.cease_requested_on, attorneyRepresented: customer.attorney_represented, bankruptcy: customer.bankruptcy, breathingSpaceUntil: customer.breathing_space_until },
    };
  });

  const text = (value: string) => new TextEncoder().encode(value);
  const entries: ZipEntry[] = [
    { name: 'README.txt', bytes: text(readme(org, placement, accounts.length)) },
    { name: 'placement.csv', bytes: text(placementCsv(accounts)) },
  ];
  for (const [n, customer] of customers.entries()) {
    const folder = `accounts/${customer.id}-${pathSegment(customer.external_id)}`;
    entries.push({ name: `${folder}/statement.pdf`, bytes: await statementPdf(db, org, customer, invoices.filter((i) => i.customerId === customer.id), placement.placedOn) });
    const lines = timelines.filter((row) => row.customer_id === customer.id).map((row) => ({ occurredAt: row.occurred_at, kind: row.kind, actor: row.actor, summary: row.summary }));
    entries.push({ name: `${folder}/timeline.txt`, bytes: text(timelineText(accounts[n]!, lines)) });
    for (const message of sent.messages.filter((row) => row.customer_id === customer.id)) {
      const stem = `${folder}/messages/${message.id}-${message.channel}`;
      entries.push({ name: `${stem}.txt`, bytes: text(messageText(message)) });
      if (message.body_html !== null) entries.push({ name: `${stem}.html`, bytes: text(message.body_html) });
      for (const file of sent.files.filter((row) => row.communication_id === message.id)) {
        entries.push({ name: `${stem}-${pathSegment(file.name)}`, bytes: file.bytes });
      }
    }
  }
  const manifest = manifestText(entries.map((entry) => ({ path: entry.name, sha256: sha256Hex(entry.bytes) })));
  return storeZip([...entries, { name: 'manifest.sha256', bytes: text(manifest) }], placement.placedOn);
}

function readme(org: Org, placement: PlacementHeader, accounts: number): string {
  return [
    `Placement ${placement.id} of ${org.name} with ${placement.agency}`,
    `Placed on ${placement.placedOn}; commission ${commissionPercentText(placement.commissionBp)}% of what is collected.`,
    `${accounts} ${accounts === 1 ? 'account' : 'accounts'}.`,
    '',
    'placement.csv              one row per account (per currency owed): the debtor, contacts, balance per invoice, last payment, disputes, flags',
    'accounts/<id>-<ref>/       per account: statement.pdf (statement of account), timeline.txt (everything that happened, oldest first),',
    '                           messages/ (a copy of every letter, email and SMS sent, as stored when sent; a letter’s PDF beside its text)',
    'manifest.sha256            the SHA-256 of every other file: check them with `sha256sum -c manifest.sha256`',
    '',
    'Amounts in placement.csv are decimals of the currency in the same row. Respect the flags column: a cease request,',
    'an attorney, a bankruptcy or a breathing space limits who may be contacted and how.',
    '',
  ].join('\n');
}

function messageText(message: { channel: string; sent_at: string; sender: string | null; recipients: string[]; subject: string | null; body_text: string | null; template_name: string | null }): string {
  return [
    `Channel: ${message.channel}`,
    `Sent: ${message.sent_at}`,
    ...(message.sender ? [`From: ${message.sender}`] : []),
    `To: ${message.recipients.join(', ')}`,
    ...(message.subject ? [`Subject: ${message.subject}`] : []),
    ...(message.template_name ? [`Template: ${message.template_name}`] : []),
    '',
    message.body_text ?? '',
  ].join('\n');
}

/** The statement of account of the placed invoices, by the letters' own code (the CSV says what is disputed). */
async function statementPdf(db: Executor, org: Org, customer: ArchiveCustomer, invoices: readonly ArchiveInvoice[], date: IsoDate): Promise<Uint8Array> {
  const model = await statementModel(db, org, customer.id, invoices.map((invoice) => invoice.id), date);
  try {
    return await renderLetter({ kind: 'statement-of-account', model, body: '', paperSize: orgPaperSize(org) });
  } catch (error) {
    if (error instanceof UnprintableText) throw new AppError('invalid_input', `the statement of ${customer.external_id} ${error.message.replace(/^the letter /, '')}`);
    throw error;
  }
}
