import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type Client } from './support.ts';

describeEachEngine('HTTP aging and KPIs', (engine) => {
  let database: Database;
  let org: ApiOrg;
  let api: Client;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
    const writer = client(createTestApp(database), org.keys.owner);
    // the clock says 2026-11-23 (Europe/London)
    const invoice = (customer: string, number: string, dueDate: string, total: number, currency?: string) =>
      writer.post('/api/v1/invoices', { customerId: ids[customer], number, issueDate: '2026-08-01', dueDate, total, currency });
    for (const name of ['acme', 'brightside', 'carter', 'dunmore', 'euro']) {
      ids[name] = (await writer.post('/api/v1/customers', { externalId: name.toUpperCase(), name, currency: name === 'euro' ? 'EUR' : 'GBP' })).body.id;
    }
    await invoice('acme', 'A-1', '2026-11-23', 1000); // due today: current
    await invoice('acme', 'A-2', '2026-11-10', 2000); // 13 days: 1-30
    await invoice('brightside', 'B-1', '2026-09-01', 4000); // 83 days: 61-90
    await invoice('carter', 'C-1', '2026-08-01', 8000); // 114 days: 91+
    await invoice('dunmore', 'D-1', '2026-10-01', 16000); // 53 days: 31-60
    await invoice('euro', 'E-1', '2026-10-20', 500); // 34 days: 31-60, EUR
    await invoice('acme', 'A-3', '2026-11-20', 300, 'EUR'); // acme owes in two currencies
    api = client(createTestApp(database), org.keys.viewer);
  });
  afterAll(() => database.close());

  it('ages open balances as of today in the organisation’s time zone, totals per currency', async () => {
    const aging = await api.get('/api/v1/aging');
    expect(aging.status).toBe(200);
    expect(aging.body.asOf).toBe('2026-11-23');
    expect(aging.body.buckets).toEqual(['current', '1-30', '31-60', '61-90', '91+']);
    expect(aging.body.totals).toEqual({
      EUR: { current: 0, '1-30': 300, '31-60': 500, '61-90': 0, '91+': 0, total: 800, chaseable: 800 },
      GBP: { current: 1000, '1-30': 2000, '31-60': 16000, '61-90': 4000, '91+': 8000, total: 31000, chaseable: 30000 },
    });
    const acme = aging.body.data.filter((row: { id: string }) => row.id === ids.acme);
    expect(acme).toHaveLength(2);
    expect(acme).toEqual(
      expect.arrayContaining([
        { id: ids.acme, externalId: 'ACME', name: 'acme', currency: 'EUR', current: 0, '1-30': 300, '31-60': 0, '61-90': 0, '91+': 0, total: 300, chaseable: 300 },
        { id: ids.acme, externalId: 'ACME', name: 'acme', currency: 'GBP', current: 1000, '1-30': 2000, '31-60': 0, '61-90': 0, '91+': 0, total: 3000, chaseable: 2000 },
      ]),
    );
    // an earlier as-of date sees the invoices younger
    const earlier = await api.get('/api/v1/aging?asOf=2026-10-01');
    expect(earlier.body.totals.GBP).toMatchObject({ current: 1000 + 2000 + 16000, '1-30': 4000, '61-90': 8000 });
    expectProblem(await api.get('/api/v1/aging?asOf=2026-13-01'), 400, 'invalid_input');
  });

  it('takes "today" in the organisation’s own time zone', async () => {
    await database.db.updateTable('orgs').set({ time_zone: 'Pacific/Auckland' }).where('id', '=', org.orgId).execute();
    try {
      // 23:30 UTC on the 23rd is already the 24th in Auckland
      const late = client(createTestApp(database, () => new Date('2026-11-23T23:30:00Z')), org.keys.viewer);
      expect((await late.get('/api/v1/aging')).body.asOf).toBe('2026-11-24');
      expect((await late.get('/api/v1/kpis')).body).toMatchObject({ from: '2026-08-01', to: '2026-11-24' });
    } finally {
      await database.db.updateTable('orgs').set({ time_zone: 'Europe/London' }).where('id', '=', org.orgId).execute();
    }
  });

  it('paginates the customer rows by id, keeping a customer’s currencies together, with the totals on every page', async () => {
    const all = (await api.get('/api/v1/aging?limit=500')).body;
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { body: { data: Array<{ id: string; currency: string }>; nextCursor: string | null; totals: unknown } } = await api.get(
        `/api/v1/aging?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.body.totals).toEqual(all.totals);
      const customers = new Set(page.body.data.map((row) => row.id));
      expect(customers.size).toBe(1);
      seen.push(...page.body.data.map((row) => `${row.id}:${row.currency}`));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(5);
    expect(seen).toEqual(all.data.map((row: { id: string; currency: string }) => `${row.id}:${row.currency}`));
    expect(new Set(seen).size).toBe(6);
    const orderedIds = all.data.map((row: { id: string }) => BigInt(row.id));
    expect([...orderedIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(orderedIds);
  });

  it('reports CEI and DSO per currency for a period, by default the last three months to today', async () => {
    const kpis = await api.get('/api/v1/kpis');
    expect(kpis.status).toBe(200);
    expect(kpis.body).toMatchObject({ from: '2026-08-01', to: '2026-11-23', beginningAsOf: '2026-07-31' });
    const gbp = kpis.body.currencies.find((c: { currency: string }) => c.currency === 'GBP');
    expect(gbp).toMatchObject({ beginningReceivables: 0, creditSales: 31000, endingReceivables: 31000, endingCurrentReceivables: 1000 });
    expect(gbp.cei).toMatchObject({ percent: 0, numerator: 0, denominator: 30000 });
    expect(typeof gbp.dso.days).toBe('number');
    const period = await api.get('/api/v1/kpis?from=2026-09-01&to=2026-09-30');
    expect(period.body).toMatchObject({ from: '2026-09-01', to: '2026-09-30' });
    expect(period.body.currencies.find((c: { currency: string }) => c.currency === 'GBP')).toMatchObject({ beginningReceivables: 31000, creditSales: 0 });
    expectProblem(await api.get('/api/v1/kpis?from=2026-10-01&to=2026-09-01'), 400, 'invalid_input');
    expectProblem(await api.get('/api/v1/kpis?from=yesterday'), 400, 'invalid_input');
  });
});
