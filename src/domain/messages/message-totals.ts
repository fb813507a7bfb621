// The sums of a message's invoices per currency — never added across currencies — in the order
// the currencies first appear among the invoices (oldest due first).
import type { MessageInvoice, MessageTotal } from './message-model.ts';

export function totalsOf(invoices: readonly MessageInvoice[]): MessageTotal[] {
  const totals = new Map<string, MessageTotal>();
  for (const invoice of invoices) {
    const sum = totals.get(invoice.currency) ?? { currency: invoice.currency, total: 0n, charges: 0n, paid: 0n, balance: 0n };
    sum.total += invoice.total;
    sum.charges += invoice.charges;
    sum.paid += invoice.paid;
    sum.balance += invoice.balance;
    totals.set(invoice.currency, sum);
  }
  return [...totals.values()];
}
