// Small builders for integration tests: an organisation, customers and invoices inserted directly.
import type { Database } from '../../src/db/engine.ts';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { createOrg, type CreatedOrg } from '../../src/app/orgs/create-org.ts';

let orgCounter = 0;

export async function makeOrg(database: Database, overrides: { currency?: string; slug?: string } = {}): Promise<CreatedOrg> {
  orgCounter += 1;
  return createOrg(database.db, {
    name: `Test Org ${orgCounter}`,
    slug: overrides.slug ?? `test-org-${orgCounter}-${Math.random().toString(36).slice(2, 8)}`,
    currency: overrides.currency ?? 'GBP',
    timeZone: 'Europe/London',
    ownerEmail: `owner${orgCounter}@example.com`,
  });
}

export async function makeCustomer(
  database: Database,
  orgId: bigint,
  values: { externalId?: string; name?: string; currency?: string; kind?: 'business' | 'consumer' } = {},
) {
  const externalId = values.externalId ?? `C-${Math.random().toString(36).slice(2, 10)}`;
  return database.db
    .insertInto('customers')
    .values({
      org_id: orgId,
      external_id: externalId,
      name: values.name ?? `Customer ${externalId}`,
      currency: values.currency ?? 'GBP',
      kind: values.kind ?? 'business',
      country: 'GB',
      region: null,
      time_zone: 'Europe/London',
      language: 'en-GB',
      customer_since: null,
      credit_limit: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeInvoice(
  database: Database,
  orgId: bigint,
  customerId: bigint,
  values: { number?: string; issueDate?: string; dueDate: string; total: bigint; currency?: string; status?: 'open' | 'paid' | 'void' | 'written_off' },
) {
  return database.db
    .insertInto('invoices')
    .values({
      org_id: orgId,
      customer_id: customerId,
      number: values.number ?? `INV-${Math.random().toString(36).slice(2, 10)}`,
      external_id: null,
      issue_date: values.issueDate ?? values.dueDate,
      due_date: values.dueDate,
      currency: values.currency ?? 'GBP',
      total: values.total,
      terms: null,
      status: values.status ?? 'open',
      import_id: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A payment of `amount` from the invoice's customer, allocated whole to the invoice on `date`. */
export async function makePayment(database: Database, invoice: { org_id: bigint; id: bigint; customer_id: bigint; currency: string }, amount: bigint, date: string) {
  const payment = await database.db
    .insertInto('payments')
    .values({ org_id: invoice.org_id, customer_id: invoice.customer_id, external_id: null, received_on: date, amount, currency: invoice.currency, method: null, reference: null, import_id: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await database.db
    .insertInto('allocations')
    .values({ org_id: invoice.org_id, invoice_id: invoice.id, payment_id: payment.id, credit_note_id: null, amount, allocated_on: date })
    .execute();
  return payment;
}

export async function makeCharge(database: Database, invoice: { org_id: bigint; id: bigint }, amount: bigint, date: string, kind: 'fee' | 'interest' | 'compensation' = 'fee') {
  await database.db.insertInto('charges').values({ org_id: invoice.org_id, invoice_id: invoice.id, kind, amount, charged_on: date, calculation: '{}' }).execute();
}

/** A dispute on an invoice: `amount` null disputes the whole balance. */
export async function makeDispute(
  database: Database,
  invoice: { org_id: bigint; id: bigint },
  values: { amount: bigint | null; openedOn?: string; status?: 'open' | 'resolved' },
) {
  await database.db
    .insertInto('disputes')
    .values({
      org_id: invoice.org_id,
      invoice_id: invoice.id,
      amount: values.amount,
      status: values.status ?? 'open',
      reason: null,
      opened_on: values.openedOn ?? '2026-01-01',
      resolved_on: values.status === 'resolved' ? (values.openedOn ?? '2026-01-01') : null,
      resolution: null,
    })
    .execute();
}

/**
 * What a dispatcher would have done with the planned sends: every send still waiting of the
 * organisation (or of one customer) reached the debtor on the day it was planned, and every task
 * was worked. The case then moves on from there.
 */
export async function deliverWaiting(database: Database, orgId: bigint, customerId?: bigint) {
  let update = database.db
    .updateTable('actions')
    .set((eb) => ({ status: sql<'sent'>`case when kind = 'task' then 'done' else 'sent' end`, sent_on: eb.ref('cycle_date'), finished_at: sql<string>`(cycle_date + time '10:00') at time zone 'UTC'` }))
    .where('org_id', '=', orgId)
    .where('status', 'in', ['planned', 'ready', 'deferred', 'sending', 'written', 'printed']);
  if (customerId !== undefined) update = update.where('customer_id', '=', customerId);
  await update.execute();
}

/**
 * A case of `customerId` opened on `openedOn` whose steps (keys of the customer's playbook, in
 * order) each reached the debtor on the given day: the history a test starts a case from.
 */
export async function caseWithStepsTaken(
  database: Database,
  orgId: bigint,
  customerId: bigint,
  openedOn: string,
  steps: { key: string; index: number; on: string; channel?: 'email' | 'letter' | 'call' }[],
) {
  const opened = await database.db.insertInto('cases').values({ org_id: orgId, customer_id: customerId, opened_on: openedOn }).returning('id').executeTakeFirstOrThrow();
  for (const step of steps) {
    const channel = step.channel ?? 'email';
    await database.db
      .insertInto('actions')
      .values({
        org_id: orgId,
        customer_id: customerId,
        case_id: opened.id,
        idempotency_key: `case:${opened.id}:${step.key}`,
        cycle_date: step.on,
        kind: channel === 'call' ? 'task' : 'send',
        channel,
        playbook_name: 'standard',
        playbook_version: 0,
        step_key: step.key,
        step_name: step.key,
        step_index: step.index,
        tone: 'friendly',
        template: step.key,
        status: channel === 'call' ? 'done' : 'sent',
        due_at: `${step.on}T09:00:00Z`,
        amounts: '{}',
        data: '{}',
        sent_on: step.on,
        finished_at: `${step.on}T09:00:00Z`,
      } as never)
      .execute();
  }
  return opened.id;
}

/** The clock a use case is given in a test: 10:00 UTC on a business date, which is that same date in
 * every time zone the tests use, so the timeline's stamp is one the test can state exactly. */
export function instantOn(date: string): Temporal.Instant {
  return Temporal.Instant.from(`${date}T10:00:00Z`);
}
