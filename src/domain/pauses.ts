// Pauses and simple arrangements: holds, disputes and promises to pay. The fixed vocabularies and
// the date rules live here, pure, so the use cases, the API contract, the CLI and the cycle agree.
import { addDays, compareDates, type IsoDate } from './calendar.ts';

/** Why a customer disputes an invoice; a fixed list so reports can count disputes by cause. */
export const disputeReasonCodes = ['not_received', 'incorrect_amount', 'quality', 'already_paid', 'not_ordered', 'other'] as const;
export type DisputeReasonCode = (typeof disputeReasonCodes)[number];

/** How a dispute ended. None of them changes the ledger: a credit note does that. */
export const disputeOutcomes = ['upheld', 'rejected', 'partially_upheld'] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

export const promiseStatuses = ['pending', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof promiseStatuses)[number];

/**
 * How far ahead a promise to pay may fall. Longer than this is a payment plan, not a promise: a
 * customer promising to pay in four months is not being chased at all meanwhile. (A setting later.)
 */
export const maxPromiseDays = 90;

export function isDisputeReasonCode(code: string): code is DisputeReasonCode {
  return (disputeReasonCodes as readonly string[]).includes(code);
}

export function isDisputeOutcome(outcome: string): outcome is DisputeOutcome {
  return (disputeOutcomes as readonly string[]).includes(outcome);
}

export interface HoldDates {
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  releasedOn: IsoDate | null;
}

/**
 * Whether a hold pauses collection on `date`. The end date is the last day of the pause (chasing
 * may resume the day after); a release takes effect on the day it is made, so the cycle of that
 * day already chases again.
 */
export function isHoldActive(hold: HoldDates, date: IsoDate): boolean {
  if (compareDates(hold.startsOn, date) > 0) return false;
  if (hold.releasedOn !== null && compareDates(hold.releasedOn, date) <= 0) return false;
  return hold.endsOn === null || compareDates(date, hold.endsOn) <= 0;
}

/** A problem with a hold's end date, as a sentence saying what to fix; null when it is fine. */
export function holdEndProblem(endsOn: IsoDate, today: IsoDate): string | null {
  if (compareDates(endsOn, today) < 0) {
    return `the hold cannot end on ${endsOn}, before today (${today}); give a date from ${today} on, or none to hold until released`;
  }
  return null;
}

/** A problem with a promised date, as a sentence saying what to fix; null when it is fine. */
export function promiseDateProblem(dueOn: IsoDate, today: IsoDate, maxDays: number = maxPromiseDays): string | null {
  if (compareDates(dueOn, today) < 0) {
    return `the promised date ${dueOn} is in the past; a promise is to pay today (${today}) or later`;
  }
  const latest = addDays(today, maxDays);
  if (compareDates(dueOn, latest) > 0) {
    return `the promised date ${dueOn} is more than ${maxDays} days ahead; promise a date by ${latest}, or agree a payment plan instead`;
  }
  return null;
}
