// The cycle leaves out customers it found nothing new to do for (src/db/queries/plan-quiet.ts).
// A missed change there would silently stop chasing a customer, so this plans every customer
// every day beside it — a dry run that reads everyone — over weeks of random payments, invoices,
// disputes, holds, promises, responses and changes to customers, contacts and rules, and asks
// for the same actions and the same summary, day by day.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cancelPromise } from '../../src/app/arrangements/cancel-promise.ts';
import { createContact } from '../../src/app/customers/create-contact.ts';
import { excludeCustomer } from '../../src/app/collection/exclude-customer.ts';
import { openDispute } from '../../src/app/pauses/open-dispute.ts';
import { placeHold } from '../../src/app/pauses/place-hold.ts';
import { recordActivity } from '../../src/app/shared/record-activity.ts';
import { recordCreditNote } from '../../src/app/ledger/record-credit-note.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { recordPromise } from '../../src/app/arrangements/record-promise.ts';
import { releaseHold } from '../../src/app/pauses/release-hold.ts';
import { resolveDispute } from '../../src/app/pauses/resolve-dispute.ts';
import { runCycle, type CycleProgress, type CycleReport } from '../../src/app/cycle/run-cycle.ts';
import { setCustomerPlaybook } from '../../src/app/playbooks/set-customer-playbook.ts';
import { setPlaybookRules } from '../../src/app/playbooks/set-playbook-rules.ts';
import { updateContact } from '../../src/app/customers/update-contact.ts';
import { updateInvoice } from '../../src/app/ledger/update-invoice.ts';
import { writeOffInvoice } from '../../src/app/arrangements/write-off-invoice.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { addDays, type IsoDate } from '../../src/domain/calendar.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { deliverWaiting, instantOn, makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

/** A small seeded generator (mulberry32): the same events on every run and engine. */
function random(seed: number) {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T | undefined => (items.length === 0 ? undefined : items[int(0, items.length - 1)]);
  return { next, int, pick };
}

/** What a user sees of a day's cycle, without ids and the created flag (a dry run's ids name nothing). */
function seen(report: CycleReport) {
  const actions = report.actions
    .map(({ id: _id, created: _created, ...action }) => action)
    .sort((a, b) => `${a.customerExternalId} ${a.step}`.localeCompare(`${b.customerExternalId} ${b.step}`));
  const { quiet: _quiet, ...summary } = report.summary;
  return { actions, summary };
}

describeEachEngine('customers with nothing new due are left out of the cycle', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function portfolio(org: Org, rng: ReturnType<typeof random>) {
    const customers = [];
    for (let n = 1; n <= 30; n += 1) {
      const customer = await makeCustomer(database, org.id, { externalId: `Q${n}`, name: `Quiet ${n} Ltd` });
      // some cross the built-in rules' 6- and 24-month lines during the weeks simulated
      const since = n % 3 === 0 ? addDays('2024-11-24', 5 * n) : n % 3 === 1 ? addDays('2026-05-24', 2 * n) : '2021-03-01';
      await database.db
        .updateTable('customers')
        .set({ customer_since: since, tags: n % 5 === 0 ? ['key'] : [], risk: n % 7 === 0 ? 'high' : 'normal' })
        .where('org_id', '=', org.id)
        .where('id', '=', customer.id)
        .execute();
      await database.db
        .insertInto('contacts')
        .values({ org_id: org.id, customer_id: customer.id, name: 'Accounts', email: `q${n}@example.com`, email_source: 'test', phone: '+44 113 496 0000', address_line1: '1 High St', city: 'Leeds', postal_code: 'LS1 1AA', country: 'GB', import_key: null } as never)
        .execute();
      for (let i = 0; i < rng.int(0, 3); i += 1) {
        const issued = addDays('2026-11-24', -rng.int(0, 90));
        await makeInvoice(database, org.id, customer.id, { number: `Q${n}-${i}`, issueDate: issued, dueDate: addDays(issued, rng.int(0, 45)), total: BigInt(rng.int(50, 900)) * 100n });
      }
      customers.push(customer);
    }
    return customers;
  }

  // Busy: a write for most customers most weeks. Sparse: long quiet stretches, where a day missing
  // from quietUntil is not hidden by a write ending the quiet anyway.
  it.each([
    { weeks: 9, eventsPerDay: [2, 10], seed: 20261124, label: 'busy' },
    { weeks: 17, eventsPerDay: [0, 2], seed: 20261125, label: 'sparse' },
  ])('plans the same actions as reading every customer, every day, over $weeks weeks of random events ($label)', async ({ weeks, eventsPerDay, seed }) => {
    const rng = random(seed);
    const { org } = await makeOrg(database);
    const customers = await portfolio(org, rng);
    const actor = 'test';
    let invoiceCount = 0;
    let quietTotal = 0;
    let plannedTotal = 0;

    const openInvoices = async (customerId: bigint) =>
      database.db.selectFrom('invoices').selectAll().where('org_id', '=', org.id).where('customer_id', '=', customerId).where('status', '=', 'open').where('balance', '>', 0n).execute();

    const events: Array<(day: IsoDate) => Promise<unknown>> = [
      async (day) => {
        // a new invoice: issued today, earlier (an import catching up) or ahead
        const customer = rng.pick(customers)!;
        const issued = addDays(day, rng.int(-40, 4));
        invoiceCount += 1;
        return makeInvoice(database, org.id, customer.id, { number: `N-${invoiceCount}`, issueDate: issued, dueDate: addDays(issued, rng.int(0, 30)), total: BigInt(rng.int(20, 500)) * 100n });
      },
      async (day) => {
        const customer = rng.pick(customers)!;
        const invoice = rng.pick(await openInvoices(customer.id));
        if (!invoice) return;
        const amount = rng.next() < 0.5 ? invoice.balance : invoice.balance / 2n + 1n;
        return recordPayment(database.db, org.id, { customerId: customer.id, receivedOn: day, amount, allocations: [{ invoiceId: invoice.id, amount }], actor, now: instantOn(day) });
      },
      async (day) => {
        const customer = rng.pick(customers)!;
        if ((await openInvoices(customer.id)).length === 0) return;
        invoiceCount += 1;
        return recordCreditNote(database.db, org.id, { customerId: customer.id, number: `CN-${invoiceCount}`, issueDate: day, total: 1500n, actor, now: instantOn(day) });
      },
      async (day) => {
        const invoice = rng.pick(await openInvoices(rng.pick(customers)!.id));
        if (!invoice) return;
        const open = await database.db.selectFrom('disputes').select('id').where('org_id', '=', org.id).where('invoice_id', '=', invoice.id).where('status', '=', 'open').executeTakeFirst();
        if (open) return resolveDispute(database.db, org.id, { disputeId: open.id, outcome: rng.pick(['upheld', 'rejected'] as const)!, resolution: 'checked', today: day, now: instantOn(day), actor }).catch(() => undefined);
        return openDispute(database.db, org.id, { invoiceId: invoice.id, reasonCode: 'other', reason: 'not received', amount: rng.next() < 0.5 ? null : 1000n, today: day, now: instantOn(day), actor });
      },
      async (day) => {
        const customer = rng.pick(customers)!;
        const held = await database.db.selectFrom('holds').select('id').where('org_id', '=', org.id).where('customer_id', '=', customer.id).where('released_on', 'is', null).executeTakeFirst();
        if (held && rng.next() < 0.5) return releaseHold(database.db, org.id, { holdId: held.id, today: day, now: instantOn(day), actor }).catch(() => undefined);
        const invoice = rng.next() < 0.5 ? rng.pick(await openInvoices(customer.id)) : undefined;
        return placeHold(database.db, org.id, { customerId: customer.id, invoiceId: invoice?.id ?? null, reason: 'query', endsOn: rng.next() < 0.7 ? addDays(day, rng.int(0, 9)) : null, today: day, now: instantOn(day), actor }).catch(() => undefined);
      },
      async (day) => {
        const customer = rng.pick(customers)!;
        const invoice = rng.pick(await openInvoices(customer.id));
        if (!invoice) return;
        return recordPromise(database.db, org.id, { customerId: customer.id, amount: invoice.balance, dueOn: addDays(day, rng.int(1, 8)), today: day, now: instantOn(day), actor }).catch(() => undefined);
      },
      async (day) => {
        const customer = rng.pick(customers)!;
        return recordActivity(database.db, org.id, { customerId: customer.id, kind: 'reply', actor, summary: 'wrote back', data: {}, at: Temporal.Instant.from(`${day}T12:00:00Z`) });
      },
      async () => {
        const customer = rng.pick(customers)!;
        const change = rng.int(0, 2);
        if (change === 0) return database.db.updateTable('contacts').set({ opt_out_email: rng.next() < 0.5 }).where('org_id', '=', org.id).where('customer_id', '=', customer.id).execute();
        if (change === 1) return database.db.updateTable('customers').set({ tags: rng.next() < 0.5 ? ['key'] : [] }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
        return database.db.updateTable('customers').set({ excluded_reason: rng.next() < 0.7 ? null : 'owner handles it' }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
      },
      async (day) => {
        const invoice = rng.pick(await openInvoices(rng.pick(customers)!.id));
        if (invoice) return writeOffInvoice(database.db, org.id, { invoiceId: invoice.id, reasonCode: 'uncollectable', role: 'owner', today: day, now: instantOn(day), actor });
      },
      async (day) => {
        // the dispatcher's work: a few waiting actions reach the debtor (with a deadline now and
        // then) or lapse; the case moves on from them
        const waiting = await database.db.selectFrom('actions').select(['id', 'kind']).where('org_id', '=', org.id).where('status', 'in', ['ready', 'deferred']).execute();
        for (let k = rng.int(1, 6); k > 0; k -= 1) {
          const action = rng.pick(waiting);
          if (!action) return;
          const reached = rng.next() < 0.85;
          await database.db
            .updateTable('actions')
            .set(
              reached
                ? { status: action.kind === 'task' ? 'done' : 'sent', sent_on: day, deadline_on: rng.next() < 0.5 ? addDays(day, rng.int(7, 20)) : null, finished_at: `${day}T10:00:00Z` }
                : { status: 'failed', finished_at: `${day}T10:00:00Z` },
            )
            .where('org_id', '=', org.id)
            .where('id', '=', action.id)
            .execute();
        }
      },
      async () => {
        if (rng.next() < 0.7) return;
        return setPlaybookRules(database.db, org.id, rng.next() < 0.5 ? [{ playbook: 'tight', conditions: { customerForMonthsLessThan: 9 } }] : [{ playbook: 'gentle', conditions: { minBalance: { GBP: '300.00' } } }], actor, instantOn(day));
      },
    ];

    let day: IsoDate = '2026-11-24';
    for (let n = 0; n < weeks * 7; n += 1, day = addDays(day, 1)) {
      for (let e = rng.int(eventsPerDay[0]!, eventsPerDay[1]!); e > 0; e -= 1) await rng.pick(events)!(day);
      // now and then the cycle does not run for a day or two (downtime)
      if (n > 0 && rng.next() < 0.1) continue;
      const everyone = await runCycle(database.db, org, day, { dryRun: true, replanQuiet: true });
      const skipping = await runCycle(database.db, org, day);
      expect(seen(skipping), `cycle of ${day}`).toEqual(seen(everyone));
      expect(everyone.summary.quiet).toBe(0);
      quietTotal += skipping.summary.quiet;
      plannedTotal += skipping.summary.customers - skipping.summary.quiet;
    }
    // the skipping is real: most customer-days were left out
    expect(quietTotal).toBeGreaterThan(plannedTotal);
  }, 240_000);

  // Each write that can change what the planner decides must end the customer's quiet (the
  // random weeks above rarely hit a write on the one day it matters). The customer's oldest
  // invoice is 14 days overdue on the 24th, when the case's first message is planned; the next
  // step waits for it to reach them: without a write it is quiet on the 25th.
  type Setup = { org: Org; customerId: bigint; oldest: bigint; newer: bigint; contactId: bigint; holdId?: bigint; promiseId?: bigint; disputeId?: bigint };
  const today = '2026-11-25';
  const actor = 'test';
  const writes: Array<[string, (s: Setup) => Promise<unknown>, ((s: Setup) => Promise<Partial<Setup>>)?]> = [
    ['nothing (the control: quiet)', async () => undefined],
    ['a new invoice', (s) => makeInvoice(database, s.org.id, s.customerId, { issueDate: '2026-11-01', dueDate: '2026-11-20', total: 10_00n })],
    ['a payment', (s) => recordPayment(database.db, s.org.id, { customerId: s.customerId, receivedOn: today, amount: 5_00n, allocations: [{ invoiceId: s.newer, amount: 5_00n }], actor, now: instantOn(today) })],
    ['a credit note', (s) => recordCreditNote(database.db, s.org.id, { customerId: s.customerId, number: 'CN-1', issueDate: today, total: 5_00n, allocations: [{ invoiceId: s.newer, amount: 5_00n }], actor, now: instantOn(today) })],
    ['an invoice written off', (s) => writeOffInvoice(database.db, s.org.id, { invoiceId: s.newer, reasonCode: 'uncollectable', role: 'owner', today, now: instantOn(today), actor })],
    ['an invoice voided', (s) => updateInvoice(database.db, s.org.id, s.newer, { status: 'void', actor, now: instantOn(today) })],
    ['a dispute opened', (s) => openDispute(database.db, s.org.id, { invoiceId: s.newer, reasonCode: 'other', reason: 'wrong', today, now: instantOn(today), actor })],
    [
      'a dispute resolved',
      (s) => resolveDispute(database.db, s.org.id, { disputeId: s.disputeId!, outcome: 'rejected', resolution: 'checked', today, now: instantOn(today), actor }),
      async (s) => ({ disputeId: (await openDispute(database.db, s.org.id, { invoiceId: s.oldest, reasonCode: 'other', reason: 'wrong', today: '2026-11-20', now: instantOn('2026-11-20'), actor })).id }),
    ],
    ['a hold placed', (s) => placeHold(database.db, s.org.id, { customerId: s.customerId, reason: 'query', today, now: instantOn(today), actor })],
    [
      'a hold released',
      (s) => releaseHold(database.db, s.org.id, { holdId: s.holdId!, today, now: instantOn(today), actor }),
      async (s) => ({ holdId: (await placeHold(database.db, s.org.id, { customerId: s.customerId, invoiceId: s.oldest, reason: 'query', today: '2026-11-20', now: instantOn('2026-11-20'), actor })).id }),
    ],
    ['a promise recorded', (s) => recordPromise(database.db, s.org.id, { customerId: s.customerId, amount: 10_00n, dueOn: '2026-11-30', today, now: instantOn(today), actor })],
    [
      'a promise cancelled',
      (s) => cancelPromise(database.db, s.org.id, { promiseId: s.promiseId!, today, now: instantOn(today), actor }),
      async (s) => ({ promiseId: (await recordPromise(database.db, s.org.id, { customerId: s.customerId, amount: 10_00n, dueOn: '2026-12-20', today: '2026-11-20', now: instantOn('2026-11-20'), actor })).promise.id }),
    ],
    ['a contact added', (s) => createContact(database.db, s.org.id, { customerId: s.customerId, name: 'Owner', phone: '+44 113 496 0001' })],
    ['a contact changed', (s) => updateContact(database.db, s.org.id, s.contactId, { optOut: { email: true } })],
    ['another playbook set for the customer', (s) => setCustomerPlaybook(database.db, s.org.id, s.customerId, 'tight', actor, instantOn(today))],
    ['the customer excluded', (s) => excludeCustomer(database.db, s.org.id, s.customerId, 'the owner handles it', actor, instantOn(today))],
    ['a response', (s) => recordActivity(database.db, s.org.id, { customerId: s.customerId, kind: 'reply', actor, summary: 'wrote back', data: {}, at: instantOn(today) })],
    ['the message reaching the debtor', (s) => deliverWaiting(database, s.org.id, s.customerId)],
    [
      'the message failing',
      (s) => database.db.updateTable('actions').set({ status: 'failed' }).where('org_id', '=', s.org.id).where('customer_id', '=', s.customerId).execute(),
    ],
  ];

  it.each(writes)('after %s the customer is read again the next day', async (_name, write, prepare) => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id, { externalId: 'W1' });
    const contact = await createContact(database.db, org.id, { customerId: customer.id, name: 'Accounts', email: 'w1@example.com', emailSource: 'test' });
    const oldest = await makeInvoice(database, org.id, customer.id, { issueDate: '2026-10-01', dueDate: '2026-11-10', total: 100_00n });
    const newer = await makeInvoice(database, org.id, customer.id, { issueDate: '2026-10-20', dueDate: '2026-11-19', total: 50_00n });
    let setup: Setup = { org, customerId: customer.id, oldest: oldest.id, newer: newer.id, contactId: contact.id };
    if (prepare) setup = { ...setup, ...(await prepare(setup)) };
    await runCycle(database.db, org, '2026-11-24');
    await write(setup);
    const next = await runCycle(database.db, org, today);
    expect(next.summary.quiet).toBe(write === writes[0]![1] ? 1 : 0);
  });

  it('reports its progress over the customers it reads, the quiet ones apart', async () => {
    const { org } = await makeOrg(database);
    const [quiet, stirred] = [await makeCustomer(database, org.id, { externalId: 'P1' }), await makeCustomer(database, org.id, { externalId: 'P2' })];
    for (const customer of [quiet, stirred]) {
      await createContact(database.db, org.id, { customerId: customer.id, name: 'Accounts', email: `${customer.external_id}@example.com`, emailSource: 'test' });
      await makeInvoice(database, org.id, customer.id, { issueDate: '2026-10-01', dueDate: '2026-11-10', total: 100_00n });
    }
    await runCycle(database.db, org, '2026-11-24');
    await recordActivity(database.db, org.id, { customerId: stirred.id, kind: 'reply', actor, summary: 'wrote back', data: {}, at: Temporal.Instant.from('2026-11-24T15:00:00Z') });
    const progress: CycleProgress[] = [];
    await runCycle(database.db, org, today, { onProgress: (step) => void progress.push(step) });
    expect(progress.at(-1)).toEqual({ planned: 1, toPlan: 1, quiet: 1 });
  });

  it.runIf(engine === 'postgres')('a change committed while the cycle plans is not lost: that customer is read again the next day', async () => {
    const { org } = await makeOrg(database);
    const [touched, untouched] = [await makeCustomer(database, org.id, { externalId: 'R1' }), await makeCustomer(database, org.id, { externalId: 'R2' })];
    for (const customer of [touched, untouched]) {
      await database.db
        .insertInto('contacts')
        .values({ org_id: org.id, customer_id: customer.id, name: 'Accounts', email: `${customer.external_id}@example.com`, email_source: 'test', country: 'GB', import_key: null } as never)
        .execute();
      await makeInvoice(database, org.id, customer.id, { issueDate: '2026-10-01', dueDate: '2026-11-10', total: 100_00n });
    }
    // After the cycle has read and planned R1, before it writes that R1 is quiet, another
    // connection places a hold on R1 and commits.
    await runCycle(database.db, org, '2026-11-24', {
      onProgress: async () => {
        await placeHold(database.db, org.id, { customerId: touched.id, reason: 'query', today: '2026-11-24', now: instantOn('2026-11-24'), actor: 'test' });
      },
    });
    const next = await runCycle(database.db, org, '2026-11-25');
    expect(next.summary).toMatchObject({ customers: 2, quiet: 1, skipped: { on_hold: 1, nothing_due: 1 } });
  });
});
