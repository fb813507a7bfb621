import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, makeApiOrg, type Client } from './support.ts';

/** Follows nextCursor from the first page to the last, returning the ids of every page. */
async function walk(api: Client, path: string, limit: number): Promise<string[][]> {
  const pages: string[][] = [];
  let cursor: string | null = null;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const reply = await api.get(`${path}${separator}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(reply.status).toBe(200);
    pages.push(reply.body.data.map((row: { id: string }) => row.id));
    cursor = reply.body.nextCursor;
    if (pages.length > 100) throw new Error('pagination does not end');
  } while (cursor !== null);
  return pages;
}

describeEachEngine('HTTP cursor pagination', (engine) => {
  let database: Database;
  let api: Client;
  const created: Record<string, string[]> = { customers: [], contacts: [], invoices: [], payments: [], 'credit-notes': [] };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    api = client(createTestApp(database), (await makeApiOrg(database)).keys.owner);
    for (let i = 0; i < 7; i++) {
      const customer = (await api.post('/api/v1/customers', { externalId: `C-${i}`, name: `Customer ${i}` })).body;
      created.customers!.push(customer.id);
      created.contacts!.push((await api.post('/api/v1/contacts', { customerId: customer.id, name: `Contact ${i}` })).body.id);
      created.invoices!.push((await api.post('/api/v1/invoices', { customerId: customer.id, number: `I-${i}`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 100 })).body.id);
      created.payments!.push((await api.post('/api/v1/payments', { customerId: customer.id, receivedOn: '2026-11-01', amount: 10 })).body.id);
      created['credit-notes']!.push((await api.post('/api/v1/credit-notes', { customerId: customer.id, number: `CN-${i}`, issueDate: '2026-11-01', total: 10 })).body.id);
    }
  });
  afterAll(() => database.close());

  for (const resource of ['customers', 'contacts', 'invoices', 'payments', 'credit-notes']) {
    it(`walks every page of /${resource} once, in id order, without duplicates`, async () => {
      const pages = await walk(api, `/api/v1/${resource}`, 3);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      const ids = pages.flat();
      expect(ids).toEqual(created[resource]);
      expect(new Set(ids).size).toBe(ids.length);
      // exactly a multiple of the limit: the last full page says there is no more
      expect((await walk(api, `/api/v1/${resource}`, 7)).map((page) => page.length)).toEqual([7]);
    });
  }

  it('defaults to 50 rows and keeps filters across pages', async () => {
    const first = await api.get('/api/v1/customers');
    expect(first.body.data).toHaveLength(7);
    expect(first.body.nextCursor).toBeNull();
    const filtered = await walk(api, '/api/v1/customers?q=customer', 2);
    expect(filtered.flat()).toEqual(created.customers);
  });

  it('does not skip or repeat rows when rows are added while paging', async () => {
    const first = await api.get('/api/v1/customers?limit=4');
    const added = (await api.post('/api/v1/customers', { externalId: 'C-late', name: 'Late arrival' })).body.id;
    const rest = await api.get(`/api/v1/customers?limit=50&cursor=${first.body.nextCursor}`);
    expect([...first.body.data, ...rest.body.data].map((c: { id: string }) => c.id)).toEqual([...created.customers!, added]);
  });
});
