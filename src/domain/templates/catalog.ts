// The message and task templates Arrears ships, by name: which channels each exists for and the
// tone it is written in. Playbooks may only name templates listed here (the communications work
// adds the texts; this list is the contract between the two).
import type { Channel, Tone } from '../playbooks/playbook.ts';

export interface TemplateEntry {
  name: string;
  tone: Tone;
  channels: readonly Channel[];
  purpose: string;
  /** About one instalment of a payment plan: the daily cycle writes it with the plan's facts, so a person cannot send it by hand. */
  planMessage?: true;
}

export const templateCatalog: readonly TemplateEntry[] = [
  { name: 'satisfaction-verification', tone: 'friendly', channels: ['letter', 'email'], purpose: 'right after delivery: the invoice, its due date and the credit terms, asking the customer to confirm they are satisfied or raise any issue now' },
  { name: 'pre-due-note', tone: 'friendly', channels: ['email', 'letter'], purpose: 'a friendly note with the invoice and its terms a few days before it is due' },
  { name: 'reminder-missed', tone: 'friendly', channels: ['email', 'letter', 'sms'], purpose: 'a friendly reminder just after the due date: it may have been missed' },
  { name: 'follow-up', tone: 'friendly', channels: ['email', 'letter', 'sms'], purpose: 'a friendly follow-up asking when payment can be expected' },
  { name: 'plan-offer', tone: 'friendly', channels: ['email', 'letter'], purpose: 'the sympathetic path, after the debtor says they cannot pay: invites a payment plan and says how to set one up' },
  { name: 'call-friendly', tone: 'friendly', channels: ['call'], purpose: 'a call script: check the invoice arrived, ask when it will be paid' },
  { name: 'call-personal', tone: 'friendly', channels: ['call'], purpose: 'a personal call to a long-standing customer before anything firm is sent' },
  { name: 'firm-reminder', tone: 'firm', channels: ['email', 'letter', 'sms'], purpose: 'a clear, direct reminder that the account is overdue' },
  { name: 'statement-of-account', tone: 'firm', channels: ['letter', 'email'], purpose: 'a letter with the statement of account' },
  { name: 'call-firm', tone: 'firm', channels: ['call'], purpose: 'a call script: state the amount overdue, ask for payment or a date' },
  { name: 'call-broken-promise', tone: 'firm', channels: ['call'], purpose: 'a call after a promise to pay was broken' },
  { name: 'validation-notice', tone: 'firm', channels: ['letter', 'email'], purpose: 'the US Regulation F validation notice, for consumer debts collected by an agency' },
  { name: 'demand-letter', tone: 'firm', channels: ['letter', 'email'], purpose: 'a formal demand, with statutory interest or fees where the policy allows' },
  { name: 'final-notice', tone: 'final', channels: ['letter', 'email'], purpose: 'a final notice naming the real next step, if one is enabled' },
  { name: 'review-escalation', tone: 'final', channels: ['review'], purpose: 'a person decides: agency, small claims, settlement or write-off' },
  // The only messages allowed after a cease-communication request (15 U.S.C. § 1692c(c)); the
  // contact rules let these three through and nothing else (compliance/contact-rules.ts).
  { name: 'cease-efforts-end', tone: 'friendly', channels: ['letter', 'email'], purpose: 'after a cease request: confirms that collection efforts have ended' },
  { name: 'cease-remedies-may-be-used', tone: 'firm', channels: ['letter', 'email'], purpose: 'after a cease request: the remedies ordinarily used, without choosing one' },
  { name: 'cease-remedy-will-be-used', tone: 'final', channels: ['letter', 'email'], purpose: 'after a cease request: the specific step the organisation intends to take' },
  // Payment plans (docs/arrangements.md): on the channels of the playbook's instalment reminder step.
  { name: 'instalment-reminder', tone: 'friendly', channels: ['email', 'letter', 'sms'], purpose: 'a reminder a few days before an instalment of a payment plan is due: its amount and date, what is left on the plan, how to pay', planMessage: true },
  { name: 'instalment-receipt', tone: 'friendly', channels: ['email', 'letter', 'sms'], purpose: 'a receipt when an instalment of a payment plan is paid: the instalment, what is left, the next date', planMessage: true },
  { name: 'instalment-missed', tone: 'friendly', channels: ['email', 'letter', 'sms'], purpose: 'one reminder when an instalment of a payment plan was missed: what to pay to keep the plan, and by when', planMessage: true },
  { name: 'letter-before-claim', tone: 'legal', channels: ['letter'], purpose: 'a letter before a court claim (legal steps must be enabled)' },
];

export function findTemplate(name: string): TemplateEntry | undefined {
  return templateCatalog.find((entry) => entry.name === name);
}
