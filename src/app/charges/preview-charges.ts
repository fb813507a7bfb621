// What applying charges to a customer would add on a date, with each calculation, writing nothing:
// the same planning as applyCharges, over the customer's open invoices due before the date.
import type { Executor } from '../../db/executor.ts';
import { overdueInvoiceIds } from '../../db/queries/charges.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import type { ChargeKind } from '../../domain/charges/invoice-charges.ts';
import { sumByCurrency } from '../../domain/money.ts';
import { customerByExternalId } from '../shared/customer-by-external-id.ts';
import { planCharges } from './plan-charges.ts';

export interface ChargePreview {
  customer: { externalId: string; name: string; kind: 'business' | 'consumer' };
  date: IsoDate;
  policy: { type: string; label: string; origin: 'customer' | 'organisation' } | null;
  charges: Array<{ invoiceNumber: string; currency: string; kind: ChargeKind; amount: bigint; calculation: Record<string, unknown> }>;
  /** Per currency, minor units. */
  total: Record<string, bigint>;
  skipped: string[];
}

export async function previewCharges(db: Executor, orgId: bigint, externalId: string, date: IsoDate): Promise<ChargePreview> {
  const customer = await customerByExternalId(db, orgId, externalId);
  const invoiceIds = await overdueInvoiceIds(db, orgId, customer.id, date);
  const plan = await planCharges(db, orgId, [{ customerId: customer.id, invoiceIds, date }], { lock: false });
  const policy = plan.policies[0];
  const charges = plan.invoices.flatMap((invoice) =>
    invoice.charges.map((charge) => ({ invoiceNumber: invoice.invoiceNumber, currency: invoice.currency, kind: charge.kind, amount: charge.amount, calculation: charge.calculation })),
  );
  const total = Object.fromEntries(sumByCurrency(charges));
  const skipped = plan.skipped.map((skip) => skip.reason);
  if (policy && invoiceIds.length === 0) skipped.push(`nothing is overdue on ${date}`);
  return {
    customer: { externalId: customer.external_id, name: customer.name, kind: customer.kind },
    date,
    policy: policy ? { type: policy.policy.type, label: policy.label, origin: policy.origin } : null,
    charges,
    total,
    skipped,
  };
}
