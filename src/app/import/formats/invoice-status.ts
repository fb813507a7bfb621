// Invoice statuses as accounting systems name them, mapped onto ours. Drafts (and invoices
// awaiting approval) were never sent, so nobody owes them yet: they are skipped, not imported.
// Xero's API codes (AUTHORISED, SUBMITTED…) and the words its screens and its own CSV export use
// (Awaiting Payment, Awaiting Approval…) are both here: compared without case, spaces or punctuation.
import type { InvoiceRecord } from '../types.ts';

const statuses: Record<string, InvoiceRecord['status'] | 'draft'> = {
  open: 'open',
  authorised: 'open',
  authorized: 'open',
  awaitingpayment: 'open',
  approved: 'open',
  sent: 'open',
  unpaid: 'open',
  outstanding: 'open',
  overdue: 'open',
  due: 'open',
  partial: 'open',
  partiallypaid: 'open',
  paid: 'paid',
  closed: 'paid',
  void: 'void',
  voided: 'void',
  deleted: 'void',
  cancelled: 'void',
  canceled: 'void',
  writtenoff: 'written_off',
  baddebt: 'written_off',
  draft: 'draft',
  submitted: 'draft',
  awaitingapproval: 'draft',
};

export function invoiceStatus(text: string): InvoiceRecord['status'] | 'draft' | undefined {
  return statuses[text.toLowerCase().replace(/[^a-z]/g, '')];
}
