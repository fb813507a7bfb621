// What a template can say: the message model turned into ready-formatted text. Templates never
// see a bigint or an ISO date, so an organisation's own wording cannot format an amount or a date
// differently from the ledger and the rest of the message.
import { addDays, epochDay, type IsoDate } from '../calendar.ts';
import type { MessageLanguage, MessageModel, PlanMessage, PostalAddress } from '../messages/message-model.ts';
import { channelWord, formatAmount, formatDate } from './format.ts';

export interface InvoiceView {
  number: string;
  issueDate: string;
  dueDate: string;
  /** Whole days past the due date; negative before it. */
  daysOverdue: number;
  total: string;
  charges: string;
  paid: string;
  /** What the message asks for: what is owed less any part under review. */
  balance: string;
  /** The part under review (open disputes), not asked for, e.g. "£100.00"; use inside {{#if hasDisputedPart}}. */
  disputed: string;
  hasDisputedPart: boolean;
  currency: string;
  /** The invoice's payment terms; empty when it has none. */
  terms: string;
}

export interface TotalView {
  currency: string;
  total: string;
  charges: string;
  paid: string;
  balance: string;
  /** Fees or interest were charged (so a template can mention them only when there are some). */
  hasCharges: boolean;
  /** Payments or credits were applied. */
  hasPayments: boolean;
}

export interface MessageView {
  org: { name: string; senderName: string; email: string; phone: string; address: string };
  customer: { name: string; externalId: string };
  contact: { name: string; greetingName: string };
  invoices: InvoiceView[];
  totals: TotalView[];
  /** The balances per currency, e.g. "£1,240.00" or "£1,240.00 and €300.00" ("… und …" in de-DE). */
  total: string;
  oldestDueDate: string;
  invoiceCount: number;
  /** More than one invoice: for "invoice …" against "invoices …". */
  multipleInvoices: boolean;
  /** "INV-1 and INV-2" (en-GB), "INV-1, INV-2, and INV-3" (en-US). */
  invoiceNumbers: string;
  /**
   * The payment terms: the text itself when the invoices share it, else one line per invoice
   * ("INV-1: …"); empty when no invoice has terms.
   */
  terms: string;
  step: { name: string };
  /** The step that follows if nothing happens, by name only: dates a message gives are `deadline.on`. */
  nextStep: { name: string } | null;
  /**
   * What reached the debtor in this case before this message. A template may claim earlier contact
   * only inside {{#if history.messagesSent}}, {{#if history.lastMessage}} or {{#if history.spokenWith}}.
   */
  history: {
    /** Emails, letters and texts of this case that reached the debtor (sent, posted) before this one. */
    messagesSent: number;
    /** The latest of them: the date in the message's language, the channel as a plain word ("email", "letter", "text message"). */
    lastMessage: { on: string; channel: string } | null;
    /** A call in this case reached the person. */
    spokenWith: boolean;
  };
  /** The payment deadline this message gives ("by {{deadline.on}}"); null when it gives none. */
  deadline: { on: string; days: number } | null;
  /** Null until a payment gateway exists: use inside {{#if payOnline}}. */
  payOnline: { url: string } | null;
  /** Null until the debtor portal exists: use inside {{#if portalLink}}. */
  portalLink: { url: string } | null;
  /** The organisation's own payment instructions (bank details, payee, reference); empty when not set. */
  paymentInstructions: string;
  date: string;
  /**
   * The last day of the Regulation F validation period for a notice sent on `date`: 30 days after
   * the debtor is assumed to receive it, five weekdays after sending (12 CFR 1006.34(b)(5)).
   */
  validationEndDate: string;
  consumer: boolean;
  agency: boolean;
  /** For an agency: the creditor the debt is owed to; the organisation's name otherwise. */
  creditor: string;
  legalEnabled: boolean;
  /** For a message about a payment plan's instalment; null otherwise: use inside {{#if plan}}. */
  plan: PlanView | null;
}

