// Message models and bodies for the letter tests, written here so the tests do not depend on the
// template texts: an American business account in dollars, a British consumer in pounds with a
// euro invoice too, and a consumer account collected by an agency for the validation notice.
import type { MessageInvoice, MessageLanguage, MessageModel } from '../../src/domain/messages/message-model.ts';
import { totalsOf } from '../../src/domain/messages/message-totals.ts';

type InvoiceFacts = Pick<MessageInvoice, 'number' | 'issueDate' | 'dueDate' | 'daysOverdue' | 'currency' | 'total' | 'charges' | 'paid'>;

export function invoice(facts: InvoiceFacts): MessageInvoice {
  return { ...facts, balance: facts.total + facts.charges - facts.paid, disputed: 0n, terms: null };
}

const usInvoices = [
  invoice({ number: 'INV-2026-0412', issueDate: '2026-09-01', dueDate: '2026-10-01', daysOverdue: 53, currency: 'USD', total: 124_000n, charges: 0n, paid: 0n }),
  invoice({ number: 'INV-2026-0468', issueDate: '2026-09-22', dueDate: '2026-10-22', daysOverdue: 32, currency: 'USD', total: 86_050n, charges: 4_000n, paid: 20_000n }),
  invoice({ number: 'INV-2026-0503', issueDate: '2026-10-10', dueDate: '2026-11-09', daysOverdue: 14, currency: 'USD', total: 41_500n, charges: 0n, paid: 0n }),
];

const gbInvoices = [
  invoice({ number: 'HP-1187', issueDate: '2026-08-14', dueDate: '2026-09-13', daysOverdue: 71, currency: 'GBP', total: 245_000n, charges: 7_350n, paid: 50_000n }),
  invoice({ number: 'HP-1203', issueDate: '2026-09-02', dueDate: '2026-10-02', daysOverdue: 52, currency: 'GBP', total: 98_000n, charges: 0n, paid: 0n }),
  invoice({ number: 'HP-E-0042', issueDate: '2026-09-20', dueDate: '2026-10-20', daysOverdue: 34, currency: 'EUR', total: 61_275n, charges: 0n, paid: 10_000n }),
];

function base(language: MessageLanguage): MessageModel {
  const invoices = language === 'en-US' ? usInvoices : gbInvoices;
  const us = language === 'en-US';
  return {
    language,
    date: '2026-11-23',
    org: us
      ? {
          name: 'Northwind Design Studio LLC',
          senderName: 'Maria Lopez',
          senderEmail: 'billing@northwinddesign.com',
          replyTo: null,
          phone: '(503) 555-0142',
          address: { lines: ['410 SW Alder Street, Suite 300', 'Portland, OR 97204'], country: 'US' },
          country: 'US',
          paymentInstructions: null,
        }
      : {
          name: 'Harbour & Pine Ltd',
          senderName: 'Sarah Collins',
          senderEmail: 'accounts@harbourandpine.co.uk',
          replyTo: null,
          phone: '0117 496 0123',
          address: { lines: ['12 Quay Street', 'Bristol', 'BS1 4DJ'], country: 'GB' },
          country: 'GB',
          paymentInstructions: null,
        },
    customer: us
      ? { id: '17', externalId: 'C-1042', name: 'Cedar Ridge Dental Group', kind: 'business', country: 'US' }
      : { id: '18', externalId: 'C-2210', name: 'Thomas Fletcher', kind: 'consumer', country: 'GB' },
    contact: us
      ? { name: 'James Carter', email: 'jcarter@cedarridgedental.com', phone: null, address: { lines: ['2200 NE Broadway', 'Portland, OR 97232'], country: 'US' } }
      : { name: 'Thomas Fletcher', email: 'tom@example.co.uk', phone: null, address: { lines: ['Flat 2, 7 Mill Lane', 'Bath', 'BA1 2QH'], country: 'GB' } },
    invoices,
    totals: totalsOf(invoices),
    step: { key: 'demand', name: 'Demand letter', tone: 'firm', channel: 'letter' },
    nextStep: { name: 'Final notice' },
    history: { messagesSent: 0, lastMessage: null, spokenWith: false },
    deadline: { on: '2026-12-09', days: 16, rule: 'formal-demand-14-days' },
    payOnline: null,
    portalLink: null,
    agency: false,
    creditor: null,
    legalEnabled: false,
    plan: null,
  };
}

/** A US business account: three dollar invoices, one part paid with a late fee. */
export function usModel(overrides: Partial<MessageModel> = {}): MessageModel {
  return { ...base('en-US'), ...overrides };
}

/** A British consumer: two sterling invoices (one with interest, part paid) and a euro one. */
export function gbModel(overrides: Partial<MessageModel> = {}): MessageModel {
  return { ...base('en-GB'), ...overrides };
}

/** A consumer debt an agency collects in the US: what the validation notice is for. */
export function agencyConsumerModel(): MessageModel {
  const model = usModel({ agency: true });
  return {
    ...model,
    org: { ...model.org, name: 'Summit Recovery Services Inc', senderName: 'Daniel Reyes', senderEmail: 'disputes@summitrecovery.com', address: { lines: ['88 Market Street, Floor 4', 'Denver, CO 80202'], country: 'US' } },
    customer: { id: '31', externalId: 'SR-559102', name: 'Jane Doe', kind: 'consumer', country: 'US' },
    contact: { name: 'Jane Doe', email: null, phone: null, address: { lines: ['1234 Elm Street', 'Apt 5B', 'Springfield, IL 62704'], country: 'US' } },
  };
}

export const demandBody = `Dear James Carter,

Our records show that the invoices listed below are overdue, with a balance of $2,355.50. We have written to you about them before and have not yet received payment or heard from you.

Please pay the balance by December 7, 2026, online at https://pay.example.com/a/7Kq2mX/pay or by check to the address above. If you believe any of these amounts is wrong, or if you cannot pay in full, please call us on (503) 555-0142 so that we can find a solution together.

Thank you for your prompt attention to this matter.`;

export const shortReminderBody = `Dear James Carter,

This is a friendly reminder that the invoice below is now past its due date. If you have already paid, thank you, and please ignore this letter.`;

export const claimBody = `Dear Mr Fletcher,

We are writing to you under the Pre-Action Protocol for Debt Claims. You owe us £3,003.50 and €512.75 for the invoices set out in the enclosed statement of account, which includes interest of £73.50 charged under our terms.

You can pay by bank transfer to Harbour & Pine Ltd, sort code 12-34-56, account 12345678, quoting reference C-2210.

Please reply within 30 days of the date of this letter using the enclosed Reply Form. If you do not reply within that time, we may start court proceedings against you.`;

export const validationBody = `Dear Jane Doe,

We have been asked to collect the balance of your account with Northwind Design Studio LLC. The notice on the first page explains what we believe you owe and what you can do if you disagree.`;
