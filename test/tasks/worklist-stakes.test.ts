// The worklist ranks its actions by stakes stored between loads (migration 0032,
// db/queries/worklist-stakes.ts). What a collector must never see is a stale one: after a payment,
// a task the cycle made, an invoice an import changed, or a write another connection committed
// while a load was ranking, the next load's order is the one compareWorklistItems gives the items
// as they are now, and the same as ranked from the invoices directly (inside a transaction, where
// nothing is stored). The log of invoice changes is emptied by each load.
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { importFile } from '../../src/app/import/import-file.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { worklistPage, type WorklistItem } from '../../src/app/tasks/build-worklist.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Executor } from '../../src/db/executor.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import type { Org } from '../../src/db/schema.ts';
import { compareWorklistItems, type Rankable } from '../../src/domain/worklist-order.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeSenderOrg } from '../support/outbox-fixtures.ts';

const today = '2026-11-23';
const at = Temporal.Instant.from('2026-11-23T10:00:00Z');

function rankable(item: WorklistItem): Rankable {
  return { promiseDueToday: item.kind === 'promise_due', atStake: item.atStake, daysLate: item.daysLate, sequence: item.actionId ?? item.promiseId ?? item.settlementId ?? item.planId! };
}

describeEachEngine('Worklist stakes stored between loads', (engine) => {
  let database: Database;
  let org: Org;
  const customers = new Map<string, bigint>();
  const invoices = new Map<string, bigint>();

  /** A generic invoices file: each row [number, customer, due date, total, amount paid]. */
  const importInvoices = (name: string, rows: Array<[string, string, string, string, string]>) =>
    importFile(database.db, {
      orgId: org.id, kind: 'invoices', format: 'generic', fileName: name, today, at, currency: 'GBP',
      source: Readable.from([
        ['Invoice Number,Customer ID,Customer,Invoice Date,Due Date,Currency,Total,Amount Paid,Status', ...rows.map(([number, customer, due, total, paid]) => `${number},${customer},${customer} Ltd,2026-05-01,${due},GBP,${total},${paid},Authorised`)].join('\n'),
      ]),
    });

  const load = (on: Executor = database.db) => worklistPage(on, org, today, { offset: 0, limit: null });
  const customerOrder = (items: WorklistItem[]) => items.map((item) => item.customer.externalId);
  const changesLeft = async () => (await sql<{ n: number }>`select count(*)::int as n from stake_changes where org_id = ${org.id}`.execute(database.db)).rows[0]!.n;

  /** A load with stored stakes: its order is the comparator's over the items as read now, and the live ranking's. */
  async function loadRanked(): Promise<WorklistItem[]> {
    const { items } = await load();
    const sorted = [...items].sort((a, b) => compareWorklistItems(rankable(a), rankable(b)));
    expect(items.map((item) => item.key)).toEqual(sorted.map((item) => item.key));
    const live = await database.db.transaction().execute((tx) => load(tx));
    expect(items.map((item) => item.key)).toEqual(live.items.map((item) => item.key));
    return items;
  }

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeSenderOrg(database);
    // due 2026-10-24: 30 days late; £1,000, £800 and £600 open
    const report = await importInvoices('first.csv', [
      ['A-1', 'ALPHA', '2026-10-24', '1000.00', '0'],
      ['B-1', 'BRAVO', '2026-10-24', '800.00', '0'],
      ['C-1', 'CHARLIE', '2026-10-24', '600.00', '0'],
    ]);
    expect(report).toMatchObject({ status: 'completed' });
    for (const row of await database.db.selectFrom('invoices').select(['id', 'number', 'customer_id']).where('org_id', '=', org.id).execute()) {
      invoices.set(row.number, row.id);
      customers.set(row.number.slice(0, 1), row.customer_id);
    }
    await insertActions(
      database.db,
      org.id,
      ['A', 'B', 'C'].map((letter) => ({
        customerId: customers.get(letter)!, caseId: null, key: `call-${letter}`, cycleDate: '2026-11-20', kind: 'task', channel: 'call', playbookName: 'standard', playbookVersion: 0,
        stepKey: 'call', stepName: 'Call', stepIndex: 3, tone: 'firm', template: null, status: 'ready', dueAt: '2026-11-20T09:00:00Z', rule: null, reason: null,
        invoiceIds: [invoices.get(`${letter}-1`)!], invoiceNumbers: [`${letter}-1`], amounts: {}, data: {},
      })) as Parameters<typeof insertActions>[2],
    );
  });
  afterAll(() => database.close());

  it('stores the stakes on the first load, and ranks by them', async () => {
    expect(customerOrder(await loadRanked())).toEqual(['ALPHA', 'BRAVO', 'CHARLIE']);
    const stored = await sql<{ n: number }>`select count(*)::int as n from worklist_stakes where org_id = ${org.id}`.execute(database.db);
    expect(stored.rows[0]!.n).toBe(3);
    expect(await changesLeft()).toBe(0);
  });

  it('moves an item down on the next load after a payment on its invoice, and keeps no change rows', async () => {
    await recordPayment(database.db, org.id, { customerId: customers.get('A')!, amount: 500_00n, receivedOn: today, allocations: [{ invoiceId: invoices.get('A-1')!, amount: 500_00n }], actor: 'test', now: at });
    expect(await changesLeft()).toBeGreaterThan(0);
    const items = await loadRanked();
    expect(customerOrder(items)).toEqual(['BRAVO', 'CHARLIE', 'ALPHA']);
    expect(items.find((item) => item.customer.externalId === 'ALPHA')!.atStake).toEqual([{ currency: 'GBP', amount: 500_00n }]);
    expect(await changesLeft()).toBe(0);
  });

  it('re-ranks an invoice an import changed', async () => {
    // the accounting system now says £700 of Bravo's £800 is paid, and the invoice due on 2026-11-13
    const report = await importInvoices('second.csv', [['B-1', 'BRAVO', '2026-11-13', '800.00', '700.00']]);
    expect(report).toMatchObject({ status: 'completed', counts: { invoicesUpdated: 1, paymentsRecorded: 1 } });
    const items = await loadRanked();
    expect(customerOrder(items)).toEqual(['CHARLIE', 'ALPHA', 'BRAVO']);
    expect(items.find((item) => item.customer.externalId === 'BRAVO')).toMatchObject({ atStake: [{ currency: 'GBP', amount: 100_00n }], daysLate: 10 });
    expect(await changesLeft()).toBe(0);
  });

  it('ranks a task the cycle made in its place', async () => {
    // Delta: £5,000 due 2026-05-01, over 120 days late: the cycle queues a review for it
    await importInvoices('third.csv', [['D-1', 'DELTA', '2026-05-01', '5000.00', '0']]);
    await loadRanked();
    await runCycle(database.db, org, today);
    const items = await loadRanked();
    const delta = items.filter((item) => item.customer.externalId === 'DELTA');
    expect(delta.length).toBeGreaterThan(0);
    // the largest stake, the longest late: first
    expect(items[0]!.customer.externalId).toBe('DELTA');
    expect(items[0]!.atStake).toEqual([{ currency: 'GBP', amount: 5000_00n }]);
    expect(await changesLeft()).toBe(0);
  });

  it('uses what is stored until a change says otherwise, and recomputes every stake when the scales they were weighed with differ', async () => {
    const before = customerOrder(await loadRanked());
    const charlie = (await database.db.selectFrom('actions').select('id').where('org_id', '=', org.id).where('idempotency_key', '=', 'call-C').executeTakeFirstOrThrow()).id;
    // a stored weight no change touched is read as stored (the proof the load does not recompute it)
    await sql`update worklist_stakes set weight = 10e12 where org_id = ${org.id} and action_id = ${charlie}`.execute(database.db);
    expect(customerOrder((await load()).items)[0]).toBe('CHARLIE');
    // the same weight under other scales: every stake is recomputed
    await sql`update worklist_stakes_seen set scales = '{}' where org_id = ${org.id}`.execute(database.db);
    expect(customerOrder(await loadRanked())).toEqual(before);
  });

  it('notes every kind of write to invoices, the one table a stake reads', async () => {
    const { rows } = await sql<{ event: string }>`
      select case when t.tgtype & 4 <> 0 then 'INSERT' when t.tgtype & 8 <> 0 then 'DELETE' when t.tgtype & 16 <> 0 then 'UPDATE' else 'TRUNCATE' end as event
        from pg_trigger t join pg_proc p on p.oid = t.tgfoid
       where t.tgrelid = 'invoices'::regclass and p.proname in ('note_stake_change', 'note_stake_truncate')
       order by 1`.execute(database.db);
    expect(rows.map((row) => row.event)).toEqual(['DELETE', 'INSERT', 'TRUNCATE', 'UPDATE']);
  });

  it.skipIf(engine === 'pglite')('sees on the next load a payment another connection committed while a load was ranking (PostgreSQL: PGlite has one connection)', async () => {
    const before = customerOrder(await loadRanked());
    expect(before.at(-1)).toBe('BRAVO');
    // Bravo pays the rest of its invoice in a transaction still open when the next load ranks …
    let commit!: () => void;
    const open = new Promise<void>((resolve) => (commit = resolve));
    let written!: () => void;
    const paid = new Promise<void>((resolve) => (written = resolve));
    const payment = database.db.transaction().execute(async (tx) => {
      const { id } = await tx
        .insertInto('payments')
        .values({ org_id: org.id, customer_id: customers.get('B')!, external_id: null, received_on: today, amount: 100_00n, currency: 'GBP', method: null, reference: null, import_id: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx.insertInto('allocations').values({ org_id: org.id, invoice_id: invoices.get('B-1')!, payment_id: id, credit_note_id: null, amount: 100_00n, allocated_on: today }).execute();
      written();
      await open;
    });
    await paid;
    const during = await load();
    expect(customerOrder(during.items)).toEqual(before);
    // … and commits after that load stored its stakes, with a snapshot that did not see it
    commit();
    await payment;
    const after = await loadRanked();
    expect(after.find((item) => item.customer.externalId === 'BRAVO')!.atStake).toEqual([]);
    expect(customerOrder(after).at(-1)).toBe('BRAVO');
    expect(after.find((item) => item.customer.externalId === 'BRAVO')!.daysLate).toBe(0);
    expect(await changesLeft()).toBe(0);
  });

  it.skipIf(engine === 'pglite')('does not wait for a load storing the stakes in another connection, and still ranks by the invoices as they are (PostgreSQL: PGlite has one connection)', async () => {
    const calls = await database.db.selectFrom('actions').select('id').where('org_id', '=', org.id).where('idempotency_key', 'in', ['call-A', 'call-C']).execute();
    const ours = new Set(calls.map((call) => `action:${call.id}`));
    // the order of the two call tasks made above, whatever the cycle added for the same customers
    const alphaCharlie = (items: WorklistItem[]) => customerOrder(items.filter((item) => ours.has(item.key)));
    expect(alphaCharlie(await loadRanked())).toEqual(['CHARLIE', 'ALPHA']);
    await recordPayment(database.db, org.id, { customerId: customers.get('C')!, amount: 550_00n, receivedOn: today, allocations: [{ invoiceId: invoices.get('C-1')!, amount: 550_00n }], actor: 'test', now: at });
    const seen = async () => (await sql<{ seen: string }>`select seen::text as seen from worklist_stakes_seen where org_id = ${org.id}`.execute(database.db)).rows[0]!.seen;
    const stored = await seen();
    // another load holds the stakes lock (storing them) …
    let release!: () => void;
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const elsewhere = database.db.transaction().execute(async (tx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended('arrears-worklist-stakes:' || ${org.id.toString()}, 0))`.execute(tx);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    // … this one ranks Charlie's £50 left below Alpha's £500 at once, and stores nothing
    const during = await Promise.race([loadRanked(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the load waited for the lock')), 5_000))]);
    expect(alphaCharlie(during)).toEqual(['ALPHA', 'CHARLIE']);
    expect(await seen()).toBe(stored);
    expect(await changesLeft()).toBeGreaterThan(0);
    release();
    await elsewhere;
    expect(alphaCharlie(await loadRanked())).toEqual(['ALPHA', 'CHARLIE']);
    expect(await seen()).not.toBe(stored);
    expect(await changesLeft()).toBe(0);
  });
});
