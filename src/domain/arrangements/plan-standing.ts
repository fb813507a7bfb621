// Where a payment plan stands on a day, from its instalments as matched to the payments
// (match-instalments.ts). The daily cycle applies the same rule in SQL to every plan at once
// (src/app/arrangements/evaluate-plans.ts); change both together.
//
//   every instalment paid                                    → completed
//   an instalment unpaid after its date + grace days         → broken (one reminder of it)
//   that instalment still unpaid after a second grace period → defaulted (the case resumes, firmer)
//   a broken plan whose missed instalments are all paid      → active again
import { addDays, compareDates, type IsoDate } from '../calendar.ts';
import type { MatchedInstalment } from './match-instalments.ts';

export const planStatuses = ['proposed', 'active', 'completed', 'broken', 'defaulted', 'cancelled'] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** The statuses in which the plan is running: its invoices are not chased by the playbook. */
export const runningPlanStatuses = ['active', 'broken'] as const satisfies readonly PlanStatus[];

/** Days after an instalment's date before it is missed, and again before the plan defaults. */
export const defaultPlanGraceDays = 5;

export type PlanStanding =
  | { status: 'active' }
  | { status: 'completed'; on: IsoDate }
  | { status: 'broken'; seq: number; on: IsoDate }
  | { status: 'defaulted'; seq: number; on: IsoDate };

/** The day an unpaid instalment counts as missed (the plan breaks), and the day the plan defaults. */
export function missedOn(dueOn: IsoDate, graceDays: number): IsoDate {
  return addDays(dueOn, graceDays + 1);
}
export function defaultsOn(dueOn: IsoDate, graceDays: number): IsoDate {
  return addDays(dueOn, 2 * graceDays + 1);
}

/** The standing of a running plan on `date` (the dates are those the rule gives, so a late run decides as daily runs would have). */
export function planStanding(instalments: readonly MatchedInstalment[], graceDays: number, date: IsoDate): PlanStanding {
  const unpaid = [...instalments].sort((a, b) => a.seq - b.seq).filter((instalment) => instalment.paid < instalment.amount);
  const first = unpaid[0];
  if (!first) {
    const on = instalments.map((instalment) => instalment.paidOn!).sort().at(-1)!;
    return { status: 'completed', on };
  }
  if (compareDates(date, defaultsOn(first.dueOn, graceDays)) >= 0) return { status: 'defaulted', seq: first.seq, on: defaultsOn(first.dueOn, graceDays) };
  if (compareDates(date, missedOn(first.dueOn, graceDays)) >= 0) return { status: 'broken', seq: first.seq, on: missedOn(first.dueOn, graceDays) };
  return { status: 'active' };
}

export type InstalmentStatus = 'paid' | 'part_paid' | 'unpaid';

export function instalmentStatus(instalment: { amount: bigint; paid: bigint }): InstalmentStatus {
  return instalment.paid >= instalment.amount ? 'paid' : instalment.paid > 0n ? 'part_paid' : 'unpaid';
}
