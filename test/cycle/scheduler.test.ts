import pino from 'pino';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
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
});
