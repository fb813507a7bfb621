// The invoice a user names by its number (as printed on it), or a not_found error saying so.
import type { Executor } from '../../db/executor.ts';
import type { Invoice } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';

export async function invoiceByNumber(db: Executor, orgId: bigint, number: string): Promise<Invoice> {
  const invoice = await db.selectFrom('invoices').selectAll().where('org_id', '=', orgId).where('number', '=', number).executeTakeFirst();
  if (!invoice) throw new AppError('not_found', `there is no invoice numbered "${number}"; check the number as printed on the invoice`);
  return invoice;
}
