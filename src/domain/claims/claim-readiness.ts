// Whether a small claim may be prepared, and if not why: every reason at once, so the owner sees
// all that stands in the way. The limitation periods are the compliance rules' own
// (compliance/limitation.ts); the court's limit is the dated table's (small-claims-courts.ts).
// For an individual in England and Wales the Pre-Action Protocol for Debt Claims gives the debtor
// 30 days to answer the Letter of Claim, counted from the day it is served: posted first class,
// the second business day after posting (CPR 6.26).
import { addDays, type IsoDate } from '../calendar.ts';
import { limitationPeriodFor, timeBarredFrom } from '../compliance/limitation.ts';
import { isPublicHoliday, isWeekend } from '../compliance/public-holidays.ts';
import { formatMoney } from '../money.ts';
import type { SmallClaimsCourt } from './small-claims-courts.ts';

export const letterOfClaimResponseDays = 30;

export interface ClaimDebtor {
  kind: 'business' | 'consumer';
  country: string | null;
  region: string | null;
}

export interface ClaimInvoice {
  number: string;
  dueDate: IsoDate;
  /** The invoice's open dispute, if it has one: the debt is contested and not yet answered. */
  openDispute?: { reasonCode: string; openedOn: IsoDate } | null;
}

export interface ClaimReadinessInput {
  debtor: ClaimDebtor;
  court: SmallClaimsCourt | null;
  invoices: readonly ClaimInvoice[];
  /** The whole claim (principal, interest and charges, compensation) in `currency`; the court fee is not part of it. */
  amount: bigint;
  currency: string;
  /** When the letter before action was posted, if one was. */
  letterPostedOn: IsoDate | null;
  today: IsoDate;
}

/** The day a letter posted first class on `postedOn` is served: the second business day after (CPR 6.26). */
export function deemedServed(postedOn: IsoDate, country: string, region: string | null): IsoDate {
  let day = postedOn;
  for (let business = 0; business < 2; ) {
    day = addDays(day, 1);
    if (!isWeekend(day) && !isPublicHoliday(day, country, region)) business += 1;
  }
  return day;
}

/** Whether the Pre-Action Protocol for Debt Claims applies: the debtor is an individual in England and Wales. */
export function needsLetterOfClaimWait(debtor: ClaimDebtor, court: SmallClaimsCourt | null): boolean {
  return court?.code === 'GB-EAW' && debtor.kind === 'consumer';
}

/** The reasons the claim may not be prepared; empty when it may. */
export function claimRefusals(input: ClaimReadinessInput): string[] {
  const { debtor, court, today } = input;
  const reasons: string[] = [];
  if (court === null) {
    reasons.push(`there is no small-claims court for the debtor's ${debtor.region ? `region ${debtor.region} of ` : ''}${debtor.country ?? 'unrecorded country'} in Arrears' table (it has England and Wales, and California); record the debtor's country and region, or file elsewhere yourself`);
    return reasons;
  }
  if (input.invoices.length === 0) reasons.push('nothing is overdue: there is no claim to make');
  const period = limitationPeriodFor({ kind: debtor.kind, country: debtor.country, region: debtor.region ?? (court.coversUnknownRegion ? court.regions[0]! : null) });
  if (period) {
    const barred = input.invoices.filter((invoice) => timeBarredFrom(invoice.dueDate, period.years) <= today);
    if (barred.length > 0) {
      reasons.push(`the limitation period (${period.years} years, ${period.citation}) has run for ${barred.map((i) => `${i.number} (due ${i.dueDate}, time-barred from ${timeBarredFrom(i.dueDate, period.years)})`).join(', ')}: no claim may be made for ${barred.length === 1 ? 'it' : 'them'}`);
    }
  }
  const disputed = input.invoices.filter((invoice) => invoice.openDispute);
  if (disputed.length > 0) {
    // a court expects a contested debt to have been answered before a claim (the Pre-Action
    // Protocol's "exchange of information"; the same good practice for a business): the owner
    // resolves the dispute (rejected, or upheld in part) and the pack then claims what stands
    reasons.push(`${disputed.map((i) => `${i.number} has an open dispute (${i.openDispute!.reasonCode}, opened ${i.openDispute!.openedOn})`).join(', ')}: answer and resolve ${disputed.length === 1 ? 'it' : 'them'} before claiming`);
  }
  if (input.currency !== court.currency) reasons.push(`the claim is in ${input.currency}, but the ${court.name} hears claims in ${court.currency}`);
  else if (input.amount > court.limit) {
    reasons.push(`the claim of ${formatMoney(input.amount, input.currency)} is above the small-claims limit of ${formatMoney(court.limit, court.currency)} (${court.limitNote}; as of ${court.asOf}, ${court.source})`);
  }
  if (needsLetterOfClaimWait(debtor, court)) {
    if (input.letterPostedOn === null) {
      reasons.push(`no Letter of Claim has been sent: for an individual, the Pre-Action Protocol for Debt Claims requires one and ${letterOfClaimResponseDays} days for a reply before a claim (send the "letter-before-claim" letter)`);
    } else {
      const served = deemedServed(input.letterPostedOn, debtor.country ?? 'GB', debtor.region);
      const from = addDays(served, letterOfClaimResponseDays + 1);
      if (today < from) reasons.push(`the Letter of Claim posted ${input.letterPostedOn} was served ${served}; its ${letterOfClaimResponseDays} days for a reply run until ${addDays(served, letterOfClaimResponseDays)}: a claim may be prepared from ${from}`);
    }
  }
  return reasons;
}
