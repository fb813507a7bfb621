import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App, type Client } from './support.ts';

describeEachEngine('HTTP customers', (engine) => {
  let database: Database;
  let app: App;
  let api: Client;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    api = client(app, (await makeApiOrg(database, { currency: 'EUR' })).keys.collector);
  });
  afterAll(() => database.close());

  it('creates a customer with the organisation’s currency by default and reads it back', async () => {
    const created = await api.post('/api/v1/customers', {
      externalId: 'ACME-1',
      name: 'Acme Ltd',
      country: 'GB',
      timeZone: 'Europe/London',
      language: 'en-GB',
      customerSince: '2019-04-01',
      tags: ['key-account'],
      creditLimit: 500000,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      externalId: 'ACME-1',
      name: 'Acme Ltd',
      kind: 'business',
      currency: 'EUR',
      country: 'GB',
      customerSince: '2019-04-01',
      tags: ['key-account'],
      creditLimit: 500000,
      risk: 'normal',
      source: 'api',
    });
    expect(created.body.id).toMatch(/^\d+$/);
    const read = await api.get(`/api/v1/customers/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(created.body);
  });

  it('changes only the fields sent, and null clears an optional one', async () => {
    const { body: customer } = await api.post('/api/v1/customers', { externalId: 'PATCH-1', name: 'Before', region: 'Kent', creditLimit: 100 });
    const changed = await api.patch(`/api/v1/customers/${customer.id}`, { name: 'After', region: null, kind: 'consumer', tags: ['a', 'b'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'After', region: null, kind: 'consumer', tags: ['a', 'b'], creditLimit: 100, externalId: 'PATCH-1' });
    expect(Date.parse(changed.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(customer.updatedAt));
  });

  it('changes the fields and the collection settings of one request together, or nothing when one of them is refused', async () => {
    const { body: customer } = await api.post('/api/v1/customers', { externalId: 'PATCH-2', name: 'Before' });
    const refused = await api.patch(`/api/v1/customers/${customer.id}`, { name: 'After', playbookOverride: 'no-such-playbook' });
    expectProblem(refused, 400, 'invalid_input');
    expect((await api.get(`/api/v1/customers/${customer.id}`)).body).toMatchObject({ name: 'Before', playbookOverride: null });
    const changed = await api.patch(`/api/v1/customers/${customer.id}`, { name: 'After', playbookOverride: 'gentle', excludedReason: 'handled by the owner' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: 'After', playbookOverride: 'gentle', excludedReason: 'handled by the owner' });
  });

  it('filters by name or external id, kind and tag', async () => {
    await api.post('/api/v1/customers', { externalId: 'F-100', name: 'Zebra Crossing 50% Off', kind: 'consumer', tags: ['vip'] });
    await api.post('/api/v1/customers', { externalId: 'F-200', name: 'Yak Shaving Co', tags: ['vip', 'late'] });
    await api.post('/api/v1/customers', { externalId: 'F-300', name: 'Xylophone_Works' });
    const names = async (query: string) => (await api.get(`/api/v1/customers?${query}`)).body.data.map((c: { name: string }) => c.name).sort();
    expect(await names('q=zebra')).toEqual(['Zebra Crossing 50% Off']);
    expect(await names('q=f-2')).toEqual(['Yak Shaving Co']);
    // % and _ are literal characters in a search, not wildcards
    expect(await names('q=50%25')).toEqual(['Zebra Crossing 50% Off']);
    expect(await names('q=e_w')).toEqual(['Xylophone_Works']);
    expect(await names('tag=vip')).toEqual(['Yak Shaving Co', 'Zebra Crossing 50% Off']);
    expect(await names('tag=vip&kind=business')).toEqual(['Yak Shaving Co']);
  });

  it('refuses a duplicate external id with a 409 saying what to change', async () => {
    await api.post('/api/v1/customers', { externalId: 'DUP-1', name: 'One' });
    const problem = expectProblem(await api.post('/api/v1/customers', { externalId: 'DUP-1', name: 'Two' }), 409, 'conflict');
    expect(problem.detail).toMatch(/external id "DUP-1" exists; use another externalId/);
    const { body: other } = await api.post('/api/v1/customers', { externalId: 'DUP-2', name: 'Three' });
    expectProblem(await api.patch(`/api/v1/customers/${other.id}`, { externalId: 'DUP-1' }), 409, 'conflict');
  });

  it('validates every field and names each one at fault', async () => {
    const problem = expectProblem(
      await api.post('/api/v1/customers', {
        name: '',
        currency: 'EURO',
        timeZone: 'Mars/Olympus',
        country: 'gb',
        customerSince: '2025-02-30',
        kind: 'alien',
        creditLimit: -5,
        tags: 'vip',
        nickname: 'x',
      }),
      400,
      'invalid_input',
    );
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(
      ['body.country', 'body.creditLimit', 'body.currency', 'body.customerSince', 'body.externalId', 'body.kind', 'body.name', 'body.nickname', 'body.tags', 'body.timeZone'].sort(),
    );
    expect(problem.detail).toContain('body.timeZone: must be an IANA time zone');
    // amounts are integers of minor units, never decimals
    expect(expectProblem(await api.post('/api/v1/customers', { externalId: 'X', name: 'X', creditLimit: 10.5 }), 400, 'invalid_input').detail).toContain(
      'body.creditLimit',
    );
  });

  it('answers 404 for an unknown id and 400 for an id that is not one', async () => {
    expectProblem(await api.get('/api/v1/customers/999999999'), 404, 'not_found');
    expectProblem(await api.patch('/api/v1/customers/999999999', { name: 'x' }), 404, 'not_found');
    expect(expectProblem(await api.get('/api/v1/customers/abc'), 400, 'invalid_input').detail).toContain('path.id');
  });
});
