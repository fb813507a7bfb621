// Settlements: an offer to settle chosen invoices for less than their balance, by an expiry date.
// The statuses, and what decides whether an owner must approve one before it is offered.
import { formatMoney } from '../money.ts';

export const settlementStatuses = ['awaiting_approval', 'offered', 'declined', 'paid', 'lapsed', 'cancelled'] as const;
export type SettlementStatus = (typeof settlementStatuses)[number];

/** While a settlement waits for approval or is on offer, its invoices are not chased by the playbook. */
export const openSettlementStatuses = ['awaiting_approval', 'offered'] as const satisfies readonly SettlementStatus[];

/** What is wrong with a settlement percentage, or null: more than 0, less than 100, at most 2 decimals. */
export function percentProblem(percent: number): string | null {
  const basisPoints = Math.round(percent * 100);
  if (!(percent > 0 && percent < 100) || Math.abs(percent * 100 - basisPoints) > 1e-6) return `the percentage must be more than 0 and less than 100, with at most 2 decimals (got ${percent})`;
  return null;
}

/** `percent` % of `owed`, in minor units, rounded up: a settlement never asks for less than the percentage said. */
export function percentOf(owed: bigint, percent: number): bigint {
  const problem = percentProblem(percent);
  if (problem) throw new RangeError(problem);
  return (owed * BigInt(Math.round(percent * 100)) + 9999n) / 10000n;
}

export interface SettlementApprovalPolicy {
  /** Below this percentage of the balance, an owner approves. */
  approvalPercent: number;
  /** Writing off more than this (minor units of the settlement's currency), an owner approves; null for no such limit. */
  approvalAmount: bigint | null;
}

/** Why the settlement needs an owner's approval (one sentence each); none when it may be offered at once. */
export function settlementApprovalReasons(owed: bigint, amount: bigint, currency: string, policy: SettlementApprovalPolicy): string[] {
  const reasons: string[] = [];
  // amount/owed < percent/100, in integers
  if (amount * 100n < owed * BigInt(policy.approvalPercent)) {
    reasons.push(`${formatMoney(amount, currency)} is less than ${policy.approvalPercent}% of the ${formatMoney(owed, currency)} owed`);
  }
  const remainder = owed - amount;
  if (policy.approvalAmount !== null && remainder > policy.approvalAmount) {
    reasons.push(`it writes off ${formatMoney(remainder, currency)}, more than ${formatMoney(policy.approvalAmount, currency)}`);
  }
  return reasons;
}
