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
  'de-DE': {
    org: {
      name: 'Lindenhof Werkstätten GmbH',
      senderName: 'Katrin Weber',
      senderEmail: 'buchhaltung@lindenhof-werkstaetten.de',
      replyTo: null,
      phone: '030 901820',
      address: { lines: ['Friedrichstraße 112', '10117 Berlin'], country: null },
      country: 'DE',
      paymentInstructions: 'Überweisung an Lindenhof Werkstätten GmbH, IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX, Verwendungszweck: Kundennummer C-1042.',
    },
    customer: { id: 'sample', externalId: 'C-1042', name: 'Café Morgenrot GmbH', kind: 'business', country: 'DE' },
    contact: {
      name: 'Jonas Becker',
      email: 'j.becker@cafe-morgenrot.de',
      phone: '0151 23456789',
      address: { lines: ['Bergmannstraße 7', '10961 Berlin'], country: null },
    },
    currency: 'EUR',
    terms: 'Zahlbar innerhalb von 30 Tagen ab Rechnungsdatum ohne Abzug.',
  },
  'fr-FR': {
    org: {
      name: 'Atelier Beaulieu SARL',
      senderName: 'Claire Martin',
      senderEmail: 'comptabilite@atelier-beaulieu.fr',
      replyTo: null,
      phone: '01 84 88 12 34',
      address: { lines: ['18 rue de la Roquette', '75011 Paris'], country: null },
      country: 'FR',
      paymentInstructions: 'Virement à Atelier Beaulieu SARL, IBAN FR76 3000 6000 0112 3456 7890 189, BIC AGRIFRPP, en indiquant votre numéro client C-1042.',
    },
    customer: { id: 'sample', externalId: 'C-1042', name: 'Boulangerie du Marché SAS', kind: 'business', country: 'FR' },
    contact: {
      name: 'Camille Durand',
      email: 'c.durand@boulangerie-du-marche.fr',
      phone: '06 12 34 56 78',
      address: { lines: ['5 place du Marché', '69002 Lyon'], country: null },
    },
    currency: 'EUR',
    terms: 'Paiement à 30 jours à compter de la date de facture.',
  },
  'es-ES': {
    org: {
      name: 'Talleres Alameda S.L.',
      senderName: 'Lucía García',
      senderEmail: 'administracion@talleresalameda.es',
      replyTo: null,
      phone: '910 123 456',
      address: { lines: ['Calle de Alcalá 85', '28009 Madrid'], country: null },
      country: 'ES',
      paymentInstructions: 'Transferencia a Talleres Alameda S.L., IBAN ES91 2100 0418 4502 0005 1332, indicando su número de cliente C-1042.',
    },
    customer: { id: 'sample', externalId: 'C-1042', name: 'Cafetería La Plaza S.L.', kind: 'business', country: 'ES' },
    contact: {
      name: 'Javier Romero',
      email: 'javier.romero@cafeterialaplaza.es',
      phone: '612 345 678',
      address: { lines: ['Plaza Mayor 3', '37002 Salamanca'], country: null },
    },
    currency: 'EUR',
    terms: 'Pago a 30 días desde la fecha de la factura.',
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
        disputed: 0n,
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
    plan: samplePlan(sample.currency),
    ...rest,
  };
}

/** A plan of 1,000.00 in three instalments, the first paid; the message is about the second. */
function samplePlan(currency: string): MessageModel['plan'] {
  return {
    id: '12',
    currency,
    total: 100_000n,
    remaining: 66_667n,
    instalmentCount: 3,
    instalment: { seq: 2, dueOn: '2026-11-26', amount: 33_333n, paid: 0n },
    next: { seq: 3, dueOn: '2026-12-26', amount: 33_334n },
  };
}
