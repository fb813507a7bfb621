import pino from 'pino';
import { Temporal } from 'temporal-polyfill';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { lockOrgCycle } from '../../src/db/queries/cycle-lock.ts';
import { runDueCycles } from '../../src/jobs/scheduler.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

describeEachEngine('the scheduler', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it("runs each organisation's cycle once a day from its local morning, and after downtime only today's", async () => {
    const { org } = await makeOrg(database); // Europe/London, cycle hour 07:00 by default
    const customer = await makeCustomer(database, org.id);
    await makeInvoice(database, org.id, customer.id, { number: 'S-1', issueDate: '2026-10-01', dueDate: '2026-10-31', total: 10_00n });
    const logger = pino({ level: 'silent' });
    const pass = async (iso: string) => (await runDueCycles({ db: database.db, logger, now: () => Temporal.Instant.from(iso) })).filter((slug) => slug === org.slug);
    const runs = () => database.db.selectFrom('cycle_runs').select(['cycle_date', 'status']).where('org_id', '=', org.id).orderBy('id').execute();

    expect(await pass('2026-11-23T06:30:00Z')).toEqual([]); // 06:30 in London: too early
    expect(await pass('2026-11-23T07:05:00Z')).toEqual([org.slug]);
    expect(await pass('2026-11-23T15:00:00Z')).toEqual([]); // already ran today
    expect(await pass('2026-11-27T09:00:00Z')).toEqual([org.slug]); // down for three days: today only
    expect(await runs()).toEqual([
      { cycle_date: '2026-11-23', status: 'completed' },
      { cycle_date: '2026-11-27', status: 'completed' },
    ]);
  });

  it("weighs the worklist after the cycle, and forgets the invoice writes noted for an organisation nobody opens the worklist of", async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id);
    await makeInvoice(database, org.id, customer.id, { number: 'W-1', issueDate: '2026-10-01', dueDate: '2026-10-31', total: 10_00n });
    const count = async (table: 'stake_changes' | 'worklist_stakes_seen') => (await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where org_id = ${org.id}`.execute(database.db)).rows[0]!.n;
    expect(await count('stake_changes')).toBeGreaterThan(0);
    expect(await runDueCycles({ db: database.db, logger: pino({ level: 'silent' }), now: () => Temporal.Instant.from('2026-11-23T07:05:00Z') })).toContain(org.slug);
    expect(await count('worklist_stakes_seen')).toBe(1);
    expect(await count('stake_changes')).toBe(0);
  });

  // Several processes run the scheduler on one PostgreSQL (PGlite has one connection: one process).
  it.skipIf(engine === 'pglite')('shares the organisations between schedulers: one running elsewhere is passed over, not waited for, and run on a later pass if still due', async () => {
    const busy = await makeOrg(database);
    const free = await makeOrg(database);
    for (const { org } of [busy, free]) {
      const customer = await makeCustomer(database, org.id);
      await makeInvoice(database, org.id, customer.id, { number: 'S-1', issueDate: '2026-10-01', dueDate: '2026-10-31', total: 10_00n });
    }
    const logger = pino({ level: 'silent' });
    const pass = async () =>
      (await runDueCycles({ db: database.db, logger, now: () => Temporal.Instant.from('2026-11-23T08:00:00Z') })).filter((slug) => slug === busy.org.slug || slug === free.org.slug);
    // another scheduler is running the busy organisation's cycle
    let release!: () => void;
    let locked!: () => void;
    const holding = new Promise<void>((resolve) => (locked = resolve));
    const elsewhere = database.db.transaction().execute(async (tx) => {
      await lockOrgCycle(tx, busy.org.id);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await holding;
    expect(await pass()).toEqual([free.org.slug]);
    release();
    await elsewhere;
    expect(await pass()).toEqual([busy.org.slug]);
    expect(await pass()).toEqual([]);
  });
});
