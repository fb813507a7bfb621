// Realistic sample data for a message: what a template preview shows when no customer is chosen,
// what a template is checked against before it can be activated, and what the tests render.
import { daysBetween, type IsoDate } from '../calendar.ts';
import { paymentDeadline } from '../messages/payment-deadline.ts';
import type { MessageInvoice, MessageLanguage, MessageModel } from '../messages/message-model.ts';
import { totalsOf } from '../messages/message-totals.ts';

/** Fields to replace; org, customer, contact and step are merged one level deep. */
export type SampleOverrides = Partial<Omit<MessageModel, 'language' | 'org' | 'customer' | 'contact' | 'step'>> & {
  org?: Partial<MessageModel['org']>;
  customer?: Partial<MessageModel['customer']>;
  contact?: Partial<MessageModel['contact']>;
  step?: Partial<MessageModel['step']>;
};

const sampleDate: IsoDate = '2026-11-23';

interface SampleInvoice {
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  total: bigint;
  charges: bigint;
  paid: bigint;
}

const samples: Record<MessageLanguage, { org: MessageModel['org']; customer: MessageModel['customer']; contact: MessageModel['contact']; currency: string; terms: string }> = {
  'en-GB': {
    org: {
      name: 'Harbour & Pine Ltd',
      senderName: 'Sarah Collins',
      senderEmail: 'accounts@harbourandpine.co.uk',
      replyTo: null,
      phone: '0117 496 0123',
      address: { lines: ['12 Quay Street', 'Bristol', 'BS1 4DJ'], country: null },
      country: 'GB',
      paymentInstructions: 'Bank transfer to Harbour & Pine Ltd, sort code 20-00-00, account 55779911, quoting your customer number C-1042.',
    },
    customer: { id: 'sample', externalId: 'C-1042', name: 'Brightwell Café Ltd', kind: 'business', country: 'GB' },
    contact: {
      name: 'Tom Fletcher',
      email: 'tom@brightwellcafe.co.uk',
      phone: '07700 900461',
      address: { lines: ['Unit 4, Mill Lane', 'Bath', 'BA1 2QH'], country: null },
    },
    currency: 'GBP',
    terms: 'Payment is due within 30 days of the invoice date.',
  },
  'en-US': {
    org: {
      name: 'Northwind Design Studio LLC',
      senderName: 'Maria Lopez',
      senderEmail: 'billing@northwinddesign.com',
      replyTo: null,
      phone: '(503) 555-0142',
      address: { lines: ['410 SW Alder Street, Suite 300', 'Portland, OR 97204'], country: null },
      country: 'US',
      paymentInstructions: 'ACH transfer to Northwind Design Studio LLC, routing 021000021, account 1234567890, with your customer number C-1042 as the reference.',
    },
    customer: { id: 'sample', externalId: 'C-1042', name: 'Cedar Ridge Dental Group', kind: 'business', country: 'US' },
    contact: {
      name: 'James Carter',
      email: 'jcarter@cedarridgedental.com',
      phone: '(503) 555-0187',
      address: { lines: ['2200 NE Broadway', 'Portland, OR 97232'], country: null },
    },
    currency: 'USD',
    terms: 'Net 30 (payment is due within 30 days of the invoice date).',
  },
};

const sampleInvoices: SampleInvoice[] = [
  { number: 'INV-2026-0412', issueDate: '2026-09-01', dueDate: '2026-10-01', total: 124_000n, charges: 0n, paid: 0n },
  { number: 'INV-2026-0468', issueDate: '2026-09-22', dueDate: '2026-10-22', total: 86_050n, charges: 4_000n, paid: 20_000n },
  { number: 'INV-2026-0503', issueDate: '2026-10-10', dueDate: '2026-11-09', total: 41_500n, charges: 0n, paid: 0n },
];

export function sampleMessageModel(language: MessageLanguage, overrides: SampleOverrides = {}): MessageModel {
  const sample = samples[language];
  const { org, customer, contact, step, date = sampleDate, invoices: givenInvoices, totals, ...rest } = overrides;
  const invoices =
    givenInvoices ??
    sampleInvoices.map(
      (invoice): MessageInvoice => ({
        ...invoice,
        currency: sample.currency,
        daysOverdue: daysBetween(invoice.dueDate, date),
        balance: invoice.total + invoice.charges - invoice.paid,
        terms: sample.terms,
      }),
    );
  const customerOf = { ...sample.customer, ...customer };
  const stepOf: MessageModel['step'] = { key: 'firm-reminder', name: 'Firm reminder', tone: 'firm', channel: 'email', ...step };
  return {
    language,
    date,
    org: { ...sample.org, ...org },
    customer: customerOf,
    contact: { ...sample.contact, ...contact },
    invoices,
    totals: totals ?? totalsOf(invoices),
    step: stepOf,
    nextStep: { name: 'Final notice' },
    history: { messagesSent: 2, lastMessage: { on: '2026-11-09', channel: 'email' }, spokenWith: false },
    // The deadline the step's template gives this debtor, as a real message would have it.
    deadline: paymentDeadline({ sentOn: date, channel: stepOf.channel, template: stepOf.key, debtor: { country: customerOf.country, kind: customerOf.kind } }),
    // No payment gateway or debtor portal exists yet: the sample is what a real message has today.
    payOnline: null,
    portalLink: null,
    agency: false,
    creditor: null,
    legalEnabled: false,
    ...rest,
  };
}
