// Finding a customer from the Customers screen: by name, external id, a contact's email or an
// invoice number; filtered by aging bucket (of the most overdue invoice, or of any: the rows behind a bar of the aging), tag, case status and playbook; sorted by name across
// pages; each row with its balance and overdue part per currency.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App, type Client } from './support.ts';

// fixedNow: 2026-11-23 in Europe/London
describeEachEngine('Customer search', (engine) => {
  let database: Database;
  let app: App;
  let api: Client;
  const id: Record<string, string> = {};
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    const org = await makeApiOrg(database);
    api = client(app, org.keys.collector);
    const make = async (externalId: string, name: string, extra: Record<string, unknown> = {}) => (await api.post('/api/v1/customers', { externalId, name, ...extra })).body.id as string;
    id.zeta = await make('Z-1', 'Zeta Foods', { tags: ['wholesale'] });
    id.alpha = await make('A-1', 'Alpha Bakery');
    id.mid = await make('M-1', 'Mid Motors', { tags: ['wholesale'] });
    id.clean = await make('C-1', 'Clean Slate');
    await api.post('/api/v1/contacts', { customerId: id.alpha, email: 'payables@alpha-bakery.example' });
    await api.post('/api/v1/invoices', { customerId: id.zeta, number: 'ZF-9001', issueDate: '2026-06-01', dueDate: '2026-07-01', total: 120000 }); // 145 days late
    await api.post('/api/v1/invoices', { customerId: id.zeta, number: 'ZF-9002', issueDate: '2026-06-01', dueDate: '2026-12-01', total: 5000, currency: 'EUR' }); // not due
    await api.post('/api/v1/invoices', { customerId: id.mid, number: 'MM-1', issueDate: '2026-10-01', dueDate: '2026-11-13', total: 30000 }); // 10 days late
    await api.post('/api/v1/invoices', { customerId: id.alpha, number: 'AB-1', issueDate: '2026-11-01', dueDate: '2026-12-15', total: 7000 }); // not due
    await api.patch(`/api/v1/customers/${id.clean}`, { excludedReason: 'Family business' });
    await api.patch(`/api/v1/customers/${id.mid}`, { playbookOverride: 'gentle' });
  });
  afterAll(() => database.close());

  const ids = async (query: string) => {
    const reply = await api.get(`/api/v1/customers?${query}`);
    expect(reply.status, reply.text).toBe(200);
    return reply.body.data.map((c: { id: string }) => c.id);
  };

  it('finds a customer by name, external id, a contact’s email or an invoice number', async () => {
    expect(await ids('q=bakery')).toEqual([id.alpha]);
    expect(await ids('q=z-1')).toEqual([id.zeta]);
    expect(await ids('q=PAYABLES@alpha')).toEqual([id.alpha]);
    expect(await ids('q=ZF-9002')).toEqual([id.zeta]);
    expect(await ids('q=zf-90')).toEqual([id.zeta]); // the start of an invoice number, any case
    expect(await ids('q=9002')).toEqual([]); // not the middle of one (docs/api.md)
    expect(await ids('q=nothing-like-it')).toEqual([]);
    // too short for the trigram indexes (migration 0028): found all the same, by reading the rows
    expect(await ids('q=ak')).toEqual([id.alpha]);
    expect(await ids('q=a1')).toEqual([]);
  });

  it('filters by aging bucket of the most overdue invoice, tag, case status and playbook', async () => {
    expect(await ids('bucket=91%2B')).toEqual([id.zeta]);
    expect(await ids('bucket=1-30')).toEqual([id.mid]);
    expect((await ids('bucket=current')).sort()).toEqual([id.alpha, id.clean].sort());
    expect(await ids('tag=wholesale&bucket=1-30')).toEqual([id.mid]);
    expect(await ids('status=excluded')).toEqual([id.clean]);
    expect((await ids('status=no_case')).length).toBe(4);
    expect(await ids('status=active')).toEqual([]);
    expect(await ids('playbook=gentle')).toEqual([id.mid]);
    expectProblem(await api.get('/api/v1/customers?bucket=old'), 400, 'invalid_input');
  });

  it('filters to the customers behind a per-currency total: owing in it, and overdue in it today', async () => {
    expect((await ids('currency=GBP')).sort()).toEqual([id.zeta, id.mid, id.alpha].sort());
    expect(await ids('currency=EUR')).toEqual([id.zeta]);
    expect((await ids('currency=GBP&overdue=true')).sort()).toEqual([id.zeta, id.mid].sort());
    // Zeta owes EUR, but not yet overdue
    expect(await ids('currency=EUR&overdue=true')).toEqual([]);
    expect((await ids('overdue=true')).sort()).toEqual([id.zeta, id.mid].sort());
    // the figures add up to the aging's overdue total for the currency
    const aging = (await api.get('/api/v1/aging?limit=500')).body;
    const rows = (await api.get('/api/v1/customers?currency=GBP&overdue=true')).body.data as Array<{ balances: Array<{ currency: string; overdue: number }> }>;
    const overdue = rows.flatMap((row) => row.balances).filter((b) => b.currency === 'GBP').reduce((sum, b) => sum + b.overdue, 0);
    const gbp = aging.totals.GBP;
    expect(overdue).toBe(150000);
    expect(overdue).toBe(gbp.total - gbp.current);
    expectProblem(await api.get('/api/v1/customers?currency=gbp'), 400, 'invalid_input');
    expectProblem(await api.get('/api/v1/customers?overdue=yes'), 400, 'invalid_input');
  });

  it('sorts by name across pages and gives each row its balances per currency', async () => {
    const names: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: Array<{ name: string }>; nextCursor: string | null } } = await api.get(`/api/v1/customers?sort=name&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      names.push(...page.body.data.map((c) => c.name));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(names).toEqual(['Alpha Bakery', 'Clean Slate', 'Mid Motors', 'Zeta Foods']);
    const zeta = (await api.get('/api/v1/customers?q=Zeta')).body.data[0];
    expect(zeta.balances).toEqual([
      { currency: 'EUR', balance: 5000, overdue: 0 },
      { currency: 'GBP', balance: 120000, overdue: 120000 },
    ]);
    expect(zeta.oldestDaysLate).toBe(145);
    expect((await api.get('/api/v1/customers?q=Clean')).body.data[0]).toMatchObject({ balances: [], oldestDaysLate: null });
  });

  // Last: it adds a customer the tests above do not count.
  it('filters to the customers behind a bar of the aging: an open invoice in that bucket and currency, whatever their most overdue one', async () => {
    id.mixed = (await api.post('/api/v1/customers', { externalId: 'X-1', name: 'Mixed Metals' })).body.id;
    await api.post('/api/v1/invoices', { customerId: id.mixed, number: 'XM-1', issueDate: '2026-08-01', dueDate: '2026-11-13', total: 1000 }); // 10 days late
    await api.post('/api/v1/invoices', { customerId: id.mixed, number: 'XM-2', issueDate: '2026-07-01', dueDate: '2026-08-15', total: 2000 }); // 100 days late
    await api.post('/api/v1/invoices', { customerId: id.mixed, number: 'XM-3', issueDate: '2026-09-01', dueDate: '2026-10-14', total: 3000, currency: 'EUR' }); // 40 days late
    expect((await ids('invoiceBucket=1-30&currency=GBP')).sort()).toEqual([id.mid, id.mixed].sort());
    expect(await ids('bucket=1-30')).toEqual([id.mid]); // by the most overdue invoice, Mixed is 91+
    expect((await ids('invoiceBucket=91%2B&currency=GBP')).sort()).toEqual([id.zeta, id.mixed].sort());
    expect(await ids('invoiceBucket=31-60&currency=EUR')).toEqual([id.mixed]);
    expect(await ids('invoiceBucket=31-60&currency=GBP')).toEqual([]);
    expect(await ids('invoiceBucket=current&currency=GBP')).toEqual([id.alpha]);
    expect(await ids('invoiceBucket=current&currency=EUR')).toEqual([id.zeta]);
    // a wholly disputed invoice is out of the aging, so out of its bar; a part disputed leaves the rest in
    const disputed = (await api.post('/api/v1/invoices', { customerId: id.alpha, number: 'AB-2', issueDate: '2026-08-01', dueDate: '2026-09-14', total: 4000 })).body.id; // 70 days late
    expect(await ids('invoiceBucket=61-90&currency=GBP')).toEqual([id.alpha]);
    expect((await api.post('/api/v1/disputes', { invoiceId: disputed, reasonCode: 'not_received', reason: 'never delivered' })).status).toBe(201);
    expect(await ids('invoiceBucket=61-90&currency=GBP')).toEqual([]);
    expect(await ids('invoiceBucket=61-90')).toEqual([]);
    // each bar's customers are the ones with an amount in that bar of the aging report
    const aging = (await api.get('/api/v1/aging?limit=500')).body as { data: Array<Record<string, unknown> & { id: string; currency: string }> };
    for (const bucket of ['current', '1-30', '31-60', '61-90', '91+']) {
      for (const currency of ['GBP', 'EUR']) {
        const behindBar = aging.data.filter((row) => row.currency === currency && Number(row[bucket]) > 0).map((row) => row.id);
        expect((await ids(`invoiceBucket=${encodeURIComponent(bucket)}&currency=${currency}`)).sort(), `${bucket} ${currency}`).toEqual(behindBar.sort());
      }
    }
    expectProblem(await api.get('/api/v1/customers?invoiceBucket=old'), 400, 'invalid_input');
  });
});
