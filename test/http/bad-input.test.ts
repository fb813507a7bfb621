// Input that used to reach the database and fail there (500) is refused at the door with a 400
// naming the field: NUL characters, dates outside 1900–2199, cursors beyond int8, amounts beyond
// the documented maximum.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { encodeCursor } from '../../src/http/schemas/pagination.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { call, client, createTestApp, expectProblem, makeApiOrg, type ApiOrg, type App, type Client } from './support.ts';

describeEachEngine('bad input is a 400, never a 500', (engine) => {
  let database: Database;
  let app: App;
  let org: ApiOrg;
  let api: Client;
  let customerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await makeApiOrg(database);
    api = client(app, org.keys.owner);
    customerId = (await api.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme Ltd' })).body.id;
  });
  afterAll(() => database.close());

  const invoice = (fields: Record<string, unknown>) => ({ customerId, number: `INV-${Math.random()}`, issueDate: '2026-10-01', dueDate: '2026-10-31', currency: 'GBP', total: 1000, ...fields });

  it('refuses a NUL character in a body field, nested or not, and in a query filter', async () => {
    const name = expectProblem(await api.post('/api/v1/customers', { externalId: 'C-NUL', name: 'Bad\u0000Name' }), 400, 'invalid_input');
    expect(name.errors).toEqual([{ field: 'body.name', message: expect.stringMatching(/NUL character/) }]);
    const patch = expectProblem(await api.patch(`/api/v1/customers/${customerId}`, { name: 'ok', tags: ['fine', 'b\u0000d'] }), 400, 'invalid_input');
    expect(patch.errors!.map((e) => e.field)).toEqual(['body.tags.1']);
    const query = expectProblem(await api.get('/api/v1/customers?q=ac%00me'), 400, 'invalid_input');
    expect(query.errors).toEqual([{ field: 'query.q', message: expect.stringMatching(/NUL character/) }]);
    // an escaped backslash followed by "u0000" is ordinary text
    expect((await api.post('/api/v1/customers', { externalId: 'C-ESC', name: 'Back\\u0000slash' })).status).toBe(201);
    // authentication still comes first
    expectProblem(await call(app, 'GET', '/api/v1/customers?q=%00'), 401, 'unauthenticated');
  });

  it('accepts business dates from 1900 to 2199 only, in bodies and queries', async () => {
    for (const issueDate of ['0000-01-01', '0001-01-01', '1899-12-31', '2200-01-01']) {
      const problem = expectProblem(await api.post('/api/v1/invoices', invoice({ issueDate })), 400, 'invalid_input');
      expect(problem.errors).toEqual([{ field: 'body.issueDate', message: 'must be a date from 1900-01-01 to 2199-12-31' }]);
    }
    expect((await api.post('/api/v1/invoices', invoice({ issueDate: '1900-01-01', dueDate: '2199-12-31' }))).status).toBe(201);
    const aging = expectProblem(await api.get('/api/v1/aging?asOf=0001-01-01'), 400, 'invalid_input');
    expect(aging.detail).toMatch(/query.asOf: must be a date from 1900-01-01 to 2199-12-31/);
    expect((await api.get('/api/v1/aging?asOf=2199-12-31')).status).toBe(200);
  });

  it('refuses a pagination cursor beyond the int8 range', async () => {
    for (const id of [9223372036854775808n, 9999999999999999999n]) {
      const problem = expectProblem(await api.get(`/api/v1/invoices?cursor=${encodeCursor(id)}`), 400, 'invalid_input');
      expect(problem.detail).toMatch(/query.cursor: is not a cursor/);
    }
    expect((await api.get(`/api/v1/invoices?cursor=${encodeCursor(9223372036854775807n)}`)).body).toEqual({ data: [], nextCursor: null });
  });

  it('caps amounts at 10^13 minor units, so that sums of balances stay in range', async () => {
    const huge = expectProblem(await api.post('/api/v1/invoices', invoice({ total: 2 ** 53 - 1 })), 400, 'invalid_input');
    expect(huge.errors).toEqual([{ field: 'body.total', message: expect.stringMatching(/at most 10000000000000 minor units/) }]);
    expectProblem(await api.post('/api/v1/invoices', invoice({ total: 10_000_000_000_001 })), 400, 'invalid_input');
    expect((await api.post('/api/v1/invoices', invoice({ total: 10_000_000_000_000 }))).status).toBe(201);
    expectProblem(await api.patch(`/api/v1/customers/${customerId}`, { creditLimit: 2 ** 53 - 1 }), 400, 'invalid_input');
    expect((await api.get('/api/v1/aging')).status).toBe(200);
    expect((await api.get('/api/v1/kpis')).status).toBe(200);
  });
});
