// Applies the charge policy to overdue invoices as ledger entries (fees, interest, compensation),
// each with its calculation; the invoice balance follows through the ledger trigger, its total never
// changes. Called by the daily cycle for a step with `applyCharges`, in batches.
import type { IsoDate } from '../../domain/calendar.ts';
import type { Executor } from '../../db/executor.ts';
import { insertCharges, type NewChargeRow } from '../../db/queries/charges.ts';
import { sumByCurrency } from '../../domain/money.ts';
import { planCharges, type ChargeSkip } from './plan-charges.ts';

export interface ChargeRequest {
  customerId: bigint;
  /** The invoices the step is about; invoices of other customers or organisations are skipped. */
  invoiceIds: bigint[];
  /** The charge date: interest runs up to and including it. */
  date: IsoDate;
  /** Names the occasion, e.g. the action's idempotency key; the same key never charges twice. */
  key: string;
}

export interface AppliedCharges {
  /** Ledger entries created. */
  created: number;
  /** Net amount charged per currency, minor units. */
  total: Record<string, bigint>;
  /** What was not charged and why (per customer, or per invoice when invoiceId is set). */
  skipped: ChargeSkip[];
}

/** The idempotency key of one charge: the occasion, the invoice and the kind. */
export function chargeKey(key: string, invoiceId: bigint, kind: string): string {
  return `${key}:invoice:${invoiceId}:${kind}`;
}

/**
 * Charges what the policy says for each request: one read per concern for the whole batch, one
 * multi-row insert. Runs in the caller's transaction (or its own), holding the invoices' row locks
 * from the read to the insert so concurrent runs cannot both charge the same accrued interest.
 */
export async function applyCharges(tx: Executor, orgId: bigint, requests: readonly ChargeRequest[]): Promise<AppliedCharges> {
  if (!tx.isTransaction) return tx.transaction().execute((inner) => applyCharges(inner, orgId, requests));
  const plan = await planCharges(tx, orgId, requests, { lock: true });
  const rows: NewChargeRow[] = plan.invoices.flatMap((invoice) =>
    invoice.charges.map((charge) => ({
      invoiceId: invoice.invoiceId,
      kind: charge.kind,
      amount: charge.amount,
      chargedOn: requests[invoice.request]!.date,
      calculation: charge.calculation,
      idempotencyKey: chargeKey(requests[invoice.request]!.key, invoice.invoiceId, charge.kind),
    })),
  );
  const inserted = await insertCharges(tx, orgId, rows);
  const insertedKeys = new Set(inserted.map((row) => row.idempotency_key));
  const currencyOf = new Map(plan.invoices.map((invoice) => [invoice.invoiceId, invoice.currency]));
  const total = Object.fromEntries(sumByCurrency(inserted.map((row) => ({ amount: row.amount, currency: currencyOf.get(row.invoice_id)! }))));
  const skipped = [...plan.skipped];
  for (const invoice of plan.invoices) {
    for (const charge of invoice.charges) {
      const key = chargeKey(requests[invoice.request]!.key, invoice.invoiceId, charge.kind);
      if (!insertedKeys.has(key)) skipped.push({ customerId: invoice.customerId, invoiceId: invoice.invoiceId, reason: `the ${charge.kind} on invoice ${invoice.invoiceNumber} was already applied under ${key}` });
    }
  }
  return { created: inserted.length, total, skipped };
}
