// Helpers for the pauses tests: rejected use cases, and the timeline of a customer.
import { expect } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { isAppError, type ErrorCode } from '../../src/errors.ts';

/** Awaits `work`, which must fail with an AppError of `code` whose message matches `message`. */
export async function expectAppError(work: Promise<unknown>, code: ErrorCode, message: RegExp): Promise<void> {
  let error: unknown;
  try {
    await work;
  } catch (caught) {
    error = caught;
  }
  if (!isAppError(error)) throw new Error(`expected an AppError ${code}, got ${error === undefined ? 'success' : String(error)}`);
  expect(error.code, error.message).toBe(code);
  expect(error.message).toMatch(message);
}

export async function activitiesOf(database: Database, orgId: bigint, kind?: string) {
  let query = database.db.selectFrom('activities').selectAll().where('org_id', '=', orgId).orderBy('id');
  if (kind) query = query.where('kind', '=', kind);
  return query.execute();
}

/** A payment from a customer, not allocated to any invoice (promises are kept by money, wherever it goes). */
export async function receivePayment(database: Database, orgId: bigint, customerId: bigint, amount: bigint, receivedOn: string, currency = 'GBP') {
  return database.db
    .insertInto('payments')
    .values({ org_id: orgId, customer_id: customerId, external_id: null, received_on: receivedOn, amount, currency, method: null, reference: null, import_id: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}
