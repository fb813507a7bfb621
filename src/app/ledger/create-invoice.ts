// Records an invoice the business has issued. It starts open; its balance then follows the ledger.
import type { Executor } from '../../db/executor.ts';
import type { Invoice } from '../../db/schema.ts';
import { uniqueViolation } from '../../db/unique-violation.ts';
import { compareDates } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';

export interface CreateInvoiceInput {
  customerId: bigint;
  number: string;
  externalId?: string | null | undefined;
  issueDate: string;
  dueDate: string;
  /** Defaults to the customer's currency. */
  currency?: string | undefined;
  total: bigint;
  terms?: string | null | undefined;
}

export async function createInvoice(db: Executor, orgId: bigint, input: CreateInvoiceInput): Promise<Invoice> {
  if (input.total < 0n) throw new AppError('invalid_input', 'total must be zero or more; record a credit note for money owed back');
  if (compareDates(input.dueDate, input.issueDate) < 0) {
    throw new AppError('invalid_input', `dueDate ${input.dueDate} is before issueDate ${input.issueDate}; an invoice falls due on or after its issue date`);
  }
  const customer = await db
    .selectFrom('customers')
    .select('currency')
    .where('org_id', '=', orgId)
    .where('id', '=', input.customerId)
    .executeTakeFirst();
  if (!customer) throw new AppError('not_found', `there is no customer ${input.customerId}`);
  try {
    return await db
      .insertInto('invoices')
      .values({
        org_id: orgId,
        customer_id: input.customerId,
        number: input.number,
        external_id: input.externalId ?? null,
        issue_date: input.issueDate,
        due_date: input.dueDate,
        currency: input.currency ?? customer.currency,
        total: input.total,
        terms: input.terms ?? null,
        status: 'open',
        source: 'api',
        import_id: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  } catch (error) {
    const constraint = uniqueViolation(error);
    if (constraint?.includes('external_id')) {
      throw new AppError('conflict', `an invoice with the external id "${input.externalId}" exists; use another externalId`);
    }
    if (constraint !== undefined) throw new AppError('conflict', `an invoice numbered "${input.number}" exists; give this invoice another number`);
    throw error;
  }
}
