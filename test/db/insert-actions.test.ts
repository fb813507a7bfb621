import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertActions, type NewActionRow } from '../../src/db/queries/actions.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeOrg } from '../support/fixtures.ts';

describeEachEngine('insertActions', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  // more rows than one statement writes (a first day's review tasks): every key once, whichever statement it falls in
  it('inserts a list longer than one statement exactly once and reports the keys that were there already', { timeout: 120_000 }, async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id);
    const row = (n: number): NewActionRow => ({
      customerId: customer.id, caseId: null, key: `bulk:${n}`, cycleDate: '2026-07-01', kind: 'task', channel: 'call', playbookName: null, playbookVersion: null,
      stepKey: 'call', stepName: 'Call', stepIndex: 0, tone: null, template: null, status: 'ready', dueAt: '2026-07-01T09:00:00.000Z', rule: null, reason: null,
      invoiceIds: [], invoiceNumbers: [], amounts: { GBP: BigInt(n) }, data: {},
    });
    // already there: one key in what becomes the first statement, one in the second
    const earlier = await insertActions(database.db, org.id, [row(3), row(10_003)]);
    expect(earlier.map((r) => r.created)).toEqual([true, true]);

    const rows = Array.from({ length: 12_000 }, (_, n) => row(n));
    const stored = await insertActions(database.db, org.id, rows);
    expect(stored).toHaveLength(12_000);
    expect(new Set(stored.map((r) => r.key)).size).toBe(12_000);
    const existing = stored.filter((r) => !r.created);
    expect(existing.map((r) => [r.key, r.id])).toEqual([
      ['bulk:3', earlier[0]!.id],
      ['bulk:10003', earlier[1]!.id],
    ]);
    const count = await database.db.selectFrom('actions').select((eb) => eb.fn.countAll<bigint>().as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(12_000);
    // a repeat creates nothing
    expect((await insertActions(database.db, org.id, rows)).filter((r) => r.created)).toHaveLength(0);
  });
});
