import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { demoSize, loadDemoPortfolio } from '../../src/app/demo/load-demo-portfolio.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

// far from the real date: nothing on the timeline may come from the database's clock
const now = Temporal.Instant.from('2031-03-10T09:30:00Z');
const today = '2031-03-10';

describeEachEngine('demo portfolio', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function ledgerCounts(orgId: bigint) {
    const count = async (table: string) =>
      Number((await sql<{ n: bigint }>`select count(*) as n from ${sql.table(table)} where org_id = ${orgId}`.execute(database.db)).rows[0]!.n);
    return {
      customers: await count('customers'),
      contacts: await count('contacts'),
      invoices: await count('invoices'),
      payments: await count('payments'),
      openingPaid: Number((await sql<{ n: bigint }>`select count(*) as n from invoices where org_id = ${orgId} and opening_paid > 0`.execute(database.db)).rows[0]!.n),
      allocations: await count('allocations'),
      disputes: await count('disputes'),
      activities: await count('activities'),
    };
  }

  it('loads through the import, opens a few disputes, and loading again adds nothing', async () => {
    const { org } = await makeOrg(database, { currency: 'USD' });
    const counts = await loadDemoPortfolio(database.db, org, now);
    expect(counts.customers).toBe(demoSize.customers);
    expect(counts.invoices + counts.drafts).toBe(demoSize.invoices);
    expect(counts.drafts).toBeGreaterThan(0);
    expect(counts.payments).toBeGreaterThan(0);
    expect(counts.openingPaid).toBeGreaterThan(counts.invoices / 3);
    expect(counts.disputes).toBe(3);

    const stored = await ledgerCounts(org.id);
    expect(stored).toMatchObject({ customers: demoSize.customers, invoices: counts.invoices, disputes: 3 });
    expect(stored.payments).toBe(counts.payments);
    expect(stored.openingPaid).toBe(counts.openingPaid);

    // The ledger shows what a collector needs: open and overdue balances in several currencies,
    // paid and void invoices, disputes on open invoices, every import logged as completed.
    const byStatus = await sql<{ status: string; n: bigint; overdue: bigint }>`
      select status, count(*) as n, count(*) filter (where due_date < ${today}::date and balance > 0) as overdue
        from invoices where org_id = ${org.id} group by status`.execute(database.db);
    const status = Object.fromEntries(byStatus.rows.map((r) => [r.status, r]));
    expect(Number(status.open!.overdue)).toBeGreaterThan(100);
    expect(Number(status.paid!.n)).toBeGreaterThan(500);
    expect(Number(status.void!.n)).toBeGreaterThan(0);
    const currencies = await sql<{ currency: string }>`select distinct currency from invoices where org_id = ${org.id} and status = 'open'`.execute(database.db);
    expect(currencies.rows.map((r) => r.currency)).toEqual(expect.arrayContaining(['GBP', 'USD', 'EUR', 'AUD', 'JPY']));
    const disputed = await sql<{ status: string; balance: bigint }>`
      select i.status, i.balance from disputes d join invoices i on i.org_id = d.org_id and i.id = d.invoice_id where d.org_id = ${org.id}`.execute(database.db);
    for (const row of disputed.rows) expect(row).toMatchObject({ status: 'open' });
    // each dispute is on the timeline on the day it was opened, not the day the demo was loaded
    const timeline = await sql<{ opened_on: string; occurred_on: string }>`
      select d.opened_on, to_char(a.occurred_at at time zone o.time_zone, 'YYYY-MM-DD') as occurred_on
        from disputes d join orgs o on o.id = d.org_id
        join activities a on a.org_id = d.org_id and a.kind = 'dispute' and a.data ->> 'disputeId' = d.id::text
       where d.org_id = ${org.id}`.execute(database.db);
    expect(timeline.rows).toHaveLength(3);
    for (const row of timeline.rows) expect(row.occurred_on).toBe(row.opened_on);
    // what the imports put on the timeline is there at the instant of the load (ARREARS_NOW in a demo)
    const imported = await sql<{ at: string; n: bigint }>`
      select to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as at, count(*) as n
        from activities where org_id = ${org.id} and actor = 'import' group by 1`.execute(database.db);
    expect(imported.rows.map((row) => row.at)).toEqual(['2031-03-10T09:30:00Z']);
    expect(Number(imported.rows[0]!.n)).toBeGreaterThanOrEqual(counts.payments);
    const imports = await sql<{ status: string }>`select status from imports where org_id = ${org.id}`.execute(database.db);
    expect(imports.rows.map((r) => r.status)).toEqual(['completed', 'completed', 'completed']);

    const again = await loadDemoPortfolio(database.db, org, now);
    expect(again).toMatchObject({ customers: 0, invoices: 0, payments: 0, openingPaid: 0, disputes: 0 });
    expect(await ledgerCounts(org.id)).toEqual(stored);
  });
});