export interface PlanView {
  total: string;
  /** What is still to pay on the plan, e.g. "£666.67". */
  remaining: string;
  /** Something is still to pay (false once the last instalment is paid). */
  hasRemaining: boolean;
  /** How many instalments the plan has, the down payment not counted. */
  count: number;
  /** The instalment the message is about: its number (0 for the down payment), date, amount, what was paid of it and what is unpaid. */
  current: { number: number; downPayment: boolean; dueDate: string; amount: string; paid: string; unpaid: string };
  /** The next instalment still to pay; null when none is left. */
  next: { number: number; dueDate: string; amount: string } | null;
}

export function messageView(model: MessageModel): MessageView {
  const { language } = model;
  // The model itself is the format locale: its language, and ISO dates when it asks for them.
  const amount = (value: bigint, currency: string) => formatAmount(model, value, currency);
  const invoices = model.invoices.map(
    (invoice): InvoiceView => ({
      number: invoice.number,
      issueDate: formatDate(model, invoice.issueDate),
      dueDate: formatDate(model, invoice.dueDate),
      daysOverdue: invoice.daysOverdue,
      total: amount(invoice.total, invoice.currency),
      charges: amount(invoice.charges, invoice.currency),
      paid: amount(invoice.paid, invoice.currency),
      balance: amount(invoice.balance, invoice.currency),
      disputed: amount(invoice.disputed, invoice.currency),
      hasDisputedPart: invoice.disputed > 0n,
      currency: invoice.currency,
      terms: invoice.terms ?? '',
    }),
  );
  const totals = model.totals.map(
    (total): TotalView => ({
      currency: total.currency,
      total: amount(total.total, total.currency),
      charges: amount(total.charges, total.currency),
      paid: amount(total.paid, total.currency),
      balance: amount(total.balance, total.currency),
      hasCharges: total.charges !== 0n,
      hasPayments: total.paid !== 0n,
    }),
  );
  const oldestDue = model.invoices.map((invoice) => invoice.dueDate).sort()[0];
  return {
    org: {
      name: model.org.name,
      senderName: model.org.senderName,
      email: model.org.replyTo ?? model.org.senderEmail ?? '',
      phone: model.org.phone ?? '',
      address: oneLineAddress(model.org.address),
    },
    customer: { name: model.customer.name, externalId: model.customer.externalId },
    contact: { name: model.contact.name ?? '', greetingName: model.contact.name?.trim() || model.customer.name },
    invoices,
    totals,
    total: listOf(language, totals.map((total) => total.balance)),
    oldestDueDate: oldestDue ? formatDate(model, oldestDue) : '',
    invoiceCount: invoices.length,
    multipleInvoices: invoices.length > 1,
    invoiceNumbers: listOf(language, invoices.map((invoice) => invoice.number)),
    terms: termsOf(invoices),
    step: { name: model.step.name },
    nextStep: model.nextStep ? { name: model.nextStep.name } : null,
    history: {
      messagesSent: model.history.messagesSent,
      lastMessage: model.history.lastMessage
        ? { on: formatDate(model, model.history.lastMessage.on), channel: channelWord(language, model.history.lastMessage.channel) }
        : null,
      spokenWith: model.history.spokenWith,
    },
    deadline: model.deadline ? { on: formatDate(model, model.deadline.on), days: model.deadline.days } : null,
    payOnline: model.payOnline ? { url: model.payOnline.url } : null,
    portalLink: model.portalLink ? { url: model.portalLink.url } : null,
    paymentInstructions: model.org.paymentInstructions?.trim() ?? '',
    date: formatDate(model, model.date),
    validationEndDate: formatDate(model, validationEndDate(model.date)),
    consumer: model.customer.kind === 'consumer',
    agency: model.agency,
    creditor: model.creditor ?? model.org.name,
    legalEnabled: model.legalEnabled,
    plan: model.plan ? planView(model, model.plan) : null,
  };
}

