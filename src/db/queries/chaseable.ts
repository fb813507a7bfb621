// What may be chased on an invoice: the one rule, written twice side by side — once as a pure
// function (the message model, the dispatcher's last look) and once as SQL for a whole portfolio
// in one pass (`chaseableInvoicesSql`: the cycle's snapshot, the playbook conditions, aging's
// chaseable figure, charges). Change both together; test/db/chaseable.test.ts checks they agree.
//
//   not open, or no balance left              → nothing
//   held (an invoice hold, or the customer's) → nothing
//   the customer promised to pay (pending)    → nothing (the whole customer waits for the date)
//   under an arrangement (a running payment   → nothing (the arrangement has its own dates)
//   plan, a settlement awaiting approval or on offer)
//   placed with a collection agency           → nothing (the agency collects it until recalled)
//   an open dispute without an amount         → nothing (it covers the whole invoice)
//   open disputes with amounts                → the balance less their sum (never below nothing)
//   otherwise                                 → the balance
//
// A partly disputed invoice is chased for its undisputed part: a £1,000 invoice with £100 under
// review is chased for £900, and the message says the £100 is under review.
import { sql, type RawBuilder } from 'kysely';
import { runningPlanStatuses } from '../../domain/arrangements/plan-standing.ts';
import { openSettlementStatuses } from '../../domain/arrangements/settlement-rules.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { standingPlacementStatus } from '../../domain/placements/placement-status.ts';

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
  /** A promise to pay of the customer is pending. */
  promised: boolean;
  /** Covered by a running payment plan, a settlement awaiting approval or on offer, or a standing agency placement (`arrangedInvoicesSql`). */
  arranged: boolean;
}

/** The amount that may be chased on the invoice (0n when nothing may be). */
export function chaseableAmount(facts: ChaseFacts): bigint {
  if (!facts.open || facts.balance <= 0n || facts.invoiceHeld || facts.customerHeld || facts.promised || facts.arranged || facts.disputed === null) return 0n;
  const rest = facts.balance - facts.disputed;
  return rest > 0n ? rest : 0n;
}

/** The part of the balance under review (disputed) and so left out of what is chased. */
export function disputedPart(facts: Pick<ChaseFacts, 'open' | 'balance' | 'disputed'>): bigint {
  if (!facts.open || facts.balance <= 0n) return 0n;
  if (facts.disputed === null) return facts.balance;
  return facts.disputed < facts.balance ? facts.disputed : facts.balance;
}

/**
 * Whether the holds row `hold` pauses collection on `date`: isHoldActive (src/domain/pauses.ts)
 * in SQL, the one place it is written. The end date is the last day of the pause; a release
 * counts from its own day.
 */
export function activeHoldSql(hold: string, date: IsoDate): RawBuilder<boolean> {
  const column = (name: string) => sql.ref(`${hold}.${name}`);
  return sql<boolean>`(${column('starts_on')} <= ${date}::date
    and (${column('released_on')} is null or ${column('released_on')} > ${date}::date)
    and (${column('ends_on')} is null or ${column('ends_on')} >= ${date}::date))`;
}

/**
 * Per invoice, the open disputed amount as `ChaseFacts.disputed` takes it, aggregated over the
 * invoice's open disputes: null when any has no amount, else their sum. Used as
 * `select invoice_id, ${openDisputedSql} as amount from disputes where status = 'open' group by invoice_id`.
 */
export const openDisputedSql: RawBuilder<bigint | null> = sql`case when bool_or(amount is null) then null else sum(amount)::bigint end`;

/**
 * The ids of the organisation's invoices under an arrangement (`ChaseFacts.arranged`): covered by
 * a payment plan that is running (active, or broken and not yet defaulted), by a settlement
 * awaiting approval or on offer, or by an agency placement not recalled (the agency has them).
 */
export function arrangedInvoicesSql(orgId: bigint): RawBuilder<{ invoice_id: bigint }> {
  return sql`select pi.invoice_id from payment_plan_invoices pi
               join payment_plans p on p.org_id = pi.org_id and p.id = pi.plan_id
              where pi.org_id = ${orgId} and p.status in (${sql.join(runningPlanStatuses.map((status) => sql.lit(status)))})
             union all
             select si.invoice_id from settlement_invoices si
               join settlements s on s.org_id = si.org_id and s.id = si.settlement_id
              where si.org_id = ${orgId} and s.status in (${sql.join(openSettlementStatuses.map((status) => sql.lit(status)))})
             union all
             select li.invoice_id from placement_invoices li
               join placements l on l.org_id = li.org_id and l.id = li.placement_id
              where li.org_id = ${orgId} and l.status = ${sql.lit(standingPlacementStatus)}`;
}

