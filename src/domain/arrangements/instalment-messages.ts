// Which messages a payment plan's instalments call for on a day, pure (docs/arrangements.md):
//
//   an unpaid instalment of an active plan, from `daysBefore` days before its date until the day
//   before it                                       → a reminder of it
//   an instalment paid in full within the last week → a receipt for it
//   the instalment whose miss broke the plan, while the plan is broken and it is still unpaid
//                                                   → one reminder of the missed instalment
//
// Each has a key of its own (plan, instalment, message), so planning a day again, or the days
// after, proposes the same keys and the action is created exactly once. A cycle that did not run
// for a few days still sends what is still true: a reminder until the instalment's date, a
// receipt for a week after the payment, the missed reminder while the plan stays broken.
import { addDays, type IsoDate } from '../calendar.ts';
import type { PlanMessage } from '../messages/message-model.ts';
import type { PlanStatus } from './plan-standing.ts';

export const instalmentMessageKinds = ['reminder', 'receipt', 'missed'] as const;
export type InstalmentMessageKind = (typeof instalmentMessageKinds)[number];

/** A receipt is sent at most this many days after the instalment was paid (a late cycle still sends it; an old payment is not news). */
export const receiptWindowDays = 7;

export interface PlanInstalments {
  planId: bigint;
  status: PlanStatus;
  /** The instalment whose miss broke the plan, when broken. */
  missedSeq: number | null;
  /** seq 0 is the down payment; instalments count from 1. */
  instalments: ReadonlyArray<{ seq: number; dueOn: IsoDate; amount: bigint; paid: bigint; paidOn: IsoDate | null }>;
}

export interface InstalmentMessage {
  kind: InstalmentMessageKind;
  planId: bigint;
  seq: number;
  key: string;
}

export const instalmentMessageKey = (planId: bigint, seq: number, kind: InstalmentMessageKind) => `plan:${planId}:instalment:${seq}:${kind}`;

export function instalmentMessagesDue(plan: PlanInstalments, reminderDaysBefore: number, date: IsoDate): InstalmentMessage[] {
  const message = (kind: InstalmentMessageKind, seq: number): InstalmentMessage => ({ kind, planId: plan.planId, seq, key: instalmentMessageKey(plan.planId, seq, kind) });
  const messages: InstalmentMessage[] = [];
  for (const instalment of [...plan.instalments].sort((a, b) => a.seq - b.seq)) {
    const unpaid = instalment.paid < instalment.amount;
    // the down payment falls due the day the plan is proposed: there is no "before" to remind in
    if (plan.status === 'active' && unpaid && instalment.seq > 0 && date >= addDays(instalment.dueOn, -reminderDaysBefore) && date < instalment.dueOn) {
      messages.push(message('reminder', instalment.seq));
    }
    if (plan.status !== 'cancelled' && instalment.paidOn !== null && instalment.paidOn <= date && date <= addDays(instalment.paidOn, receiptWindowDays)) {
      messages.push(message('receipt', instalment.seq));
    }
    if (plan.status === 'broken' && plan.missedSeq === instalment.seq && unpaid) messages.push(message('missed', instalment.seq));
  }
  return messages;
}

/**
 * Whether a planned instalment message is still true when it leaves (the dispatcher's last look):
 * a reminder while the plan is active and the instalment unpaid, the missed reminder while the
 * plan is broken on it and it is unpaid, a receipt once the instalment is paid.
 */
export function instalmentMessageStillDue(kind: InstalmentMessageKind, plan: Pick<PlanInstalments, 'status' | 'missedSeq'>, instalment: { seq: number; amount: bigint; paid: bigint }): { due: true } | { due: false; reason: string } {
  const unpaid = instalment.paid < instalment.amount;
  if (kind === 'reminder' && !(plan.status === 'active' && unpaid)) {
    return { due: false, reason: unpaid ? `The payment plan is ${plan.status} now: a reminder of its next instalment would no longer be true.` : 'The instalment was paid since this reminder was planned.' };
  }
  if (kind === 'missed' && !(plan.status === 'broken' && plan.missedSeq === instalment.seq && unpaid)) {
    return { due: false, reason: unpaid ? `The payment plan is ${plan.status} now, no longer broken on this instalment.` : 'The missed instalment was paid since this reminder was planned.' };
  }
  if (kind === 'receipt' && unpaid) return { due: false, reason: 'The payment behind this receipt no longer covers the instalment (reversed or reallocated).' };
  return { due: true };
}

/** A plan as its messages read it when they are sent. */
export interface PlanNow extends Pick<PlanInstalments, 'status' | 'missedSeq'> {
  id: bigint;
  currency: string;
  total: bigint;
  instalments: ReadonlyArray<{ seq: number; dueOn: IsoDate; amount: bigint; paid: bigint }>;
}

/** What a message about instalment `seq` of the plan says: that instalment, what is left on the plan, and the next one to pay. */
export function planMessageOf(plan: PlanNow, seq: number): PlanMessage | null {
  const instalment = plan.instalments.find((i) => i.seq === seq);
  if (!instalment) return null;
  const ordered = [...plan.instalments].sort((a, b) => a.seq - b.seq);
  const next = ordered.find((i) => i.seq > seq && i.paid < i.amount);
  return {
    id: String(plan.id),
    currency: plan.currency,
    total: plan.total,
    remaining: ordered.reduce((sum, i) => sum + (i.amount > i.paid ? i.amount - i.paid : 0n), 0n),
    instalmentCount: ordered.filter((i) => i.seq > 0).length,
    instalment: { seq, dueOn: instalment.dueOn, amount: instalment.amount, paid: instalment.paid },
    next: next ? { seq: next.seq, dueOn: next.dueOn, amount: next.amount } : null,
  };
}
