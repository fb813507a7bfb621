// Records a customer's promise to pay an amount by a date. While it is pending the customer is
// not chased; the daily cycle settles it from the payments received (cycle/settle-promises.ts). A
// customer has at most one pending promise: a new one supersedes (cancels) the old, and says so.
import type { Temporal } from 'temporal-polyfill';
import { textLimits } from '../../domain/text-limits.ts';
import { sql } from 'kysely';
import type { Executor } from '../../db/executor.ts';
import { inTransaction } from '../../db/in-transaction.ts';
import { findPromise, type PromiseRow } from '../../db/queries/promises.ts';
import { isIsoDate, type IsoDate } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { maxPromiseDays, promiseDateProblem } from '../../domain/pauses.ts';
import { AppError } from '../../errors.ts';
import { recordActivity } from '../shared/record-activity.ts';
import { optionalText } from '../shared/required-text.ts';

export interface RecordPromiseInput {
  customerId: bigint;
  /** Minor units of `currency`. */
  amount: bigint;
  /** Defaults to the customer's currency; must be one the customer owes in. */
  currency?: string | undefined;
  dueOn: IsoDate;
  note?: string | null | undefined;
  /** The organisation's date today: the promise is made on it. */
  today: IsoDate;
  /** The instant it is done, on the caller's clock (the timeline entry is stamped with it). */
  now: Temporal.Instant;
  actor: string;
  /** The furthest a promised date may be from today, in days. */
  maxDays?: number | undefined;
}

export interface RecordedPromise {
  promise: PromiseRow;
  /** The pending promise this one replaced (now cancelled), if there was one. */
  superseded: PromiseRow | null;
}

export async function recordPromise(db: Executor, orgId: bigint, input: RecordPromiseInput): Promise<RecordedPromise> {
  if (input.amount <= 0n) throw new AppError('invalid_input', 'the promised amount must be more than zero');
  if (!isIsoDate(input.dueOn)) throw new AppError('invalid_input', `the promised date must be a real date written YYYY-MM-DD (got "${input.dueOn}"), from 1900-01-01 to 2199-12-31`);
  const dateProblem = promiseDateProblem(input.dueOn, input.today, input.maxDays ?? maxPromiseDays);
  if (dateProblem) throw new AppError('invalid_input', dateProblem);
  const note = optionalText(input.note, 'the note', textLimits.promiseNote);
  return inTransaction(db, async (tx) => {
    // Locking the customer serialises promises of one customer: two made at once cannot both
    // find "no pending promise" and leave two pending.
    const customer = await tx.selectFrom('customers').select(['id', 'name', 'currency']).where('org_id', '=', orgId).where('id', '=', input.customerId).forUpdate().executeTakeFirst();
    if (!customer) throw new AppError('not_found', `there is no customer ${input.customerId}`);
    const currency = input.currency ?? customer.currency;
    const owed = await tx
      .selectFrom('invoices')
      .select(['currency', sql<bigint>`sum(balance)::bigint`.as('balance')])
      .where('org_id', '=', orgId)
      .where('customer_id', '=', customer.id)
      .where('status', '=', 'open')
      .where('balance', '>', 0n)
      .groupBy('currency')
      .orderBy('currency')
      .execute();
    if (owed.length === 0) throw new AppError('conflict', `${customer.name} owes nothing at the moment; a promise to pay needs an open balance`);
    const inCurrency = owed.find((row) => row.currency === currency);
    if (!inCurrency) {
      throw new AppError('invalid_input', `${customer.name} owes nothing in ${currency}; it owes in ${owed.map((row) => row.currency).join(', ')}: promise in one of those`);
    }
    if (input.amount > inCurrency.balance) {
      throw new AppError(
        'invalid_input',
        `the promised ${formatMoney(input.amount, currency)} is more than the ${formatMoney(inCurrency.balance, currency)} ${customer.name} owes in ${currency}; promise at most what is owed`,
      );
    }

    const superseded = await tx
      .updateTable('promises')
      .set({ status: 'cancelled', resolved_on: input.today, updated_at: sql<string>`now()` })
      .where('org_id', '=', orgId)
      .where('customer_id', '=', customer.id)
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
    const created = await tx
      .insertInto('promises')
      .values({ org_id: orgId, customer_id: customer.id, made_on: input.today, due_on: input.dueOn, amount: input.amount, currency, note, created_by: input.actor })
      .returning('id')
      .executeTakeFirstOrThrow();

    for (const old of superseded) {
      await recordActivity(tx, orgId, {
        customerId: customer.id,
        kind: 'promise_cancelled',
        actor: input.actor,
        summary: `Promise to pay ${formatMoney(old.amount, old.currency)} by ${old.due_on} cancelled: superseded by a new promise (${created.id})`,
        data: { promiseId: String(old.id), supersededBy: String(created.id), amount: String(old.amount), currency: old.currency, dueOn: old.due_on },
        at: input.now,
      });
    }
    await recordActivity(tx, orgId, {
      customerId: customer.id,
      kind: 'promise_made',
      actor: input.actor,
      summary: `Promised to pay ${formatMoney(input.amount, currency)} by ${input.dueOn}${note ? `: ${note}` : ''}`,
      data: { promiseId: String(created.id), amount: String(input.amount), currency, madeOn: input.today, dueOn: input.dueOn, note },
      at: input.now,
    });
    const previous = superseded[0] ? ((await findPromise(tx, orgId, superseded[0].id)) ?? null) : null;
    return { promise: (await findPromise(tx, orgId, created.id))!, superseded: previous };
  });
}
