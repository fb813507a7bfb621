// Works out the charges for a batch of (customer, invoices, date) requests without writing: four
// reads for the whole batch (customers with policies, invoices, allocations, charges so far; a fifth
// for the organisation's reference rates when a statutory policy is in play), then the domain
// decides per invoice. applyCharges writes the result; the preview shows it.
import type { IsoDate } from '../../domain/calendar.ts';
import { planInvoiceCharges, type InvoiceLedger, type PlannedCharge } from '../../domain/charges/invoice-charges.ts';
import { customerChargePolicy, isStatutory, orgChargePolicy, policyLabel, type ActiveChargePolicy } from '../../domain/charges/policy.ts';
import { mergeReferenceRates, shippedReferenceRates, type ReferenceRate } from '../../domain/charges/reference-rates.ts';
import type { DatedAmount } from '../../domain/charges/interest.ts';
import type { Executor } from '../../db/executor.ts';
import { allocationsForCharges, chargeTotals, customersForCharges, invoicesForCharges } from '../../db/queries/charges.ts';
import { orgReferenceRates } from '../../db/queries/reference-rates.ts';

export interface ChargeRequestScope {
  customerId: bigint;
  invoiceIds: readonly bigint[];
  date: IsoDate;
}

export interface ChargeSkip {
  customerId: bigint;
  /** Set when the reason concerns one invoice rather than the whole customer. */
  invoiceId?: bigint;
  reason: string;
}

export interface PlannedInvoice {
  /** Index of the request this invoice came from. */
  request: number;
  customerId: bigint;
  invoiceId: bigint;
  invoiceNumber: string;
  currency: string;
  charges: PlannedCharge[];
}

export interface PlannedCustomerPolicy {
  customerId: bigint;
  policy: ActiveChargePolicy;
  label: string;
  origin: 'customer' | 'organisation';
}

export interface ChargesPlan {
  invoices: PlannedInvoice[];
  policies: PlannedCustomerPolicy[];
  skipped: ChargeSkip[];
}

/** Groups rows by invoice id. */
function byInvoice<T extends { invoice_id: bigint }>(rows: readonly T[]): Map<bigint, T[]> {
  const map = new Map<bigint, T[]>();
  for (const row of rows) {
    const list = map.get(row.invoice_id);
    if (list) list.push(row);
    else map.set(row.invoice_id, [row]);
  }
  return map;
}

export async function planCharges(db: Executor, orgId: bigint, requests: readonly ChargeRequestScope[], options: { lock: boolean }): Promise<ChargesPlan> {
  const plan: ChargesPlan = { invoices: [], policies: [], skipped: [] };
  if (requests.length === 0) return plan;
  const customers = new Map((await customersForCharges(db, orgId, requests.map((r) => r.customerId))).map((row) => [row.id, row]));
  // Every row carries the same organisation settings: parse its policy once.
  const first = customers.values().next().value;
  const orgPolicy = first ? orgChargePolicy(first.org_settings) : undefined;
  const decisions = new Map<bigint, ReturnType<typeof customerChargePolicy>>();
  for (const [id, customer] of customers) {
    const decision = customerChargePolicy(orgPolicy!, { kind: customer.kind, chargesLiable: customer.charges_liable, chargePolicy: customer.charge_policy });
    decisions.set(id, decision);
    if (decision.ok) plan.policies.push({ customerId: id, policy: decision.policy, label: policyLabel(decision.policy), origin: decision.origin });
  }

  // Only the invoices of customers who may be charged are read (and locked).
  const chargeable = requests.filter((r) => decisions.get(r.customerId)?.ok);
  const latest = chargeable.reduce<IsoDate>((max, r) => (r.date > max ? r.date : max), '0000-01-01');
  // A batch is one day's (the cycle's, a preview's): what is paused is read as of its latest date.
  const invoices = await invoicesForCharges(db, orgId, [...new Set(chargeable.flatMap((r) => r.invoiceIds))], latest, options.lock);
  const found = invoices.map((row) => row.id);
  const allocations = byInvoice(found.length > 0 ? await allocationsForCharges(db, orgId, found, latest) : []);
  const charged = byInvoice(found.length > 0 ? await chargeTotals(db, orgId, found) : []);
  const statutory = found.length > 0 && plan.policies.some((p) => isStatutory(p.policy));
  const rates: ReferenceRate[] = mergeReferenceRates(shippedReferenceRates, statutory ? await orgReferenceRates(db, orgId) : []);
  const invoiceById = new Map(invoices.map((row) => [row.id, row]));

  const seen = new Set<bigint>();
  for (const [index, request] of requests.entries()) {
    const decision = decisions.get(request.customerId);
    if (!decision || !decision.ok) {
      plan.skipped.push({ customerId: request.customerId, reason: decision ? decision.reason : 'there is no such customer in this organisation' });
      continue;
    }
    for (const invoiceId of request.invoiceIds) {
      const row = invoiceById.get(invoiceId);
      const skip = (reason: string) => plan.skipped.push({ customerId: request.customerId, invoiceId, reason });
      if (!row || row.customer_id !== request.customerId) {
        skip(`invoice ${invoiceId} is not an invoice of this customer in this organisation`);
        continue;
      }
      // An invoice is charged once per batch: a second request for it would start from the same
      // "already charged" figures and charge the same interest twice.
      if (seen.has(invoiceId)) {
        skip(`invoice ${row.number} was already charged in this run`);
        continue;
      }
      seen.add(invoiceId);
      const ledger: InvoiceLedger = {
        id: row.id,
        number: row.number,
        currency: row.currency,
        total: row.total,
        dueDate: row.due_date,
        status: row.status,
        disputed: row.disputed,
        paused: row.paused,
        allocations: (allocations.get(invoiceId) ?? []).filter((a) => a.allocated_on <= request.date).map((a): DatedAmount => ({ on: a.allocated_on, amount: a.amount })),
        charged: Object.fromEntries((charged.get(invoiceId) ?? []).map((c) => [c.kind, { amount: c.amount, entries: c.entries }])),
      };
      const result = planInvoiceCharges(decision.policy, ledger, request.date, rates);
      for (const reason of result.skipped) skip(reason);
      if (result.charges.length > 0) {
        plan.invoices.push({ request: index, customerId: request.customerId, invoiceId, invoiceNumber: row.number, currency: row.currency, charges: result.charges });
      }
    }
  }
  return plan;
}
