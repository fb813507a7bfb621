// The payment deadline a message gives: never a playbook's next step date (a final notice printed
// on 6 December once said "pay by 7 December"), but a date the debtor can really meet — at least a
// week after the message reaches them, longer for a formal demand or a letter before a claim.
// Rules are data, each with its source, so a change in practice or law is a change of a row.
import { addDays, daysBetween, type IsoDate } from '../calendar.ts';
import { isPublicHoliday, isWeekend } from '../compliance/public-holidays.ts';
import type { Channel } from '../playbooks/playbook.ts';
import type { PaymentDeadline } from './message-model.ts';

export interface DeadlineRule {
  id: string;
  /** Days the debtor has, counted from the day the message reaches them. */
  days: number;
  source: string;
}

export interface PostingRule {
  /** ISO country of the debtor's address; null for every other country. */
  country: string | null;
  days: number;
  /** Counted in business days (weekends and public holidays of the country skipped), else calendar days. */
  businessDays: boolean;
  source: string;
}

/** The least any message may give. */
export const minimumDeadline: DeadlineRule = {
  id: 'minimum-7-days',
  days: 7,
  source: 'Arrears policy: a debtor always gets at least a week to pay or to answer, counted from when the message reaches them',
};

export const formalDemandDeadline: DeadlineRule = {
  id: 'formal-demand-14-days',
  days: 14,
  source: 'Practice Direction – Pre-Action Conduct and Protocols, para 6(b) (England and Wales): a defendant normally has 14 days to respond to a letter before claim; Arrears gives a formal demand no less anywhere',
};

export const letterOfClaimConsumerDeadline: DeadlineRule = {
  id: 'letter-of-claim-30-days',
  days: 30,
  source: 'Pre-Action Protocol for Debt Claims, paras 3.1 and 4.1 (England and Wales): an individual has 30 days from the Letter of Claim to reply',
};

/** How long a letter takes to be treated as received, by the debtor's country. */
export const postingDays: readonly PostingRule[] = [
  { country: 'GB', days: 2, businessDays: true, source: 'CPR 6.26: a document sent by first class post is deemed served on the second business day after posting' },
  {
    country: 'US',
    days: 5,
    businessDays: true,
    source: '12 CFR 1006.34(b)(5) (Regulation F): receipt may be assumed five days after mailing, excluding public holidays, Saturdays and Sundays (FRCP 6(d) adds 3 days for service by mail)',
  },
  { country: null, days: 7, businessDays: true, source: 'Arrears default where no rule is recorded: seven business days, a conservative allowance for post within a country or abroad' },
];

/** Templates that ask for nothing by a date: a note before the due date, a friendly reminder, a notice of rights. */
const withoutDeadline: ReadonlySet<string> = new Set([
  'satisfaction-verification',
  'pre-due-note',
  'reminder-missed',
  'follow-up',
  'call-friendly',
  'call-personal',
  'validation-notice',
  'cease-efforts-end',
  'cease-remedies-may-be-used',
]);

export interface DeadlineRequest {
  /** The day the message is sent (the organisation's business date). */
  sentOn: IsoDate;
  channel: Channel;
  template: string;
  debtor: { country: string | null; kind: 'business' | 'consumer' };
}

/** The template's rule for the debtor, or null when the template gives no deadline. */
export function deadlineRule(template: string, debtor: DeadlineRequest['debtor']): DeadlineRule | null {
  if (withoutDeadline.has(template)) return null;
  if (template === 'letter-before-claim') return debtor.kind === 'consumer' && debtor.country === 'GB' ? letterOfClaimConsumerDeadline : formalDemandDeadline;
  if (template === 'demand-letter') return formalDemandDeadline;
  return minimumDeadline;
}

/** The day a message is treated as reaching the debtor: the day it is sent, or for a letter after its posting days. */
export function arrivalDate(sentOn: IsoDate, channel: Channel, country: string | null): IsoDate {
  if (channel !== 'letter') return sentOn;
  const rule = postingRuleFor(country);
  if (!rule.businessDays) return addDays(sentOn, rule.days);
  let day = sentOn;
  for (let counted = 0; counted < rule.days; ) {
    day = addDays(day, 1);
    if (isBusinessDay(day, country)) counted += 1;
  }
  return day;
}

export function postingRuleFor(country: string | null): PostingRule {
  return postingDays.find((rule) => rule.country === country) ?? postingDays.find((rule) => rule.country === null)!;
}

/**
 * The deadline a message gives: its rule's days counted from the day it reaches the debtor, moved
 * off a weekend or public holiday (a bank pays nobody on Christmas Day). Null when the template
 * asks for nothing by a date.
 */
export function paymentDeadline(request: DeadlineRequest): PaymentDeadline | null {
  const rule = deadlineRule(request.template, request.debtor);
  if (!rule) return null;
  const { country } = request.debtor;
  let on = addDays(arrivalDate(request.sentOn, request.channel, country), rule.days);
  while (!isBusinessDay(on, country)) on = addDays(on, 1);
  return { on, days: daysBetween(request.sentOn, on), rule: rule.id };
}

function isBusinessDay(day: IsoDate, country: string | null): boolean {
  return !isWeekend(day) && !(country && isPublicHoliday(day, country, null));
}
