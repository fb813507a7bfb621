// What may be chased on an invoice: the one rule, written twice side by side — once as a pure
// function (the message model, the dispatcher's last look) and once as the SQL the cycle's
// snapshot computes for a whole portfolio in one pass (cycle-snapshot.ts). Change both together.
//
//   not open, or no balance left          → nothing
//   held (an invoice hold, or the customer's) → nothing
//   under an arrangement (a running payment plan, a settlement on offer) → nothing: the
//                                           arrangement has its own reminders and dates
//   an open dispute without an amount     → nothing (it covers the whole invoice)
//   open disputes with amounts            → the balance less their sum (never below nothing)
//   otherwise                             → the balance
//
// A partly disputed invoice is chased for its undisputed part: a £1,000 invoice with £100 under
// review is chased for £900, and the message says the £100 is under review.
import { sql, type RawBuilder } from 'kysely';
import { runningPlanStatuses } from '../../domain/arrangements/plan-standing.ts';
import { openSettlementStatuses } from '../../domain/arrangements/settlement-rules.ts';

export interface ChaseFacts {
  /** The invoice is open (not paid, void or written off). */
  open: boolean;
  balance: bigint;
  /**
   * The sum of the amounts of its open disputes: 0n when none is open, null when one of them has
   * no amount (the whole invoice is disputed). See `openDisputedSql`.
   */
  disputed: bigint | null;
  /** An invoice hold in force on the day. */
  invoiceHeld: boolean;
  /** A hold on the whole customer in force on the day. */
  customerHeld: boolean;
  /** Covered by a running payment plan or a settlement on offer (`arrangedInvoicesSql`). */
  arranged: boolean;
}

/** The amount that may be chased on the invoice (0n when nothing may be). */
export function chaseableAmount(facts: ChaseFacts): bigint {
  if (!facts.open || facts.balance <= 0n || facts.invoiceHeld || facts.customerHeld || facts.arranged || facts.disputed === null) return 0n;
  const rest = facts.balance - facts.disputed;
  return rest > 0n ? rest : 0n;
}

/** The part of the balance under review (disputed) and so left out of what is chased. */
export function disputedPart(facts: ChaseFacts): bigint {
  if (!facts.open || facts.balance <= 0n) return 0n;
  if (facts.disputed === null) return facts.balance;
  return facts.disputed < facts.balance ? facts.disputed : facts.balance;
}

/**
 * Per invoice, the open disputed amount as `ChaseFacts.disputed` takes it, aggregated over the
 * invoice's open disputes: null when any has no amount, else their sum. Used as
 * `select invoice_id, ${openDisputedSql} as amount from disputes where status = 'open' group by invoice_id`.
 */
export const openDisputedSql: RawBuilder<bigint | null> = sql`case when bool_or(amount is null) then null else sum(amount)::bigint end`;

/**
 * The ids of the organisation's invoices under an arrangement (`ChaseFacts.arranged`): covered by
 * a payment plan that is running (active, or broken and not yet defaulted) or by a settlement
 * awaiting approval or on offer. Used as `i.id not in (${'$'}{arrangedInvoicesSql(orgId)})`.
 */
export function arrangedInvoicesSql(orgId: bigint): RawBuilder<{ invoice_id: bigint }> {
  return sql`select pi.invoice_id from payment_plan_invoices pi
               join payment_plans p on p.org_id = pi.org_id and p.id = pi.plan_id
              where pi.org_id = ${orgId} and p.status in (${sql.join(runningPlanStatuses.map((status) => sql.lit(status)))})
             union all
             select si.invoice_id from settlement_invoices si
               join settlements s on s.org_id = si.org_id and s.id = si.settlement_id
              where si.org_id = ${orgId} and s.status in (${sql.join(openSettlementStatuses.map((status) => sql.lit(status)))})`;
}

/**
 * `chaseableAmount` in SQL, for an invoice `i` left-joined to its open disputed amount `d`
 * (`openDisputedSql`, absent when no dispute is open). The snapshot applies the rest of the rule
 * in its where clause (open, a balance, no invoice hold in force, not arranged); a customer hold is the
 * planner's (it holds the whole customer, with its reason).
 */
export function chaseableSql(invoice: string, disputed: string): RawBuilder<bigint> {
  const balance = sql.ref(`${invoice}.balance`);
  const present = sql.ref(`${disputed}.invoice_id`);
  const amount = sql.ref(`${disputed}.amount`);
  return sql`case when ${present} is null then ${balance} when ${amount} is null then 0 else greatest(${balance} - ${amount}, 0) end::bigint`;
}