/**
 * The invoice-level part of `chaseableAmount` in SQL, for an open invoice `i` with a balance,
 * left-joined to its open disputed amount `d` (`openDisputedSql`, absent when no dispute is open).
 * The holds, the promise and the arrangements are `chaseableInvoicesSql`'s.
 */
export function chaseableSql(invoice: string, disputed: string): RawBuilder<bigint> {
  const balance = sql.ref(`${invoice}.balance`);
  const present = sql.ref(`${disputed}.invoice_id`);
  const amount = sql.ref(`${disputed}.amount`);
  return sql`case when ${present} is null then ${balance} when ${amount} is null then 0 else greatest(${balance} - ${amount}, 0) end::bigint`;
}

/** One open invoice with a balance and what may be chased on it. */
export interface ChaseableInvoiceRow {
  customer_id: bigint;
  id: bigint;
  number: string;
  currency: string;
  issue_date: IsoDate;
  due_date: IsoDate;
  balance: bigint;
  /** What may be chased on it on the day (0 when paused). */
  amount: bigint;
}

export interface ChaseableScope {
  orgId: bigint;
  date: IsoDate;
  /**
   * Whether a customer's own pauses (a customer hold, a pending promise) zero its invoices here.
   * The cycle's snapshot leaves them to the planner, which skips the whole customer with the
   * reason (and must still see what it owes, so its case stays open): false there, true elsewhere.
   */
  customerPauses: boolean;
  /** Only invoices some pause touches (a dispute, a hold, a promise, an arrangement): the few whose amount differs from their balance. */
  onlyPaused?: boolean;
  /** More conditions on the invoice `i` (e.g. `and i.customer_id = …`). */
  where?: RawBuilder<unknown>;
}

/**
 * `chaseableAmount` for every open invoice with a balance (issued by `date`) of the organisation,
 * in one set-based query: select from it as a subquery. The small tables (disputes, holds,
 * promises, arrangements) are read once and hashed, never looked up per invoice.
 */
export function chaseableInvoicesSql({ orgId, date, customerPauses, onlyPaused = false, where }: ChaseableScope): RawBuilder<ChaseableInvoiceRow> {
  const heldInvoices = sql`select h.invoice_id from holds h where h.org_id = ${orgId} and h.invoice_id is not null and ${activeHoldSql('h', date)}`;
  const heldCustomers = sql`select h.customer_id from holds h where h.org_id = ${orgId} and h.invoice_id is null and ${activeHoldSql('h', date)}`;
  const promisedCustomers = sql`select p.customer_id from promises p where p.org_id = ${orgId} and p.status = 'pending'`;
  const disputed = sql`select invoice_id, ${openDisputedSql} as amount from disputes where org_id = ${orgId} and status = 'open' group by invoice_id`;
  const customerPaused = sql`i.customer_id in (${heldCustomers}) or i.customer_id in (${promisedCustomers})`;
  // an arrangement pauses its own invoices, so it applies in the snapshot too (its other invoices are chased)
  const invoicePaused = sql`i.id in (${heldInvoices}) or i.id in (${arrangedInvoicesSql(orgId)})`;
  const paused = customerPauses ? sql`${invoicePaused} or ${customerPaused}` : invoicePaused;
  // The few invoices a pause touches, found from the small tables by index (`= any(array(…))`),
  // not by testing every invoice of the organisation.
  const touchedInvoices = sql`select invoice_id from disputes where org_id = ${orgId} and status = 'open' union ${heldInvoices} union ${arrangedInvoicesSql(orgId)}`;
  const touched = customerPauses
    ? sql`(i.id = any(array(${touchedInvoices})) or i.customer_id = any(array(${heldCustomers} union ${promisedCustomers})))`
    : sql`i.id = any(array(${touchedInvoices}))`;
  return sql<ChaseableInvoiceRow>`
    select i.customer_id, i.id, i.number, i.currency, i.issue_date, i.due_date, i.balance,
           case when ${paused} then 0::bigint else ${chaseableSql('i', 'd')} end as amount
      from invoices i
      left join (${disputed}) d on d.invoice_id = i.id
     where i.org_id = ${orgId} and i.status = 'open' and i.balance > 0 and i.issue_date <= ${date}::date
       ${onlyPaused ? sql`and ${touched}` : sql``}
       ${where ?? sql``}`;
}
