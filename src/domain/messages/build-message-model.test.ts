import { describe, expect, it } from 'vitest';
import { noHistory } from './message-model.ts';
import { buildMessageModel, type ContactFacts, type InvoiceFacts, type OrgFacts } from './build-message-model.ts';

const org: OrgFacts = { name: 'Acme Ltd', senderName: null, senderEmail: 'accounts@acme.test', replyTo: null, phone: null, postalAddress: ['1 Market St', 'Leeds'], country: 'GB', agency: false, legalEnabled: true, paymentInstructions: null };
const customer = { id: 7n, externalId: 'C-7', name: 'Bolt & Co', kind: 'business' as const, country: 'GB', region: null, language: null, creditorName: null };

function contact(overrides: Partial<ContactFacts>): ContactFacts {
  return { name: null, role: 'billing', email: null, phone: null, addressLines: [null, null, null], city: null, region: null, postalCode: null, country: null, optOutEmail: false, optOutSms: false, optOutLetter: false, optOutPhone: false, emailBounced: false, ...overrides };
}

function invoice(number: string, dueDate: string, total: bigint, paid = 0n, chaseable = true, disputed = 0n): InvoiceFacts {
  return { number, issueDate: '2026-09-01', dueDate, currency: 'GBP', total, charged: 0n, allocated: paid, balance: total - paid, terms: null, chaseable: chaseable ? total - paid - disputed : 0n, disputed };
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
      nextStep: null, history: noHistory, template: 'firm-reminder',
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
      nextStep: null, history: noHistory, template: 'firm-reminder',
      date: '2026-11-23',
    });
    expect(model.invoices.map((i) => [i.number, i.daysOverdue, i.balance])).toEqual([
      ['I-1', 53, 100_00n],
      ['I-2', 22, 40_00n],
    ]);
    expect(model.totals).toEqual([{ currency: 'GBP', total: 150_00n, charges: 0n, paid: 10_00n, balance: 140_00n }]);
  });

  it('asks for the undisputed part of a partly disputed invoice and carries the part under review', () => {
    const { model } = buildMessageModel({
      org,
      customer,
      contacts: [],
      invoices: [invoice('I-1', '2026-10-01', 1_000_00n, 0n, true, 100_00n), invoice('I-2', '2026-10-02', 50_00n)],
      step,
      nextStep: null, history: noHistory, template: 'firm-reminder',
      date: '2026-11-23',
    });
    expect(model.invoices.map((i) => [i.number, i.balance, i.disputed])).toEqual([
      ['I-1', 900_00n, 100_00n],
      ['I-2', 50_00n, 0n],
    ]);
    expect(model.totals[0]!.balance).toBe(950_00n);
  });

  it('never lets a time-barred debt name court, whatever the organisation enabled', () => {
    const build = (dueDate: string) =>
      buildMessageModel({ org, customer, contacts: [], invoices: [invoice('I-1', dueDate, 100_00n)], step, nextStep: null, history: noHistory, template: 'firm-reminder', date: '2026-11-23' }).model.legalEnabled;
    expect(build('2021-01-01')).toBe(true);
    // England and Wales: six years from the due date
    expect(build('2020-11-23')).toBe(false);
  });

  it("addresses the envelope in the destination's postal order, with the country only when the letter leaves the organisation's country", () => {
    const abroad = contact({ addressLines: ['5 Rue de Rivoli', null, null], city: 'Paris', postalCode: '75001', country: 'FR' });
    const home = contact({ addressLines: ['7 Mill Lane', null, null], city: 'York', postalCode: 'YO1 7HH', country: 'GB' });
    const lines = (c: ContactFacts) => buildMessageModel({ org, customer, contacts: [c], invoices: [], step, nextStep: null, history: noHistory, template: 'firm-reminder', date: '2026-11-23' }).model.contact.address.lines;
    expect(lines(abroad)).toEqual(['5 Rue de Rivoli', '75001 Paris', 'France']);
    expect(lines(home)).toEqual(['7 Mill Lane', 'York', 'YO1 7HH']);
  });

  it('gives the deadline of the message’s template, counted from the day it is sent', () => {
    const build = (template: string, channel: 'email' | 'letter') =>
      buildMessageModel({ org, customer, contacts: [], invoices: [invoice('I-1', '2026-10-01', 100_00n)], step: { ...step, channel }, nextStep: { name: 'Final notice' }, history: noHistory, template, date: '2026-11-23' }).model.deadline;
    expect(build('final-notice', 'email')).toEqual({ on: '2026-11-30', days: 7, rule: 'minimum-7-days' });
    expect(build('final-notice', 'letter')).toEqual({ on: '2026-12-02', days: 9, rule: 'minimum-7-days' });
    expect(build('demand-letter', 'email')?.days).toBe(14);
    expect(build('pre-due-note', 'email')).toBeNull();
  });

  it('carries the organisation’s payment instructions, none when blank, and no payment or portal link', () => {
    const build = (paymentInstructions: string | null) =>
      buildMessageModel({ org: { ...org, paymentInstructions }, customer, contacts: [], invoices: [], step, nextStep: null, history: noHistory, template: 'firm-reminder', date: '2026-11-23' }).model;
    expect(build('  Sort code 20-00-00, account 55779911  ').org.paymentInstructions).toBe('Sort code 20-00-00, account 55779911');
    expect(build('   ').org.paymentInstructions).toBeNull();
    expect(build(null)).toMatchObject({ payOnline: null, portalLink: null });
  });
});
