import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { settlePromises } from '../../src/app/cycle/settle-promises.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeOrg } from '../support/fixtures.ts';
import { activitiesOf, receivePayment } from './support.ts';

const grace = 2;

describeEachEngine('settlePromises', (engine) => {
  let database: Database;
  let org: Org;
  let orgId: bigint;
  let otherOrg: Org;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = (await makeOrg(database)).org;
    orgId = org.id;
    otherOrg = (await makeOrg(database)).org;
  });
  afterAll(() => database.close());

  /** A pending promise inserted directly (the rules of record-promise are tested elsewhere). */
  const promise = async (values: { org?: bigint; customerId?: bigint; amount?: bigint; currency?: string; madeOn?: string; dueOn?: string } = {}) => {
    const org = values.org ?? orgId;
    const customerId = values.customerId ?? (await makeCustomer(database, org)).id;
    return database.db
      .insertInto('promises')
      .values({ org_id: org, customer_id: customerId, made_on: values.madeOn ?? '2026-11-10', due_on: values.dueOn ?? '2026-11-20', amount: values.amount ?? 250_00n, currency: values.currency ?? 'GBP', created_by: 'test' })
      .returningAll()
      .executeTakeFirstOrThrow();
  };
  const reread = (id: bigint) => database.db.selectFrom('promises').select(['status', 'resolved_on']).where('id', '=', id).executeTakeFirstOrThrow();
  const settle = (date: string, of = org) => settlePromises(database.db, of, date, grace);
  const stampedAt = (activity: { occurred_at: string }) => new Date(activity.occurred_at).toISOString();

  it('a promise is kept by one payment of the amount, on the day it arrived; the timeline says so', async () => {
    const p = await promise();
    await receivePayment(database, orgId, p.customer_id, 250_00n, '2026-11-15');
    expect(await settle('2026-11-14')).toEqual({ kept: 0, broken: 0 }); // not received yet on that day
    expect(await reread(p.id)).toEqual({ status: 'pending', resolved_on: null });
    await settle('2026-11-16');
    expect(await reread(p.id)).toEqual({ status: 'kept', resolved_on: '2026-11-15' });
    const activity = (await activitiesOf(database, orgId, 'promise_kept')).find((a) => a.customer_id === p.customer_id)!;
    expect(activity).toMatchObject({ actor: 'system', summary: 'Promise to pay £250.00 by 2026-11-20 kept: paid in full on 2026-11-15' });
    expect(activity.data).toMatchObject({ promiseId: String(p.id), amount: '25000', paid: '25000', resolvedOn: '2026-11-15', graceDays: grace });
    expect(stampedAt(activity)).toBe('2026-11-15T00:00:00.000Z'); // the day it was kept (London, GMT), not the day the cycle ran
  });

  it('several payments add up; resolved on the day the running total reached the amount', async () => {
    const p = await promise();
    await receivePayment(database, orgId, p.customer_id, 100_00n, '2026-11-11');
    await receivePayment(database, orgId, p.customer_id, 100_00n, '2026-11-13');
    await receivePayment(database, orgId, p.customer_id, 60_00n, '2026-11-18');
    await receivePayment(database, orgId, p.customer_id, 5_00n, '2026-11-19');
    await settle('2026-11-19');
    expect(await reread(p.id)).toEqual({ status: 'kept', resolved_on: '2026-11-18' });
  });

  it('payments in another currency, before the promise, or already on the books when it was made do not count', async () => {
    const p = await promise({ madeOn: '2026-11-10' });
    await receivePayment(database, orgId, p.customer_id, 250_00n, '2026-11-12', 'USD');
    await receivePayment(database, orgId, p.customer_id, 250_00n, '2026-11-09');
    await settle('2026-11-21');
    expect(await reread(p.id)).toEqual({ status: 'pending', resolved_on: null });

    // A payment received on the day the promise was made counts only if recorded after the promise.
    const customer = await makeCustomer(database, orgId);
    await receivePayment(database, orgId, customer.id, 250_00n, '2026-11-10');
    const sameDay = await promise({ customerId: customer.id, madeOn: '2026-11-10' });
    await settle('2026-11-21');
    expect(await reread(sameDay.id)).toEqual({ status: 'pending', resolved_on: null });
    await receivePayment(database, orgId, customer.id, 250_00n, '2026-11-10');
    await settle('2026-11-21');
    expect(await reread(sameDay.id)).toEqual({ status: 'kept', resolved_on: '2026-11-10' });
  });

  it('is broken the day after the grace period, not before; part payments are on the timeline', async () => {
    const p = await promise({ dueOn: '2026-11-20' });
    await receivePayment(database, orgId, p.customer_id, 90_00n, '2026-11-21');
    await settle('2026-11-22'); // due + 2 days of grace: still pending
    expect(await reread(p.id)).toEqual({ status: 'pending', resolved_on: null });
    const result = await settle('2026-11-23');
    expect(result.broken).toBeGreaterThanOrEqual(1);
    expect(await reread(p.id)).toEqual({ status: 'broken', resolved_on: '2026-11-23' });
    const activity = (await activitiesOf(database, orgId, 'promise_broken')).find((a) => a.customer_id === p.customer_id)!;
    expect(activity).toMatchObject({ actor: 'system', summary: 'Promise to pay £250.00 by 2026-11-20 broken: only £90.00 paid by the end of the 2-day grace period' });
    expect(activity.data).toMatchObject({ paid: '9000', resolvedOn: '2026-11-23' });
  });

  it('decides the same on a late (catch-up) run: money after the grace period keeps no promise', async () => {
    const late = await promise({ dueOn: '2026-11-20' });
    await receivePayment(database, orgId, late.customer_id, 250_00n, '2026-11-24');
    const onTime = await promise({ dueOn: '2026-11-20' });
    await receivePayment(database, orgId, onTime.customer_id, 250_00n, '2026-11-22');
    await settle('2026-12-15');
    expect(await reread(late.id)).toEqual({ status: 'broken', resolved_on: '2026-11-23' });
    expect(await reread(onTime.id)).toEqual({ status: 'kept', resolved_on: '2026-11-22' });
    const lateActivity = (await activitiesOf(database, orgId, 'promise_broken')).find((a) => a.customer_id === late.customer_id)!;
    expect(lateActivity.summary).toMatch(/broken: nothing paid by the end of the 2-day grace period$/);
    expect(stampedAt(lateActivity)).toBe('2026-11-23T00:00:00.000Z'); // on the timeline the day it broke, not the day of the late run
  });

  it('running it again for the same date changes nothing', async () => {
    const kept = await promise();
    await receivePayment(database, orgId, kept.customer_id, 250_00n, '2026-11-12');
    const broken = await promise({ dueOn: '2026-11-12' });
    const first = await settle('2026-11-16');
    expect(first.kept).toBeGreaterThanOrEqual(1);
    expect(first.broken).toBeGreaterThanOrEqual(1);
    const before = { promises: await database.db.selectFrom('promises').selectAll().where('org_id', '=', orgId).orderBy('id').execute(), activities: await activitiesOf(database, orgId) };
    expect(await settle('2026-11-16')).toEqual({ kept: 0, broken: 0 });
    expect(await database.db.selectFrom('promises').selectAll().where('org_id', '=', orgId).orderBy('id').execute()).toEqual(before.promises);
    expect(await activitiesOf(database, orgId)).toEqual(before.activities);
    expect(await reread(kept.id)).toEqual({ status: 'kept', resolved_on: '2026-11-12' });
    expect(await reread(broken.id)).toEqual({ status: 'broken', resolved_on: '2026-11-15' });
  });

  it('leaves cancelled promises and other organisations alone, and never counts their payments', async () => {
    const ours = await promise();
    const theirs = await promise({ org: otherOrg.id });
    await receivePayment(database, otherOrg.id, theirs.customer_id, 1_000_000_00n, '2026-11-15');
    const cancelled = await promise({ dueOn: '2026-11-11' });
    await database.db.updateTable('promises').set({ status: 'cancelled', resolved_on: '2026-11-10' }).where('id', '=', cancelled.id).execute();
    await settle('2026-11-21');
    expect(await reread(ours.id)).toEqual({ status: 'pending', resolved_on: null });
    expect(await reread(theirs.id)).toEqual({ status: 'pending', resolved_on: null });
    expect(await reread(cancelled.id)).toEqual({ status: 'cancelled', resolved_on: '2026-11-10' });
    await settle('2026-11-21', otherOrg);
    expect(await reread(theirs.id)).toEqual({ status: 'kept', resolved_on: '2026-11-15' });
    expect((await activitiesOf(database, otherOrg.id, 'promise_kept')).map((a) => a.customer_id)).toEqual([theirs.customer_id]);
  });

  it('settles thousands of promises in a few statements (set-based, no query per promise)', async () => {
    const bulkOrg = (await makeOrg(database)).org;
    const bulk = bulkOrg.id;
    const n = 2500;
    // Customers 1..n promise £10.00 by 2026-11-20; odd ones pay it, every fourth pays half; the rest nothing.
    await sql`insert into customers (org_id, external_id, name, currency)
              select ${bulk}, 'BULK-' || g, 'Bulk ' || g, 'GBP' from generate_series(1, ${n}::int) g`.execute(database.db);
    await sql`insert into promises (org_id, customer_id, made_on, due_on, amount, currency, created_by)
              select org_id, id, '2026-11-10', '2026-11-20', 1000, 'GBP', 'test' from customers where org_id = ${bulk}`.execute(database.db);
    await sql`insert into payments (org_id, customer_id, received_on, amount, currency)
              select org_id, id, '2026-11-15', case when substr(external_id, 6)::int % 2 = 1 then 1000 else 500 end, 'GBP'
                from customers where org_id = ${bulk} and (substr(external_id, 6)::int % 2 = 1 or substr(external_id, 6)::int % 4 = 0)`.execute(database.db);

    let statements = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    expect(await settlePromises(database.db.withPlugin(counting), bulkOrg, '2026-11-23', grace)).toEqual({ kept: n / 2, broken: n / 2 });
    expect(statements).toBe(2); // one update, one insert of every timeline entry
    const kinds = await sql<{ kind: string; n: bigint }>`select kind, count(*) as n from activities where org_id = ${bulk} group by kind order by kind`.execute(database.db);
    expect(kinds.rows).toEqual([
      { kind: 'promise_broken', n: BigInt(n / 2) },
      { kind: 'promise_kept', n: BigInt(n / 2) },
    ]);
    expect(await settlePromises(database.db, bulkOrg, '2026-11-23', grace)).toEqual({ kept: 0, broken: 0 });
  });

  it('refuses a grace period that is not a whole number of days', async () => {
    await expect(settlePromises(database.db, org, '2026-11-23', -1)).rejects.toThrow(/graceDays must be a whole number/);
    await expect(settlePromises(database.db, org, '2026-11-23', 1.5)).rejects.toThrow(/graceDays must be a whole number/);
  });
});
