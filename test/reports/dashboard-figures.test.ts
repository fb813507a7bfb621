// Today's ledger figures (src/app/reports/compute-dashboard.ts): the aging totals computed
// without the customers' rows equal the aging report's.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { Database } from '../../src/db/engine.ts';
import { agingTotals } from '../../src/db/queries/aging.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeDispute, makeInvoice, makeOrg } from '../support/fixtures.ts';

const today = '2026-11-23';
const due = (days: number) => addDays(today, days);

describeEachEngine('Today’s figures', (engine) => {
  let database: Database;
  let orgId: bigint;
  let acme: { id: bigint };
  let open: { id: bigint; org_id: bigint; customer_id: bigint; currency: string };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    const invoice = (customerId: bigint, dueDate: string, total: bigint, currency = 'GBP') =>
      makeInvoice(database, orgId, customerId, { dueDate, total, issueDate: addDays(dueDate, -30), currency });
    acme = await makeCustomer(database, orgId, { name: 'Acme' });
    open = await invoice(acme.id, due(-40), 500_00n);
    await invoice(acme.id, due(5), 120_00n);
    await makeDispute(database, await invoice(acme.id, due(-10), 300_00n), { amount: 100_00n });
    await invoice(acme.id, due(-100), 70_00n, 'USD');
    // disputed whole: the customer's row comes to nothing and drops out, as in the report
    const gone = await makeCustomer(database, orgId, { name: 'Gone' });
    await makeDispute(database, await invoice(gone.id, due(-20), 80_00n, 'CHF'), { amount: null });
    // another organisation's ledger is not in these figures
    const other = (await makeOrg(database)).org.id;
    await makeInvoice(database, other, (await makeCustomer(database, other)).id, { dueDate: due(-5), total: 999_00n });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('gives the aging report’s totals per currency without reading its rows', async () => {
    const report = await computeAging(database.db, orgId, today);
    const totals = await agingTotals(database.db, orgId, today);
    expect(totals).toEqual(report.totals);
    // the wholly disputed CHF invoice leaves no currency behind
    expect(Object.keys(totals)).toEqual(['GBP', 'USD']);
    expect(totals.GBP).toMatchObject({ current: 120_00n, '1-30': 200_00n, '31-60': 500_00n, total: 820_00n });
  });
});
