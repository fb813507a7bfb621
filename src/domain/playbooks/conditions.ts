// Whether a customer meets a step's or a rule's conditions. All conditions given must hold.
import { monthsBetween, type IsoDate } from '../calendar.ts';
import { parseAmount } from '../money.ts';
import type { Conditions } from './playbook.ts';

export interface CustomerProfile {
  kind: 'business' | 'consumer';
  tags: readonly string[];
  risk: 'low' | 'normal' | 'high';
  customerSince: IsoDate | null;
}

/** Whole months from customer_since to today. */
export function monthsAsCustomer(customerSince: IsoDate, today: IsoDate): number {
  return monthsBetween(customerSince, today);
}

export function meetsConditions(
  customer: CustomerProfile,
  conditions: Conditions | undefined,
  context: { today: IsoDate; overdue: ReadonlyMap<string, bigint> },
): boolean {
  if (!conditions) return true;
  const { kinds, tagsAny, tagsNone, minBalance, customerForMonthsAtLeast, customerForMonthsLessThan, risks } = conditions;
  if (kinds && !kinds.includes(customer.kind)) return false;
  if (tagsAny && !tagsAny.some((tag) => customer.tags.includes(tag))) return false;
  if (tagsNone && tagsNone.some((tag) => customer.tags.includes(tag))) return false;
  if (risks && !risks.includes(customer.risk)) return false;
  if (customerForMonthsAtLeast !== undefined) {
    if (!customer.customerSince || monthsAsCustomer(customer.customerSince, context.today) < customerForMonthsAtLeast) return false;
  }
  if (customerForMonthsLessThan !== undefined) {
    if (!customer.customerSince || monthsAsCustomer(customer.customerSince, context.today) >= customerForMonthsLessThan) return false;
  }
  if (minBalance) {
    // Met when some currency owed reaches its minimum; a currency without a minimum always does.
    const met = [...context.overdue].some(([currency, amount]) => {
      const minimum = minBalance[currency];
      if (minimum === undefined) return amount > 0n;
      const parsed = parseAmount(minimum, currency);
      return parsed.ok && amount >= parsed.value;
    });
    if (!met) return false;
  }
  return true;
}
