// Each amount is capped (maxAmount, 10^13 minor units) but what an organisation is owed is not:
// the sums behind aging and the KPIs must not overflow int8 (2^63 − 1 ≈ 9.22 × 10^18). Reaching
// that at the cap takes 922,338 invoices, too many to insert here in reasonable time; since the
// cap is the API's and the importer's (the database has none), the test inserts three invoices of
// 4 × 10^18 directly, one per customer — the same sums, 1.2 × 10^19 in all. (One customer's own
// aging sums stay int8 for speed: passing it would take that customer 922,338 invoices at the cap.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import { computeKpis } from '../../src/app/reports/compute-kpis.ts';
import type { Database } from '../../src/db/engine.ts';
import { maxAmount } from '../../src/domain/money.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

const huge = 4_000_000_000_000_000_000n;
const int8Max = 2n ** 63n - 1n;

it('needs more invoices at the cap than a test can insert to pass int8, hence the direct inserts', () => {
  expect(int8Max / maxAmount + 1n).toBe(922_338n);
  expect(3n * huge > int8Max).toBe(true);
});

describeEachEngine('an organisation owed more than int8 holds', (engine) => {
  let database: Database;
  let orgId: bigint;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    const whale = async (externalId: string, issueDate: string, dueDate: string) =>
      makeInvoice(database, orgId, (await makeCustomer(database, orgId, { externalId, name: externalId })).id, { issueDate, dueDate, total: huge });
    await whale('WHALE-1', '2026-07-10', '2026-08-09');
    await whale('WHALE-2', '2026-08-10', '2026-09-09');
    await whale('WHALE-3', '2026-09-10', '2026-10-10');
  });
  afterAll(() => database.close());

  it('still gets its aging, exactly: per currency, and what is chased', async () => {
    const report = await computeAging(database.db, orgId, '2026-09-30');
    expect(report.customers.map((row) => [row.externalId, row.total, row.chaseable])).toEqual([
      ['WHALE-1', huge, huge],
      ['WHALE-2', huge, huge],
      ['WHALE-3', huge, 0n],
    ]);
    expect(report.totals.GBP).toEqual({ current: huge, '1-30': huge, '31-60': huge, '61-90': 0n, '91+': 0n, total: 3n * huge, chaseable: 2n * huge });
  });

  it('still gets its KPIs, exactly', async () => {
    const report = await computeKpis(database.db, orgId, { from: '2026-07-01', to: '2026-09-30' });
    expect(report.currencies).toHaveLength(1);
    expect(report.currencies[0]).toMatchObject({
      currency: 'GBP',
      beginningReceivables: 0n,
      creditSales: 3n * huge,
      endingReceivables: 3n * huge,
      endingCurrentReceivables: huge,
    });
    expect(report.currencies[0]!.dso.receivables).toBe(3n * huge);
  });
});
