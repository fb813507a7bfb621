// Builds the message model for one send from the facts read at the moment of sending: who it goes
// to (the billing contacts first), which of the action's invoices may still be chased and for how
// much now (a partly disputed one for its undisputed part, saying the rest is under review), and
// the totals per currency. Pure: the caller reads.
import { daysBetween, type IsoDate } from '../calendar.ts';
import { limitationPeriodFor, timeBarredFrom } from '../compliance/limitation.ts';
import type { Channel, Tone } from '../playbooks/playbook.ts';
import type { MessageHistory, MessageInvoice, MessageModel, PlanMessage, PostalAddress } from './message-model.ts';
import { paymentDeadline } from './payment-deadline.ts';
import { totalsOf } from './message-totals.ts';
import { messageLanguageFor } from './message-language.ts';
import { localityLines } from './postal-locality.ts';

export interface OrgFacts {
  name: string;
  senderName: string | null;
  senderEmail: string | null;
  replyTo: string | null;
  phone: string | null;
  postalAddress: readonly string[];
  country: string | null;
  agency: boolean;
  legalEnabled: boolean;
  /** The organisation's own payment instructions; null when not set. */
  paymentInstructions: string | null;
}

export interface CustomerFacts {
  id: bigint;
  externalId: string;
  name: string;
  kind: 'business' | 'consumer';
  country: string | null;
  /** Region code (see compliance/jurisdiction.ts), for the limitation period. */
  region: string | null;
  language: string | null;
  /** For an agency: the creditor the debt is owed to. */
  creditorName: string | null;
}

export interface ContactFacts {
  name: string | null;
  role: 'billing' | 'primary' | 'other';
  email: string | null;
  phone: string | null;
  addressLines: readonly (string | null)[];
  city: string | null;
  region: string | null;
  postalCode: string | null;
  country: string | null;
  optOutEmail: boolean;
  optOutSms: boolean;
  optOutLetter: boolean;
  optOutPhone: boolean;
  emailBounced: boolean;
}

export interface InvoiceFacts {
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  currency: string;
  total: bigint;
  charged: bigint;
  allocated: bigint;
  balance: bigint;
  terms: string | null;
  /**
   * What may be chased on it now (src/db/queries/chaseable.ts): the balance less any part under
   * review; 0n when nothing (paid, held, wholly disputed). The message asks for this.
   */
  chaseable: bigint;
  /** The part of the balance under review (open disputes), left out of what is asked for. */
  disputed: bigint;
}

export interface MessageStep {
  key: string;
  name: string;
  tone: Tone;
  channel: Channel;
}

export interface MessageRecipients {
  /** Usable email addresses of the contacts written to (billing contacts, else the first with one). */
  emails: string[];
  /** Usable phone numbers for SMS. */
  phones: string[];
  /** Whether a postal address can be written to. */
  postal: boolean;
}

export function buildMessageModel(input: {
  org: OrgFacts;
  customer: CustomerFacts;
  contacts: readonly ContactFacts[];
  invoices: readonly InvoiceFacts[];
  step: MessageStep;
  nextStep: { name: string } | null;
  history: MessageHistory;
  /** The template the message is written from: it decides the payment deadline (see payment-deadline.ts). */
  template: string;
  date: IsoDate;
  /** For a message about a payment plan's instalment. */
  plan?: PlanMessage | null;
}): { model: MessageModel; recipients: MessageRecipients } {
  const { org, customer, contacts, date } = input;
  const owed = input.invoices.filter((invoice) => invoice.chaseable > 0n).sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.number.localeCompare(b.number));
  const invoices: MessageInvoice[] = owed.map((invoice) => ({
    number: invoice.number,
    issueDate: invoice.issueDate,
    dueDate: invoice.dueDate,
    daysOverdue: daysBetween(invoice.dueDate, date),
    currency: invoice.currency,
    total: invoice.total,
    charges: invoice.charged,
    paid: invoice.allocated,
    balance: invoice.chaseable,
    disputed: invoice.disputed,
    terms: invoice.terms,
  }));
  const writeTo = recipientsOf(contacts);
  const main = writeTo[0] ?? null;
  const { language, isoDates } = messageLanguageFor(customer.language, customer.country, org.country);
  return {
    model: {
      language,
      ...(isoDates ? { isoDates } : {}),
      date,
      org: {
        name: org.name,
        senderName: org.senderName ?? org.name,
        senderEmail: org.senderEmail,
        replyTo: org.replyTo,
        phone: org.phone,
        address: { lines: [...org.postalAddress], country: org.country },
        country: org.country,
        paymentInstructions: org.paymentInstructions?.trim() || null,
      },
      customer: { id: customer.id.toString(), externalId: customer.externalId, name: customer.name, kind: customer.kind, country: customer.country },
      contact: { name: main?.name ?? null, email: main?.email ?? null, phone: main?.phone ?? null, address: main ? postalAddress(main, org.country) : { lines: [], country: null } },
      invoices,
      totals: totalsOf(invoices),
      step: input.step,
      nextStep: input.nextStep,
      history: input.history,
      deadline: paymentDeadline({ sentOn: date, channel: input.step.channel, template: input.template, debtor: { country: customer.country, kind: customer.kind } }),
      // Until a payment gateway and the debtor portal exist there is no link to give: the
      // templates then say how to pay from the organisation's own instructions.
      payOnline: null,
      portalLink: null,
      agency: org.agency,
      creditor: org.agency ? customer.creditorName : null,
      // A time-barred debt may never be threatened with court, whatever the organisation enabled.
      legalEnabled: org.legalEnabled && !timeBarred(customer, owed[0]?.dueDate ?? null, date),
      plan: input.plan ?? null,
    },
    recipients: {
      emails: unique(writeTo.filter((c) => c.email && !c.optOutEmail && !c.emailBounced).map((c) => c.email!.trim())),
      phones: unique(writeTo.filter((c) => c.phone && !c.optOutSms).map((c) => c.phone!.trim())),
      postal: contacts.some((c) => c.addressLines[0] && !c.optOutLetter),
    },
  };
}

function timeBarred(customer: CustomerFacts, oldestDue: IsoDate | null, date: IsoDate): boolean {
  const period = oldestDue ? limitationPeriodFor(customer) : null;
  return period !== null && date >= timeBarredFrom(oldestDue!, period.years);
}

/** The billing contacts when there are any, else every contact (primary first), as listed. */
function recipientsOf(contacts: readonly ContactFacts[]): readonly ContactFacts[] {
  const billing = contacts.filter((contact) => contact.role === 'billing');
  return billing.length > 0 ? billing : contacts;
}

function postalAddress(contact: ContactFacts, orgCountry: string | null): PostalAddress {
  const lines = contact.addressLines.filter((line): line is string => Boolean(line?.trim()));
  lines.push(...localityLines(contact, contact.country ?? orgCountry));
  // The country goes on the envelope only when the letter leaves the sender's country.
  const foreign = contact.country && contact.country !== orgCountry;
  if (foreign) lines.push(new Intl.DisplayNames(['en'], { type: 'region' }).of(contact.country!) ?? contact.country!);
  return { lines, country: contact.country };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
