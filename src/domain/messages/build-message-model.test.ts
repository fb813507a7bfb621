import { describe, expect, it } from 'vitest';
import { noHistory } from './message-model.ts';
import { buildMessageModel, type ContactFacts, type InvoiceFacts, type OrgFacts } from './build-message-model.ts';

const org: OrgFacts = { name: 'Acme Ltd', senderName: null, senderEmail: 'accounts@acme.test', replyTo: null, phone: null, postalAddress: ['1 Market St', 'Leeds'], country: 'GB', agency: false, legalEnabled: true, paymentInstructions: null };
const customer = { id: 7n, externalId: 'C-7', name: 'Bolt & Co', kind: 'business' as const, country: 'GB', region: null, language: null, creditorName: null };

function contact(overrides: Partial<ContactFacts>): ContactFacts {
  return { name: null, role: 'billing', email: null, phone: null, addressLines: [null, null, null], city: null, region: null, postalCode: null, country: null, optOutEmail: false, optOutSms: false, optOutLetter: false, optOutPhone: false, emailBounced: false, ...overrides };
}

function invoice(number: string, dueDate: string, total: bigint, paid = 0n, chaseable = true): InvoiceFacts {
  return { number, issueDate: '2026-09-01', dueDate, currency: 'GBP', total, charged: 0n, allocated: paid, balance: total - paid, terms: null, chaseable };
}

const step = { key: 'reminder', name: 'Reminder', tone: 'friendly' as const, channel: 'email' as const };

describe('buildMessageModel', () => {
  it('writes to the billing contacts that can receive email, not to opted-out or bounced ones, nor to other roles', () => {
    const { recipients, model } = buildMessageModel({
      org,
      customer,
      contacts: [
        contact({ role: 'primary', email: 'boss@bolt.test', name: 'Boss' }),
        contact({ email: 'ap@bolt.test', name: 'Pat' }),
        contact({ email: 'old@bolt.test', emailBounced: true }),
        contact({ email: 'no@bolt.test', optOutEmail: true }),
      ],
      invoices: [invoice('I-1', '2026-10-01', 100_00n)],
      step,
      nextStep: null, history: noHistory, deadline: null,
      date: '2026-11-23',
    });
    expect(recipients.emails).toEqual(['ap@bolt.test']);
    expect(model.contact.name).toBe('Pat');
    expect(model.org.senderName).toBe('Acme Ltd');
  });

  it('lists only what is still owed, oldest due first, with balances and days overdue on the message date, and totals that add up', () => {
    const { model } = buildMessageModel({
      org,
      customer,
      contacts: [],
      invoices: [invoice('I-2', '2026-11-01', 50_00n, 10_00n), invoice('I-1', '2026-10-01', 100_00n), invoice('I-3', '2026-10-15', 70_00n, 0n, false)],
      step,
      nextStep: null, history: noHistory, deadline: null,
      date: '2026-11-23',
    });
    expect(model.invoices.map((i) => [i.number, i.daysOverdue, i.balance])).toEqual([
      ['I-1', 53, 100_00n],
      ['I-2', 22, 40_00n],
    ]);
    expect(model.totals).toEqual([{ currency: 'GBP', total: 150_00n, charges: 0n, paid: 10_00n, balance: 140_00n }]);
  });

  it('never lets a time-barred debt name court, whatever the organisation enabled', () => {
    const build = (dueDate: string) =>
      buildMessageModel({ org, customer, contacts: [], invoices: [invoice('I-1', dueDate, 100_00n)], step, nextStep: null, history: noHistory, deadline: null, date: '2026-11-23' }).model.legalEnabled;
    expect(build('2021-01-01')).toBe(true);
    // England and Wales: six years from the due date
    expect(build('2020-11-23')).toBe(false);
  });

  it("addresses the envelope with the country only when the letter leaves the organisation's country", () => {
    const abroad = contact({ addressLines: ['5 Rue de Rivoli', null, null], city: 'Paris', postalCode: '75001', country: 'FR' });
    const home = contact({ addressLines: ['7 Mill Lane', null, null], city: 'York', postalCode: 'YO1 7HH', country: 'GB' });
    const lines = (c: ContactFacts) => buildMessageModel({ org, customer, contacts: [c], invoices: [], step, nextStep: null, history: noHistory, deadline: null, date: '2026-11-23' }).model.contact.address.lines;
    expect(lines(abroad)).toEqual(['5 Rue de Rivoli', 'Paris 75001', 'France']);
    expect(lines(home)).toEqual(['7 Mill Lane', 'York YO1 7HH']);
  });
});
