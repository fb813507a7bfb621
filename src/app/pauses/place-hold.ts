// Pauses collection on a customer, or on one of its invoices, for a reason and until a date (or
// until released). The cycle chases nothing a hold covers while it is active.
import type { Temporal } from 'temporal-polyfill';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findHold, type HoldRow } from '../../db/queries/holds.ts';
import { isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { holdEndProblem } from '../../domain/pauses.ts';
import { textLimits } from '../../domain/text-limits.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { requiredText } from '../shared/required-text.ts';

export interface PlaceHoldInput {
  customerId: bigint;
  /** Hold just this invoice of the customer; null or absent holds the whole customer. */
  invoiceId?: bigint | null | undefined;
  reason: string;
  /** The last day of the pause; null or absent: until released. */
  endsOn?: IsoDate | null | undefined;
  /** The organisation's date today: the hold starts now. */
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  /** Who places it, for the timeline: e.g. 'api-key:12'. */
  actor: string;
}

export async function placeHold(db: Executor, orgId: bigint, input: PlaceHoldInput): Promise<HoldRow> {
  const reason = requiredText(input.reason, 'the reason', textLimits.reason, 'a hold needs a reason: say why collection is paused, e.g. "waiting for the customer’s insurer"');
  const endsOn = input.endsOn ?? null;
  if (endsOn !== null) {
    if (!isIsoDate(endsOn)) throw new AppError('invalid_input', `the end date must be a real date written YYYY-MM-DD (got "${endsOn}"), from 1900-01-01 to 2199-12-31`);
    const problem = holdEndProblem(endsOn, input.today);
    if (problem) throw new AppError('invalid_input', problem);
  }
  return inTransaction(db, async (tx) => {
    const customer = await tx.selectFrom('customers').select(['id', 'name', 'external_id']).where('org_id', '=', orgId).where('id', '=', input.customerId).executeTakeFirst();
    if (!customer) throw new AppError('not_found', `there is no customer ${input.customerId}`);
    let invoiceNumber: string | null = null;
    if (input.invoiceId !== undefined && input.invoiceId !== null) {
      const invoice = await tx.selectFrom('invoices').select(['customer_id', 'number', 'status']).where('org_id', '=', orgId).where('id', '=', input.invoiceId).executeTakeFirst();
      if (!invoice) throw new AppError('not_found', `there is no invoice ${input.invoiceId}`);
      if (invoice.customer_id !== customer.id) {
        throw new AppError('invalid_input', `invoice ${invoice.number} belongs to another customer; hold it under that customer, or leave the invoice out to hold all of ${customer.name}`);
      }
      if (invoice.status !== 'open') {
        throw new AppError('conflict', `invoice ${invoice.number} is ${invoice.status.replace('_', ' ')}; only an open invoice is chased, so only an open invoice can be held`);
      }
      invoiceNumber = invoice.number;
    }
    const hold = await tx
      .insertInto('holds')
      .values({ org_id: orgId, customer_id: customer.id, invoice_id: input.invoiceId ?? null, reason, starts_on: input.today, ends_on: endsOn, created_by: input.actor })
      .returning('id')
      .executeTakeFirstOrThrow();
    const what = invoiceNumber ? `Invoice ${invoiceNumber} put on hold` : 'Collection put on hold';
    await recordActivity(tx, orgId, {
      customerId: customer.id,
      kind: 'hold_placed',
      actor: input.actor,
      summary: `${what} ${endsOn ? `until ${endsOn}` : 'until released'}: ${reason}`,
      data: { holdId: String(hold.id), invoiceId: input.invoiceId == null ? null : String(input.invoiceId), invoiceNumber, reason, startsOn: input.today, endsOn },
      at: input.now,
    });
    return (await findHold(tx, orgId, hold.id))!;
  });
}
