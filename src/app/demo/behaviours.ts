// How each kind of payer pays an invoice: the payments (day relative to today, amount) that a
// customer of that behaviour makes. The generator keeps those on or before today; the rest have
// not happened yet, which is what leaves invoices open, part-paid and spread over the aging buckets.
import type { Prng } from './prng.ts';

export type PaymentBehaviour = 'prompt' | 'late' | 'chronic_late' | 'partial' | 'non_payer';

export const paymentBehaviours: readonly PaymentBehaviour[] = ['prompt', 'late', 'chronic_late', 'partial', 'non_payer'];

export interface PlannedPayment {
  /** Days from today (negative = in the past). */
  day: number;
  amount: bigint;
}

/** `percent` of `amount`, rounded down to a whole minor unit, at least 1. */
function share(amount: bigint, percent: number): bigint {
  const part = (amount * BigInt(percent)) / 100n;
  return part > 0n ? part : 1n;
}

/**
 * The payments a customer of `behaviour` makes on an invoice issued on `issueDay` and due on
 * `dueDay`, in date order, never before the issue date, adding up to at most `total`.
 */
export function plannedPayments(rng: Prng, behaviour: PaymentBehaviour, issueDay: number, dueDay: number, total: bigint): PlannedPayment[] {
  const at = (day: number) => Math.max(day, issueDay);
  switch (behaviour) {
    case 'prompt':
      // pays around the due date; now and then a week or two late
      return [{ day: at(rng.chance(6) ? dueDay + rng.int(3, 15) : dueDay + rng.int(-10, 2)), amount: total }];
    case 'late':
      return [{ day: at(dueDay + rng.int(10, 40)), amount: total }];
    case 'chronic_late':
      return [{ day: at(dueDay + rng.int(60, 120)), amount: total }];
    case 'partial': {
      const first = share(total, rng.int(20, 70));
      if (first >= total) return [{ day: at(dueDay + rng.int(0, 30)), amount: total }];
      const payments = [{ day: at(dueDay + rng.int(0, 30)), amount: first }];
      const rest = total - first;
      if (rng.chance(55)) payments.push({ day: at(dueDay + rng.int(40, 120)), amount: rest });
      else if (rng.chance(40) && rest > 1n) payments.push({ day: at(dueDay + rng.int(40, 100)), amount: share(rest, 50) });
      return payments;
    }
    case 'non_payer':
      // mostly never; sometimes, long after, once chased hard enough
      return rng.chance(12) ? [{ day: at(dueDay + rng.int(100, 220)), amount: total }] : [];
  }
}
