// Limitation periods: after one runs out, a debt is time-barred — Arrears takes no legal step and
// makes no legal threat for it. Counted from the due date of the debt (when the claim arose), a
// simplification: payments or written acknowledgements can restart the period in most places.
import type { IsoDate } from '../calendar.ts';

export interface LimitationPeriod {
  country: string;
  /** Region code (see jurisdiction.ts), or null for the whole country. */
  region: string | null;
  /** Consumer credit debts only, where the law has a shorter period for them. */
  consumerOnly: boolean;
  years: number;
  citation: string;
}

/** Most specific first: the first that matches a debtor applies. */
export const limitationPeriods: readonly LimitationPeriod[] = [
  { country: 'US', region: 'NY', consumerOnly: true, years: 3, citation: 'N.Y. CPLR § 214-i (Consumer Credit Fairness Act)' },
  { country: 'US', region: 'NY', consumerOnly: false, years: 6, citation: 'N.Y. CPLR § 213(2)' },
  { country: 'US', region: 'CA', consumerOnly: false, years: 4, citation: 'Cal. Code Civ. Proc. § 337 (written contracts)' },
  { country: 'US', region: 'TX', consumerOnly: false, years: 4, citation: 'Tex. Civ. Prac. & Rem. Code § 16.004' },
  { country: 'GB', region: 'SCT', consumerOnly: false, years: 5, citation: 'Prescription and Limitation (Scotland) Act 1973, s. 6' },
  { country: 'GB', region: null, consumerOnly: false, years: 6, citation: 'Limitation Act 1980, s. 5 (England and Wales; Northern Ireland: Limitation (NI) Order 1989)' },
];

export function limitationPeriodFor(debtor: { kind: 'business' | 'consumer'; country: string | null; region: string | null }): LimitationPeriod | null {
  return (
    limitationPeriods.find(
      (period) =>
        period.country === debtor.country &&
        (period.region === null || period.region === debtor.region) &&
        (!period.consumerOnly || debtor.kind === 'consumer'),
    ) ?? null
  );
}

/** The first day the debt is time-barred: `years` after the due date. */
export function timeBarredFrom(dueDate: IsoDate, years: number): IsoDate {
  const year = Number(dueDate.slice(0, 4)) + years;
  const rest = dueDate.slice(4);
  // 29 February plus whole years lands on 1 March in a common year
  return rest === '-02-29' && !isLeapYear(year) ? `${year}-03-01` : `${String(year).padStart(4, '0')}${rest}`;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
