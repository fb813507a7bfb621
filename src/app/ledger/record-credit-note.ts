// Records a credit note issued to a customer and, optionally, the invoices it settles: all in
// one transaction, so a rejected allocation leaves no half-recorded credit note behind.
import type { Temporal } from 'temporal-polyfill';
import type { Kysely } from 'kysely';
import type { CreditNote, DB } from '../../db/schema.ts';
import { uniqueViolation } from '../../db/unique-violation.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { allocateToInvoices, type AllocationRequest } from './allocate-to-invoices.ts';
import { recordActivity } from '../shared/record-activity.ts';

export interface RecordCreditNoteInput {
  customerId: bigint;
  number: string;
  issueDate: string;
  total: bigint;
  /** Defaults to the customer's currency. */
  currency?: string | undefined;
  externalId?: string | null | undefined;
  reason?: string | null | undefined;
  allocations?: readonly AllocationRequest[] | undefined;
  /** Who records it, for the timeline: e.g. 'api-key:12'. */
  actor: string;
  /** When it is recorded, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
}

export async function recordCreditNote(db: Kysely<DB>, orgId: bigint, input: RecordCreditNoteInput): Promise<CreditNote> {
  if (input.total <= 0n) throw new AppError('invalid_input', 'total must be more than zero');
  return db.transaction().execute(async (tx) => {
    const customer = await tx.selectFrom('customers').select('currency').where('org_id', '=', orgId).where('id', '=', input.customerId).executeTakeFirst();
    if (!customer) throw new AppError('not_found', `there is no customer ${input.customerId}`);
    const currency = input.currency ?? customer.currency;
    let note: CreditNote;
    try {
      note = await tx
        .insertInto('credit_notes')
        .values({
          org_id: orgId,
          customer_id: input.customerId,
          number: input.number,
          external_id: input.externalId ?? null,
          issue_date: input.issueDate,
          currency,
          total: input.total,
          reason: input.reason ?? null,
          source: 'api',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } catch (error) {
      if (uniqueViolation(error) !== undefined) {
        throw new AppError('conflict', `a credit note numbered "${input.number}" exists; give this credit note another number`);
      }
      throw error;
    }
    const allocated = await allocateToInvoices(
      tx,
      orgId,
      { label: 'credit note', paymentId: null, creditNoteId: note.id, customerId: input.customerId, currency, amount: input.total, date: input.issueDate },
      input.allocations ?? [],
    );
    const onto = allocated.length > 0 ? `, applied to ${allocated.map((a) => a.number).join(', ')}` : '';
    await recordActivity(tx, orgId, {
      customerId: input.customerId,
      kind: 'credit_note',
      actor: input.actor,
      summary: `Credit note ${input.number} of ${formatMoney(input.total, currency)} issued${onto}`,
      data: {
        creditNoteId: String(note.id),
        number: input.number,
        total: String(input.total),
        currency,
        issueDate: input.issueDate,
        allocations: allocated.map((a) => ({ invoiceId: String(a.invoiceId), amount: String(a.amount) })),
      },
      at: input.now,
    });
    return tx.selectFrom('credit_notes').selectAll().where('org_id', '=', orgId).where('id', '=', note.id).executeTakeFirstOrThrow();
  });
}
