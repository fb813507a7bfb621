// Small-balance write-offs by policy: the daily cycle gives up small balances long overdue, with
// reason small-balance and actor policy, and leaves alone what is recent, larger, disputed, in a
// currency the policy does not name, or whose write-off an owner reversed.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reverseWriteOff } from '../../src/app/arrangements/reverse-write-off.ts';
import { setArrangementPolicy } from '../../src/app/arrangements/set-arrangement-policy.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { Database } from '../../src/db/engine.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeDispute, makeInvoice, makeOrg } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from '../pauses/support.ts';

const today = '2026-11-23';
const owner = 'user:1';

describeEachEngine('small-balance write-offs by policy', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  const orgRow = (id: bigint) => database.db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const statusOf = async (id: bigint) => (await database.db.selectFrom('invoices').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  /** One customer per invoice, so aging can be read per invoice. */
  async function portfolio(orgId: bigint) {
    const invoice = async (ref: string, total: bigint, daysOverdue: number, currency = 'GBP') => {
      const customer = await makeCustomer(database, orgId, { externalId: ref, name: `${ref} Ltd`, currency });
      return makeInvoice(database, orgId, customer.id, { number: ref, dueDate: addDays(today, -daysOverdue), total, currency });
    };
    const small = await invoice('SMALL', 3_00n, 100);
    const recent = await invoice('RECENT', 3_00n, 30);
    const larger = await invoice('LARGER', 6_00n, 100);
    const edge = await invoice('EDGE', 5_00n, 90); // exactly the maximum, exactly the days
    const disputed = await invoice('DISPUTED', 3_00n, 100);
    await makeDispute(database, disputed, { amount: null });
    const euros = await invoice('EUROS', 3_00n, 100, 'EUR');
    return { small, recent, larger, edge, disputed, euros };
  }

  it('with the default policy nothing is written off', async () => {
    const { org } = await makeOrg(database);
    const { small } = await portfolio(org.id);
    const report = await runCycle(database.db, await orgRow(org.id), today);
    expect(report.summary.writeOffs).toEqual({ smallBalance: 0 });
    expect(await statusOf(small.id)).toBe('open');
    expect(await database.db.selectFrom('write_offs').select('id').where('org_id', '=', org.id).execute()).toEqual([]);
  });

  it('writes off a £3.00 balance 100 days overdue (and £5.00 at 90 days), out of aging and on the timeline; leaves the others; an owner reverses it and the policy does not redo it', async () => {
    const { org } = await makeOrg(database);
    const invoices = await portfolio(org.id);
    await setArrangementPolicy(database.db, org.id, { value: { smallBalanceWriteOff: { maxBalance: { GBP: '5.00' } } }, role: 'owner', actor: owner, at: instantOn(today) });

    // a dry run reports what it would write off and writes nothing
    const dry = await runCycle(database.db, await orgRow(org.id), today, { dryRun: true });
    expect(dry.summary.writeOffs).toEqual({ smallBalance: 2 });
    expect(await statusOf(invoices.small.id)).toBe('open');

    const report = await runCycle(database.db, await orgRow(org.id), today);
    expect(report.summary.writeOffs).toEqual({ smallBalance: 2 });
    expect(report.actions.filter((a) => a.invoiceNumbers.includes('SMALL') || a.invoiceNumbers.includes('EDGE'))).toEqual([]);
    const writeOffs = await database.db.selectFrom('write_offs').selectAll().where('org_id', '=', org.id).orderBy('amount').execute();
    expect(writeOffs.map((w) => ({ invoice: w.invoice_id, amount: w.amount, reason: w.reason_code, by: w.created_by, on: w.written_off_on }))).toEqual([
      { invoice: invoices.small.id, amount: 3_00n, reason: 'small-balance', by: 'policy', on: today },
      { invoice: invoices.edge.id, amount: 5_00n, reason: 'small-balance', by: 'policy', on: today },
    ]);
    for (const kept of [invoices.recent, invoices.larger, invoices.disputed, invoices.euros]) expect(await statusOf(kept.id)).toBe('open');

    const aging = await computeAging(database.db, org.id, today);
    const inAging = (invoice: { customer_id: bigint }) => aging.customers.some((c) => c.id === String(invoice.customer_id));
    expect(inAging(invoices.small)).toBe(false);
    expect(inAging(invoices.larger)).toBe(true);
    const timeline = (await activitiesOf(database, org.id, 'write_off')).find((a) => a.customer_id === invoices.small.customer_id);
    expect(timeline).toMatchObject({ actor: 'policy', summary: 'Invoice SMALL written off: £3.00, balance too small to pursue' });
    expect(new Date(timeline!.occurred_at).toISOString()).toBe('2026-11-23T00:00:00.000Z'); // the cycle's day, London

    // the next day's run finds nothing more
    expect((await runCycle(database.db, await orgRow(org.id), addDays(today, 1))).summary.writeOffs).toEqual({ smallBalance: 0 });

    const small = writeOffs[0]!;
    await expectAppError(reverseWriteOff(database.db, org.id, { writeOffId: small.id, reason: 'they asked to pay', role: 'collector', today, now: instantOn(today), actor: owner }), 'forbidden', /owner role/);
    await reverseWriteOff(database.db, org.id, { writeOffId: small.id, reason: 'they asked to pay', role: 'owner', today, now: instantOn(today), actor: owner });
    expect(await statusOf(invoices.small.id)).toBe('open');
    expect((await runCycle(database.db, await orgRow(org.id), addDays(today, 2))).summary.writeOffs).toEqual({ smallBalance: 0 });
    expect(await statusOf(invoices.small.id)).toBe('open');
  });
});
