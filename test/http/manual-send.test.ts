// Sending a message by hand from the customer page: the contact rules judge it as any planned
// message. Refused, the answer says which rule and why, and from when it would be allowed (null:
// not within reach).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { createTestApp, expectProblem, makeUser, sessionClient, signIn, type App } from './support.ts';

describeEachEngine('Sending a message by hand', (engine) => {
  let database: Database;
  let app: App;
  let collector: ReturnType<typeof sessionClient>;
  let viewer: ReturnType<typeof sessionClient>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    const org = await createOrg(database.db, { name: 'Northwind', slug: 'northwind', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'owner@northwind.example' });
    await makeUser(database, org.org.id, 'collector', 'cara@northwind.example', 'cara-password');
    await makeUser(database, org.org.id, 'viewer', 'val@northwind.example', 'val-password');
    collector = sessionClient(app, await signIn(app, 'cara@northwind.example', 'cara-password'));
    viewer = sessionClient(app, await signIn(app, 'val@northwind.example', 'val-password'));
  });
  afterAll(() => database.close());

  it('refuses with the rule, the reason and no date when the customer cannot be reached that way', async () => {
    const customer = (await collector.post('/api/v1/customers', { externalId: 'M-1', name: 'No Email Ltd' })).body;
    await collector.post('/api/v1/invoices', { customerId: customer.id, number: 'M-INV-1', issueDate: '2026-09-01', dueDate: '2026-10-01', total: 10000 });
    const refused = expectProblem(await collector.post(`/api/v1/customers/${customer.id}/messages`, { template: 'reminder-missed', channel: 'email' }), 409, 'conflict');
    expect(refused.details).toEqual({ rule: 'no-channel', reason: expect.stringMatching(/no usable email address/), allowedFrom: null });
    expect(refused.detail).toMatch(/^not sent: /);
  });

  it('refuses a viewer', async () => {
    const customer = (await collector.post('/api/v1/customers', { externalId: 'M-2', name: 'Reachable Ltd' })).body;
    await collector.post('/api/v1/contacts', { customerId: customer.id, email: 'ap@reachable.example' });
    expectProblem(await viewer.post(`/api/v1/customers/${customer.id}/messages`, { template: 'reminder-missed', channel: 'email' }), 403, 'forbidden');
    expect((await collector.post(`/api/v1/customers/${customer.id}/messages`, { template: 'reminder-missed', channel: 'email' })).status).toBe(201);
  });
});
