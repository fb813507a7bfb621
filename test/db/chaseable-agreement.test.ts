// Every part of Arrears that decides what a customer is chased for must give the same answer: the
// cycle's snapshot (with the planner's skip of a held or promised customer), the dispatcher's last
// look (the message model built at the moment of sending), the playbook conditions (minBalance)
// and aging's chaseable figure. Over random ledgers — payments, credit notes, holds on invoices and
// on customers (begun, ended, released), disputes of all or part of an invoice (open or resolved),
// promises to pay — each agrees, per customer and currency, with the rule of chaseable.ts applied
// to the ledger as generated.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import { messageModelFor, readFactsFor } from '../../src/app/shared/message-for-action.ts';
import type { Database } from '../../src/db/engine.ts';
import { chaseableAmount } from '../../src/db/queries/chaseable.ts';
import { streamCycleSnapshot } from '../../src/db/queries/cycle-snapshot.ts';
import { overdueByCurrency } from '../../src/db/queries/playbooks.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { collectionSettings } from '../../src/domain/collection-settings.ts';
import { isHoldActive } from '../../src/domain/pauses.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeDispute, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

const today = '2026-11-24';
const day = (offset: number) => addDays(today, offset);

/** A hold's days relative to today: it may not have begun, may have ended, or been released (before, on or after today). */
const hold = fc
  .record({ starts: fc.integer({ min: -20, max: 3 }), length: fc.option(fc.integer({ min: 0, max: 25 })), released: fc.option(fc.integer({ min: -10, max: 3 })) })
  .map(({ starts, length, released }) => ({ startsOn: day(starts), endsOn: length === null ? null : day(starts + length), releasedOn: released === null ? null : day(Math.max(starts, released)) }));

const invoice = fc
  .record({
    currency: fc.constantFrom('GBP', 'GBP', 'EUR'),
    total: fc.bigInt({ min: 1n, max: 100_000n }),
    due: fc.integer({ min: -60, max: 5 }),
    status: fc.constantFrom('open', 'open', 'open', 'open', 'void', 'written_off'),
    /** Parts of the total paid and credited (out of 4). */
    paidQuarters: fc.integer({ min: 0, max: 4 }),
    creditedQuarters: fc.integer({ min: 0, max: 4 }),
    /** null: a dispute of the whole invoice; else of that much. */
    disputes: fc.array(fc.record({ amount: fc.option(fc.bigInt({ min: 1n, max: 120_000n }), { freq: 3 }), open: fc.boolean() }), { maxLength: 2 }),
    holds: fc.array(hold, { maxLength: 1 }),
  })
  .map((generated) => {
    const paid = (generated.total * BigInt(generated.paidQuarters)) / 4n;
    const credited = ((generated.total - paid) * BigInt(generated.creditedQuarters)) / 4n;
    return { ...generated, paid, credited };
  });

const customer = fc.record({
  invoices: fc.array(invoice, { minLength: 1, maxLength: 4 }),
  holds: fc.array(hold, { maxLength: 1 }),
  promise: fc.constantFrom(null, null, 'pending', 'kept', 'broken'),
});

type GeneratedCustomer = typeof customer extends fc.Arbitrary<infer T> ? T : never;

/** Per customer (by index), "currency" → amount, leaving out nothing-at-all. */
type Chased = Map<number, Map<string, bigint>>;

function add(chased: Chased, customerIndex: number, currency: string, amount: bigint) {
  if (amount === 0n) return;
  const byCurrency = chased.get(customerIndex) ?? new Map<string, bigint>();
  byCurrency.set(currency, (byCurrency.get(currency) ?? 0n) + amount);
  chased.set(customerIndex, byCurrency);
}

/** The rule of chaseable.ts applied to the ledger as generated: what is owed past its due date and may be chased today. */
function expected(customers: GeneratedCustomer[]): Chased {
  const chased: Chased = new Map();
  customers.forEach((c, index) => {
    const customerHeld = c.holds.some((h) => isHoldActive(h, today));
    for (const i of c.invoices) {
      if (day(i.due) >= today) continue;
      const open = i.disputes.filter((d) => d.open);
      const disputed = open.some((d) => d.amount === null) ? null : open.reduce((sum, d) => sum + d.amount!, 0n);
      const facts = { open: i.status === 'open', balance: i.total - i.paid - i.credited, disputed, invoiceHeld: i.holds.some((h) => isHoldActive(h, today)), customerHeld, promised: c.promise === 'pending' };
      add(chased, index, i.currency, chaseableAmount(facts));
    }
  });
  return chased;
}

