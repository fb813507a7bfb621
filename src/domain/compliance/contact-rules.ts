// The contact rules that apply to one debtor, chosen from its kind, jurisdiction and flags and
// the organisation's role and options (DESIGN §6). Each rule has an id, a citation and a sentence
// a person can read; the numbers (hours, caps, periods) are data in this folder. They judge a
// ContactAttempt (contact-attempt.ts); judge-attempt.ts applies them. See docs/compliance.md — not legal advice.
import { addDays, type IsoDate } from '../calendar.ts';
import type { Channel } from '../playbooks/playbook.ts';
import { isMessage, type Bookings, type ContactAttempt, type ContactRule } from './contact-attempt.ts';
import { localSpan, minutesOf, spanInEveryZone, subtract, timeZonesOfCountry } from './contact-hours.ts';
import { isNewYorkCity } from './jurisdiction.ts';
import { limitationPeriodFor, timeBarredFrom } from './limitation.ts';
import { isPublicHoliday, isWeekend } from './public-holidays.ts';

/** What the rules need to know about a debtor. */
export interface Debtor {
  kind: 'business' | 'consumer';
  country: string | null;
  /** Region code (jurisdiction.ts: 'CA', 'NY', 'SCT'), or null. */
  region: string | null;
  city: string | null;
  /** The zone to plan in: the debtor's own, or the organisation's when `timeZoneKnown` is false. */
  timeZone: string;
  timeZoneKnown: boolean;
  /** The debtor asked for all contact to stop (in writing) on this date. */
  ceaseRequestedOn: IsoDate | null;
  attorneyRepresented: boolean;
  bankruptcy: boolean;
  /** UK breathing space (Debt Respite Scheme): no contact up to and including this date. */
  breathingSpaceUntil: IsoDate | null;
  /** Times the debtor said are inconvenient, local 'HH:MM'–'HH:MM' every day. */
  inconvenientTimes: ReadonlyArray<{ from: string; to: string }>;
  /** The last telephone conversation with the debtor (a call that reached them). */
  lastConversationOn: IsoDate | null;
}

export interface OrgCompliance {
  /** 'agency' when collecting for others (third-party collection): more rules apply. */
  role: 'creditor' | 'agency';
  noWeekendContact: boolean;
  noHolidayContact: boolean;
}

export const oneMessagePerDay: ContactRule = {
  id: 'one-message-per-day',
  citation: 'Arrears policy (DESIGN §2.3): never harass',
  refuses: (attempt, day, bookings) =>
    isMessage(attempt) && (bookings.get(day)?.length ?? 0) >= 1
      ? `Another message to this customer is already planned for ${day}; at most one message (or call attempt) a day across all channels.`
      : null,
};

/** The rules for every debtor, whatever its kind and jurisdiction. */
export const alwaysOnRules: readonly ContactRule[] = [oneMessagePerDay];

/** Consumer contact hours, local time: 08:00 to 21:00. */
export const consumerContactHours = { from: '08:00', to: '21:00' } as const;

/**
 * After a cease request only these notices may still be sent: that collection efforts end, which
 * remedies may be used, that a specific remedy will be used (15 U.S.C. § 1692c(c)). Template names
 * the communications work provides; none is in the catalog yet, so nothing is sent after a cease.
 */
export const ceaseNoticeTemplates: ReadonlySet<string> = new Set(['cease-efforts-end', 'cease-remedies-may-be-used', 'cease-remedy-will-be-used']);

/** A frequency cap over a rolling window of days, counting some channels. */
export interface FrequencyCap {
  id: string;
  citation: string;
  channels: readonly Channel[];
  max: number;
  days: number;
  /** Whom it protects, in words, for the reason sentence. */
  scope: string;
}

