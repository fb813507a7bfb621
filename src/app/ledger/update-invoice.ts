// Voids an open invoice, and edits its terms. A status change goes on the customer's timeline
// with who made it; an invoice that is paid, void or written off stays so. (Writing off is
// arrangements/write-off-invoice.ts: it needs a reason code and an owner, and can be reversed.)
import type { Temporal } from 'temporal-polyfill';
import { sql, type Kysely } from 'kysely';
import type { DB, Invoice } from '../../db/schema.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface UpdateInvoiceInput {
  status?: 'void' | undefined;
  terms?: string | null | undefined;
  /** Who asks, for the timeline: e.g. 'api-key:12'. */
  actor: string;
  /** When it is recorded, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
}

export async function updateInvoice(db: Kysely<DB>, orgId: bigint, id: bigint, input: UpdateInvoiceInput): Promise<Invoice> {
  return db.transaction().execute(async (tx) => {
    // Locked, so a payment allocated at the same moment cannot slip in between check and change.
    const invoice = await tx.selectFrom('invoices').selectAll().where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!invoice) throw new AppError('not_found', `there is no invoice ${id}`);
    const changesStatus = input.status !== undefined && input.status !== invoice.status;
    if (changesStatus && invoice.status !== 'open') {
      throw new AppError(
        'conflict',
        `invoice ${invoice.number} is ${invoice.status.replace('_', ' ')}; only an open invoice can be voided`,
      );
    }
    const updated = await tx
      .updateTable('invoices')
      .set({ status: changesStatus ? input.status : undefined, terms: input.terms, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (changesStatus && input.status) {
      await recordActivity(tx, orgId, {
        customerId: invoice.customer_id,
        kind: 'invoice_status',
        actor: input.actor,
        summary: `Invoice ${invoice.number} voided with ${formatMoney(invoice.balance, invoice.currency)} outstanding`,
        data: { invoiceId: String(id), number: invoice.number, from: invoice.status, to: input.status, balance: String(invoice.balance), currency: invoice.currency },
        at: input.now,
      });
    }
    return updated;
  });
}