describeEachEngine('what a customer is chased for', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function insertLedger(orgId: bigint, customers: GeneratedCustomer[]) {
    const ids: { customerId: bigint; invoiceIds: bigint[] }[] = [];
    for (const [index, c] of customers.entries()) {
      const row = await makeCustomer(database, orgId, { externalId: `C-${index}` });
      const invoiceIds: bigint[] = [];
      for (const [n, i] of c.invoices.entries()) {
        const inv = await makeInvoice(database, orgId, row.id, { number: `I-${index}-${n}`, issueDate: day(i.due - 30), dueDate: day(i.due), total: i.total, currency: i.currency, status: i.status as 'open' });
        invoiceIds.push(inv.id);
        if (i.paid > 0n) await makePayment(database, inv, i.paid, day(-2));
        if (i.credited > 0n) {
          const note = await database.db
            .insertInto('credit_notes')
            .values({ org_id: orgId, customer_id: row.id, number: `CN-${index}-${n}`, external_id: null, issue_date: day(-1), currency: i.currency, total: i.credited, reason: null })
            .returning('id')
            .executeTakeFirstOrThrow();
          await database.db.insertInto('allocations').values({ org_id: orgId, invoice_id: inv.id, payment_id: null, credit_note_id: note.id, amount: i.credited, allocated_on: day(-1) }).execute();
        }
        for (const d of i.disputes) await makeDispute(database, inv, { amount: d.amount, status: d.open ? 'open' : 'resolved', openedOn: day(-5) });
        for (const h of i.holds) await insertHold(orgId, row.id, inv.id, h);
      }
      for (const h of c.holds) await insertHold(orgId, row.id, null, h);
      if (c.promise !== null) {
        await database.db
          .insertInto('promises')
          .values({ org_id: orgId, customer_id: row.id, made_on: day(-3), due_on: day(4), amount: 100n, currency: 'GBP', status: c.promise as 'pending', resolved_on: c.promise === 'pending' ? null : day(-1), created_by: 'test' })
          .execute();
      }
      ids.push({ customerId: row.id, invoiceIds });
    }
    return ids;
  }

  function insertHold(orgId: bigint, customerId: bigint, invoiceId: bigint | null, h: { startsOn: string; endsOn: string | null; releasedOn: string | null }) {
    return database.db
      .insertInto('holds')
      .values({ org_id: orgId, customer_id: customerId, invoice_id: invoiceId, reason: 'test', starts_on: h.startsOn, ends_on: h.endsOn, released_on: h.releasedOn, created_by: 'test' })
      .execute();
  }

  it('is the same amount in the cycle, the last look, the playbook conditions and aging, on every ledger', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(customer, { minLength: 1, maxLength: 3 }), async (customers) => {
        const { org: created } = await makeOrg(database);
        const org = await database.db.selectFrom('orgs').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow();
        const ids = await insertLedger(org.id, customers);
        const indexOf = new Map(ids.map((entry, index) => [entry.customerId, index]));
        const want = expected(customers);

        // the cycle: the snapshot's chaseable invoices, less a customer the planner skips (held, promised)
        const cycle: Chased = new Map();
        await database.db.transaction().execute(async (tx) => {
          for await (const states of streamCycleSnapshot(tx, { orgId: org.id, date: today, preDueDays: 0, orgTimeZone: org.time_zone })) {
            for (const state of states) {
              if (state.hold || state.pendingPromise) continue;
              for (const i of state.invoices) if (i.dueDate < today) add(cycle, indexOf.get(state.customerId)!, i.currency, i.amount);
            }
          }
        });

        // the dispatcher's last look: the message model of a send about all the customer's invoices
        const actions = ids.map(({ customerId, invoiceIds }) => ({
          customerId, invoiceIds, stepKey: 'reminder', stepName: 'Reminder', stepIndex: 0, tone: 'friendly' as const,
          playbookName: null, playbookVersion: null, template: null, channel: 'email' as const,
        }));
        const facts = await readFactsFor(database.db, org, actions, today);
        const lastLook: Chased = new Map();
        for (const action of actions) {
          const { invoices } = messageModelFor(action, org, collectionSettings(org.settings), facts, today);
          for (const i of invoices) if (i.due_date < today) add(lastLook, indexOf.get(action.customerId)!, i.currency, i.chaseable);
        }

        // the playbook conditions
        const conditions: Chased = new Map();
        for (const { customerId } of ids) {
          for (const [currency, amount] of await overdueByCurrency(database.db, org.id, customerId, today)) add(conditions, indexOf.get(customerId)!, currency, amount);
        }

        // aging's chaseable figure
        const aging: Chased = new Map();
        for (const row of (await computeAging(database.db, org.id, today)).customers) add(aging, indexOf.get(BigInt(row.id))!, row.currency, row.chaseable);

        expect(cycle, 'the cycle').toEqual(want);
        expect(lastLook, "the dispatcher's last look").toEqual(want);
        expect(conditions, 'the playbook conditions').toEqual(want);
        expect(aging, "aging's chaseable amount").toEqual(want);
      }),
      { numRuns: 30 },
    );
  });
});
