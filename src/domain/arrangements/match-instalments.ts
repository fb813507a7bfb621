// Which instalments a plan's payments have paid: in date order, each payment fills the earliest
// instalment not yet paid and what is over rolls forward onto the next, so paying two at once, or
// a little more each time, counts as it should. The daily cycle does the same in SQL for every
// plan at once (src/db/queries/payment-plans.ts, instalmentsPaidSql); change both together.
import { compareDates, type IsoDate } from '../calendar.ts';

export interface DueInstalment {
  seq: number;
  dueOn: IsoDate;
  amount: bigint;
}

export interface PlanPayment {
  on: IsoDate;
  /** May be negative: a correction takes back what a payment paid. */
  amount: bigint;
}

export interface MatchedInstalment extends DueInstalment {
  paid: bigint;
  /** The day the payments first covered it in full; null while they have not. */
  paidOn: IsoDate | null;
}

export function matchInstalments(instalments: readonly DueInstalment[], payments: readonly PlanPayment[]): MatchedInstalment[] {
  const ordered = [...payments].sort((a, b) => compareDates(a.on, b.on));
  const total = ordered.reduce((sum, payment) => sum + payment.amount, 0n);
  let upTo = 0n;
  return [...instalments]
    .sort((a, b) => a.seq - b.seq)
    .map((instalment) => {
      const before = upTo;
      upTo += instalment.amount;
      const paid = clamp(total - before, 0n, instalment.amount);
      return { ...instalment, paid, paidOn: paid === instalment.amount ? dayRunningTotalReached(ordered, upTo) : null };
    });
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  return value < low ? low : value > high ? high : value;
}

/** The first day the running total of the payments reached `amount`. */
function dayRunningTotalReached(payments: readonly PlanPayment[], amount: bigint): IsoDate | null {
  let running = 0n;
  for (const payment of payments) {
    running += payment.amount;
    if (running >= amount) return payment.on;
  }
  return null;
}