export const frequencyCaps = {
  regulationF: { id: 'us-reg-f-call-frequency', citation: '12 CFR § 1006.14(b)(2)(i) (Regulation F)', channels: ['call'], max: 7, days: 7, scope: 'call attempts' },
  massachusetts: { id: 'us-ma-contact-frequency', citation: '940 CMR 7.04(1)(f)', channels: ['call', 'sms'], max: 2, days: 7, scope: 'calls and texts' },
  newYorkCity: { id: 'us-nyc-contact-frequency', citation: '6 RCNY § 5-77(b)(7)', channels: ['call', 'sms', 'email'], max: 3, days: 7, scope: 'calls, texts and emails' },
} as const satisfies Record<string, FrequencyCap>;

/** Days within Regulation F's 7-day period after a telephone conversation when no call is made. */
export const callsPauseAfterConversationDays = 7;

function blockingFlag(id: string, citation: string, reason: string): ContactRule {
  return { id, citation, permanent: true, refuses: (action) => (isMessage(action) ? reason : null) };
}

function capRule(cap: FrequencyCap): ContactRule {
  return {
    id: cap.id,
    citation: cap.citation,
    refuses: (action, day, bookings) => {
      if (!isMessage(action) || !cap.channels.includes(action.channel)) return null;
      // every window the day falls in: those ending on it and those ending up to days−1 later
      // (deferred messages may already be booked after it)
      for (let ahead = 0; ahead < cap.days; ahead++) {
        const end = addDays(day, ahead);
        const used = countInWindow(bookings, end, cap.days, cap.channels);
        if (used >= cap.max) return `At most ${cap.max} ${cap.scope} in ${cap.days} days to this debtor (${cap.citation}); ${used} already in the ${cap.days} days to ${end}.`;
      }
      return null;
    },
  };
}

/** Bookings on the `days` days ending with `day`, of the given channels. */
export function countInWindow(bookings: Bookings, day: IsoDate, days: number, channels: readonly Channel[]): number {
  let count = 0;
  for (let back = 0; back < days; back++) {
    for (const channel of bookings.get(addDays(day, -back)) ?? []) if (channels.includes(channel)) count += 1;
  }
  return count;
}

/** The rules the guard applies for this debtor, always-on ones first. */
export function contactRulesFor(debtor: Debtor, org: OrgCompliance): ContactRule[] {
  const rules: ContactRule[] = [...alwaysOnRules];
  if (debtor.ceaseRequestedOn !== null) {
    const since = debtor.ceaseRequestedOn;
    rules.push({
      id: 'cease-communication',
      citation: '15 U.S.C. § 1692c(c); Arrears policy for every debtor',
      permanent: true,
      refuses: (action) =>
        isMessage(action) && !ceaseNoticeTemplates.has(action.template)
          ? `The customer asked on ${since} for contact to stop: only a notice that efforts end or of a remedy may be sent (this is "${action.stepName}").`
          : null,
    });
  }
  if (debtor.attorneyRepresented) {
    rules.push(blockingFlag('attorney-represented', '15 U.S.C. § 1692c(a)(2); Arrears policy', 'The customer is represented by a lawyer for this debt: contact the lawyer, not the customer.'));
  }
  if (debtor.bankruptcy) {
    rules.push(blockingFlag('bankruptcy', '11 U.S.C. § 362 (automatic stay); Insolvency Act 1986', 'The customer is in bankruptcy or insolvency proceedings: collection contact is stayed.'));
  }
  if (debtor.breathingSpaceUntil !== null) {
    const until = debtor.breathingSpaceUntil;
    rules.push({
      id: 'uk-breathing-space',
      citation: 'Debt Respite Scheme (Breathing Space Moratorium and Mental Health Crisis Moratorium) (England and Wales) Regulations 2020, reg. 7',
      refuses: (action, day) => (isMessage(action) && day <= until ? `The customer is in a breathing space until ${until}: no contact to collect the debt before then.` : null),
    });
  }
  if (debtor.kind === 'consumer') rules.push(consumerHoursRule(debtor));
  if (debtor.inconvenientTimes.length > 0) rules.push(statedTimesRule(debtor));

  if (debtor.kind === 'consumer' && debtor.country === 'US') {
    // Regulation F binds debt collectors; California's Rosenthal Act extends it to creditors.
    const regulationF = org.role === 'agency' || debtor.region === 'CA';
    if (regulationF) {
      rules.push(capRule(frequencyCaps.regulationF));
      if (debtor.lastConversationOn !== null) rules.push(afterConversationRule(debtor.lastConversationOn));
    }
    if (debtor.region === 'MA') rules.push(capRule(frequencyCaps.massachusetts));
    if (org.role === 'agency' && isNewYorkCity(debtor.country, debtor.region, debtor.city)) rules.push(capRule(frequencyCaps.newYorkCity));
  }

  const limitation = limitationPeriodFor(debtor);
  if (limitation) {
    rules.push({
      id: 'limitation-period',
      citation: limitation.citation,
      permanent: true,
      refuses: (action, day) => {
        if (!isLegal(action)) return null;
        const oldest = action.oldestDueDate;
        if (!oldest) return null;
        const barredFrom = timeBarredFrom(oldest, limitation.years);
        return day >= barredFrom
          ? `The debt is time-barred since ${barredFrom} (${limitation.years}-year limitation period, ${limitation.citation}): no legal step and no legal threat.`
          : null;
      },
    });
  }

  if (org.noWeekendContact) {
    rules.push({ id: 'no-weekend-contact', citation: 'organisation setting', overridable: true, refuses: (action, day) => (isMessage(action) && isWeekend(day) ? `${day} is a weekend; this organisation does not contact debtors at weekends.` : null) });
  }
  if (org.noHolidayContact && debtor.country) {
    const { country, region } = debtor;
    rules.push({
      id: 'no-holiday-contact',
      citation: 'organisation setting',
      overridable: true,
      refuses: (action, day) => (isMessage(action) && isPublicHoliday(day, country, region) ? `${day} is a public holiday where the customer is; this organisation does not contact debtors on public holidays.` : null),
    });
  }
  return rules;
}