function planView(model: MessageModel, plan: PlanMessage): PlanView {
  const amount = (value: bigint) => formatAmount(model, value, plan.currency);
  const { instalment, next } = plan;
  return {
    total: amount(plan.total),
    remaining: amount(plan.remaining),
    hasRemaining: plan.remaining > 0n,
    count: plan.instalmentCount,
    current: {
      number: instalment.seq,
      downPayment: instalment.seq === 0,
      dueDate: formatDate(model, instalment.dueOn),
      amount: amount(instalment.amount),
      paid: amount(instalment.paid),
      unpaid: amount(instalment.amount > instalment.paid ? instalment.amount - instalment.paid : 0n),
    },
    next: next ? { number: next.seq, dueDate: formatDate(model, next.dueOn), amount: amount(next.amount) } : null,
  };
}

/** "12 Quay Street, Bristol, BS1 4DJ": an address inside a sentence. */
export function oneLineAddress(address: PostalAddress): string {
  return [...address.lines, ...(address.country ? [address.country] : [])].filter((line) => line.trim() !== '').join(', ');
}

function termsOf(invoices: readonly InvoiceView[]): string {
  const withTerms = invoices.filter((invoice) => invoice.terms.trim() !== '');
  const distinct = new Set(withTerms.map((invoice) => invoice.terms.trim()));
  if (distinct.size <= 1) return [...distinct][0] ?? '';
  return withTerms.map((invoice) => `${invoice.number}: ${invoice.terms.trim()}`).join('\n');
}

function listOf(language: MessageLanguage, items: string[]): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * Reg F lets a collector assume the notice is received five days after it is sent, not counting
 * public holidays, Saturdays and Sundays. Skipping weekends only assumes receipt no later than the
 * rule allows, so the period never ends too early.
 */
export function validationEndDate(sent: IsoDate): IsoDate {
  let received = sent;
  for (let weekdays = 0; weekdays < 5; ) {
    received = addDays(received, 1);
    if (!isWeekend(received)) weekdays += 1;
  }
  return addDays(received, 30);
}

function isWeekend(date: IsoDate): boolean {
  // 1970-01-01 was a Thursday: day 0 → 4 in a week that starts on Sunday (0).
  const weekday = (((epochDay(date) + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

/**
 * The shape of the view, for checking a template's variables before it is ever rendered: which
 * names exist, which are lists, which may be null (and so must be inside {{#if …}}).
 */
export type ViewShape =
  | { kind: 'value' }
  | { kind: 'object'; fields: Readonly<Record<string, ViewShape>>; nullable?: boolean }
  | { kind: 'list'; item: ViewShape };

const value: ViewShape = { kind: 'value' };
const object = (fields: Record<string, ViewShape>, nullable = false): ViewShape => ({ kind: 'object', fields, nullable });
const list = (item: ViewShape): ViewShape => ({ kind: 'list', item });
const values = (...names: string[]): Record<string, ViewShape> => Object.fromEntries(names.map((name) => [name, value]));

export const messageViewShape: ViewShape = object({
  org: object(values('name', 'senderName', 'email', 'phone', 'address')),
  customer: object(values('name', 'externalId')),
  contact: object(values('name', 'greetingName')),
  invoices: list(object(values('number', 'issueDate', 'dueDate', 'daysOverdue', 'total', 'charges', 'paid', 'balance', 'disputed', 'hasDisputedPart', 'currency', 'terms'))),
  totals: list(object(values('currency', 'total', 'charges', 'paid', 'balance', 'hasCharges', 'hasPayments'))),
  ...values('total', 'oldestDueDate', 'invoiceCount', 'multipleInvoices', 'invoiceNumbers', 'terms'),
  step: object(values('name')),
  nextStep: object(values('name'), true),
  history: object({ ...values('messagesSent', 'spokenWith'), lastMessage: object(values('on', 'channel'), true) }),
  deadline: object(values('on', 'days'), true),
  payOnline: object(values('url'), true),
  portalLink: object(values('url'), true),
  paymentInstructions: value,
  ...values('date', 'validationEndDate', 'consumer', 'agency', 'creditor', 'legalEnabled'),
  plan: object(
    {
      ...values('total', 'remaining', 'hasRemaining', 'count'),
      current: object(values('number', 'downPayment', 'dueDate', 'amount', 'paid', 'unpaid')),
      next: object(values('number', 'dueDate', 'amount'), true),
    },
    true,
  ),
});
