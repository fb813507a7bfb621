// Voids or writes off an open invoice, and edits its terms. A status change goes on the
// customer's timeline with who made it; an invoice that is paid, void or written off stays so.
import { sql, type Kysely } from 'kysely';
import type { DB, Invoice } from '../../db/schema.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface UpdateInvoiceInput {
  status?: 'void' | 'written_off' | undefined;
  terms?: string | null | undefined;
  /** Who asks, for the timeline: e.g. 'api-key:12'. */
  actor: string;
}

const statusWords = { void: 'voided', written_off: 'written off' } as const;

export async function updateInvoice(db: Kysely<DB>, orgId: bigint, id: bigint, input: UpdateInvoiceInput): Promise<Invoice> {
  return db.transaction().execute(async (tx) => {
    // Locked, so a payment allocated at the same moment cannot slip in between check and change.
    const invoice = await tx.selectFrom('invoices').selectAll().where('org_id', '=', orgId).where('id', '=', id).forUpdate().executeTakeFirst();
    if (!invoice) throw new AppError('not_found', `there is no invoice ${id}`);
    const changesStatus = input.status !== undefined && input.status !== invoice.status;
    if (changesStatus && invoice.status !== 'open') {
      throw new AppError(
        'conflict',
        `invoice ${invoice.number} is ${invoice.status.replace('_', ' ')}; only an open invoice can be voided or written off`,
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
        summary: `Invoice ${invoice.number} ${statusWords[input.status]} with ${formatMoney(invoice.balance, invoice.currency)} outstanding`,
        data: { invoiceId: String(id), number: invoice.number, from: invoice.status, to: input.status, balance: String(invoice.balance), currency: invoice.currency },
      });
    }
    return updated;
  });
}