/** A legal step, or a message that names a legal next step. */
function isLegal(action: ContactAttempt): boolean {
  return action.tone === 'legal' || action.nextStep === 'small_claims' || action.nextStep === 'legal';
}

function consumerHoursRule(debtor: Debtor): ContactRule {
  const from = minutesOf(consumerContactHours.from);
  const to = minutesOf(consumerContactHours.to);
  const zones = debtor.timeZoneKnown || !debtor.country ? [debtor.timeZone] : timeZonesOfCountry(debtor.country);
  const everyZone = zones.length > 0 ? zones : [debtor.timeZone];
  return {
    id: 'consumer-contact-hours',
    citation: '15 U.S.C. § 1692c(a)(1); 12 CFR § 1006.6(b)(1)(i); Arrears policy for every consumer',
    allowedHours: (action, day) => {
      if (!isMessage(action)) return null;
      const span = spanInEveryZone(day, from, to, everyZone);
      return span ? [span] : [];
    },
  };
}

function statedTimesRule(debtor: Debtor): ContactRule {
  return {
    id: 'stated-inconvenient-times',
    citation: '15 U.S.C. § 1692c(a)(1) (a time the debtor said is inconvenient); Arrears policy',
    allowedHours: (action, day) => {
      if (!isMessage(action)) return null;
      const wholeDay = [localSpan(day, 0, 24 * 60, debtor.timeZone)];
      const gaps = debtor.inconvenientTimes.map(({ from, to }) => localSpan(day, minutesOf(from), minutesOf(to), debtor.timeZone));
      return subtract(wholeDay, gaps);
    },
  };
}

function afterConversationRule(lastConversationOn: IsoDate): ContactRule {
  return {
    id: 'us-reg-f-after-conversation',
    citation: '12 CFR § 1006.14(b)(2)(ii) (Regulation F)',
    refuses: (action, day) =>
      action.channel === 'call' && day < addDays(lastConversationOn, callsPauseAfterConversationDays)
        ? `A telephone conversation took place on ${lastConversationOn}: no call within ${callsPauseAfterConversationDays} days after it.`
        : null,
  };
}
