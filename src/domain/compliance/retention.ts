// How long a customer's records must be kept, as data with its source: the retention rules the
// erasure of a customer's personal data has to respect, and the date until which they hold.
// Pure: the last activity date and today come in as arguments.
import { addDays, isIsoDate, type IsoDate } from '../calendar.ts';

export interface RetentionRule {
  /** Stable id, shown beside every item an erasure keeps. */
  id: string;
  /** Whole years after the customer's last activity; null: Arrears sets no end (the business's own accounting retention decides). */
  years: number | null;
  citation: string;
  /** Plain-language reason, as a person reads it in an erasure report. */
  reason: string;
}

/**
 * The collection record (timeline, cases, actions): at least three years after the last
 * activity. Regulation F requires it of debt collectors in the US; Arrears applies it everywhere
 * as a default, since it is also the evidence that collection stayed within the rules.
 */
export const collectionRecordRetention: RetentionRule = {
  id: 'collection-records-3-years',
  years: 3,
  citation:
    '12 CFR § 1006.100(a) (US Regulation F, record retention): records that are evidence of compliance or noncompliance kept until three years after the last collection activity on the debt; GDPR Art. 17(3)(e) (establishment, exercise or defence of legal claims)',
  reason: 'the record of what was done to collect (timeline, cases, actions) is the evidence that collection stayed within the rules, and must be kept for three years after the last activity',
};

/** The ledger: invoices, payments, credit notes, allocations, charges. */
export const ledgerRetention: RetentionRule = {
  id: 'accounting-records',
  years: null,
  citation:
    'GDPR Art. 17(3)(b) (a legal obligation to keep) and (e) (legal claims); accounting records laws, e.g. UK Companies Act 2006 ss. 386–388 (3 years for a private company, 6 for a public one) and tax record rules (often 6 years or more)',
  reason: 'accounting records must be kept under company and tax law, and the amounts owed are needed to pursue or defend a claim; they are not erased by Arrears, which does not know your accounting retention period',
};

/** The record that an erasure was done: it holds none of the erased data. */
export const erasureRecordRetention: RetentionRule = {
  id: 'erasure-record',
  years: null,
  citation: 'GDPR Art. 5(2) (accountability: being able to show the request was handled) and Art. 19 (telling others the data was erased)',
  reason: 'the timeline entry saying when, why and by whom the personal data was erased holds none of the erased data, and shows the request was carried out',
};

export const retentionRules: readonly RetentionRule[] = [collectionRecordRetention, ledgerRetention, erasureRecordRetention];

export interface RetentionStatus {
  /** The last day the records must still be kept; null when there is no activity, or the rule sets no end. */
  keepUntil: IsoDate | null;
  /** The first day they may be erased (the day after keepUntil); null as keepUntil. */
  mayEraseFrom: IsoDate | null;
  /** True when the retention has run out on `today` (or there is no activity to retain); never for a rule with no end. */
  expired: boolean;
}

/** `date` plus whole years; 29 February in a year without one becomes 1 March, so "at least" holds. */
export function addYears(date: IsoDate, years: number): IsoDate {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(5);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (monthDay === '02-29' && !leap) return `${String(year).padStart(4, '0')}-03-01`;
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** Until when a rule keeps the records of a customer whose last activity was on `lastActivity`. */
export function retentionStatus(lastActivity: IsoDate | null, today: IsoDate, rule: RetentionRule = collectionRecordRetention): RetentionStatus {
  if (!isIsoDate(today)) throw new RangeError(`today must be a date written YYYY-MM-DD (got "${today}")`);
  if (lastActivity !== null && !isIsoDate(lastActivity)) throw new RangeError(`the last activity must be a date written YYYY-MM-DD (got "${lastActivity}")`);
  if (rule.years === null) return { keepUntil: null, mayEraseFrom: null, expired: false };
  if (lastActivity === null) return { keepUntil: null, mayEraseFrom: null, expired: true };
  const keepUntil = addYears(lastActivity, rule.years);
  return { keepUntil, mayEraseFrom: addDays(keepUntil, 1), expired: today > keepUntil };
}
