// What every outgoing message is made from, whatever its channel: the facts at the moment of
// sending, read from the ledger (src/db/queries/message-facts.ts builds it). Templates (email, SMS,
// call scripts) and letters (PDF) render from this and nothing else, so every amount a debtor
// reads is the ledger's, in integer minor units until the last moment of formatting.
import type { IsoDate } from '../calendar.ts';
import type { CurrencyCode } from '../currencies.ts';
import type { Channel, Tone } from '../playbooks/playbook.ts';
import type { SendChannel } from '../playbooks/playbook.ts';

/** Languages Arrears ships templates in; a customer's `language` picks one (see messageLanguageFor). */
export const messageLanguages = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES'] as const;
export type MessageLanguage = (typeof messageLanguages)[number];

export interface PostalAddress {
  /** Lines as they go on an envelope, without the recipient's name; country last when foreign. */
  lines: string[];
  country: string | null;
}

export interface MessageInvoice {
  number: string;
  issueDate: IsoDate;
  dueDate: IsoDate;
  /** Whole days past the due date on the message date; negative before it. */
  daysOverdue: number;
  currency: CurrencyCode;
  /** Invoice amount as issued. */
  total: bigint;
  /** Fees and interest charged on it so far. */
  charges: bigint;
  /** Payments and credit notes applied to it. */
  paid: bigint;
  /**
   * What the message asks for: what is still owed (total + charges − paid) less any part under
   * review (`disputed`).
   */
  balance: bigint;
  /** The part of what is owed under review (open disputes), not asked for; 0n when none. */
  disputed: bigint;
  terms: string | null;
}

/** Per currency: the sums of the invoices listed in the message. */
export interface MessageTotal {
  currency: CurrencyCode;
  total: bigint;
  charges: bigint;
  paid: bigint;
  balance: bigint;
}

/** The channels of a message that reaches the debtor in writing. */

export interface MessageHistory {
  /** Messages (email, letter, SMS) of this case that reached the debtor before this one. */
  messagesSent: number;
  /** The latest of them. */
  lastMessage: { on: IsoDate; channel: SendChannel } | null;
  /** A call in this case reached the person (an outcome other than no answer, voicemail, wrong number). */
  spokenWith: boolean;
}

export interface PaymentDeadline {
  on: IsoDate;
  /** Days from the day the message is sent. */
  days: number;
  /** The rule that set its minimum (see messages/payment-deadline.ts). */
  rule: string;
}

/** A message about one instalment of a payment plan (a reminder, a receipt, the missed reminder): the plan and that instalment. */
export interface PlanMessage {
  id: string;
  currency: CurrencyCode;
  /** What the plan pays off: the down payment and every instalment. */
  total: bigint;
  /** What is still to pay on the plan: its instalments' amounts less what has been paid of them. */
  remaining: bigint;
  /** The instalments, the down payment not counted. */
  instalmentCount: number;
  /** The instalment the message is about; seq 0 is the down payment. */
  instalment: { seq: number; dueOn: IsoDate; amount: bigint; paid: bigint };
  /** The first instalment after it still to pay; null when none is left. */
  next: { seq: number; dueOn: IsoDate; amount: bigint } | null;
}

/** Nothing reached the debtor yet: what a first message knows. */
export const noHistory: MessageHistory = { messagesSent: 0, lastMessage: null, spokenWith: false };

export interface MessageModel {
  language: MessageLanguage;
  /**
   * The customer reads a language Arrears has no templates in (ja-JP, …): the words are the
   * fallback language's, the dates ISO (2026-10-07), which every reader takes the same way.
   * Absent or false: dates as the message language writes them.
   */
  isoDates?: boolean;
  /** The date the message is sent (the organisation's business date). */
  date: IsoDate;
  org: {
    name: string;
    senderName: string;
    senderEmail: string | null;
    replyTo: string | null;
    phone: string | null;
    address: PostalAddress;
    country: string | null;
    /** The organisation's own payment instructions (bank details, payee, reference to quote); null when not set. */
    paymentInstructions: string | null;
  };
  customer: {
    id: string;
    externalId: string;
    name: string;
    kind: 'business' | 'consumer';
    country: string | null;
  };
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    address: PostalAddress;
  };
  /** The invoices the action is about, oldest due date first. */
  invoices: MessageInvoice[];
  totals: MessageTotal[];
  step: {
    key: string;
    name: string;
    tone: Tone;
    channel: Channel;
  };
  /** What follows if nothing happens, when the playbook has a next step (named, never dated: the deadline is `deadline`). */
  nextStep: { name: string } | null;
  /** What reached this debtor in this case before this message, so a message claims only contact that happened. */
  history: MessageHistory;
  /** The payment deadline this message gives; null for a message that gives none (e.g. the pre-due note). */
  deadline: PaymentDeadline | null;
  /** A link to pay online; null until a payment gateway exists. */
  payOnline: { url: string } | null;
  /** A link to the debtor's own page; null until the debtor portal exists. */
  portalLink: { url: string } | null;
  /** The organisation collects as an agency (third-party collector) rather than for itself. */
  agency: boolean;
  /** For an agency: the creditor the debt is owed to (its client); null otherwise or when not known. */
  creditor: string | null;
  /** Legal steps (court, solicitors) are enabled: a final notice may name them. */
  legalEnabled: boolean;
  /** For a message about a payment plan's instalment; null for every other message. */
  plan: PlanMessage | null;
}
