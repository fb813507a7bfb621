import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, makeApiOrg, makeUser, sessionClient, signIn, type App, type Client } from './support.ts';

// Plans, settlements, placements and write-offs name who acted in words beside the actor as
// written ('user:3'), so that a person reading the customer page or an approval sees a name.
describeEachEngine('HTTP names of who acted', (engine) => {
  let database: Database;
  let app: App;
  let ownerKey: Client;
  let collector: ReturnType<typeof sessionClient>;
  let owner: ReturnType<typeof sessionClient>;
  let customerId: string;
  let invoiceNumber = 0;
  const invoice = async (total: number) =>
    (await ownerKey.post('/api/v1/invoices', { customerId, number: `AN-${++invoiceNumber}`, issueDate: '2026-09-01', dueDate: '2026-09-30', total })).body as { id: string };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    const org = await makeApiOrg(database);
    app = createTestApp(database);
    ownerKey = client(app, org.keys.owner);
    await makeUser(database, org.orgId, 'collector', 'cora@example.com', 'collector password 1');
    await makeUser(database, org.orgId, 'owner', 'olga@example.com', 'owner password 12');
    collector = sessionClient(app, await signIn(app, 'cora@example.com', 'collector password 1'));
    owner = sessionClient(app, await signIn(app, 'olga@example.com', 'owner password 12'));
    customerId = (await ownerKey.post('/api/v1/customers', { externalId: 'AN-1', name: 'Named Ltd' })).body.id;
  });
  afterAll(() => database.close());

  it('a settlement offered by a collector and approved through an owner’s API key names both, in the list and alone', async () => {
    const inv = await invoice(100000);
    const offered = await collector.post('/api/v1/settlements', { customerId, invoiceIds: [inv.id], percent: 60, expiresOn: '2026-12-07' });
    expect(offered.status, offered.text).toBe(201);
    expect(offered.body).toMatchObject({ offeredBy: expect.stringMatching(/^user:\d+$/), offeredByName: 'collector cora@example.com', decidedBy: null, decidedByName: null });
    const approved = await ownerKey.post(`/api/v1/settlements/${offered.body.id}/approve`, { reason: 'fine' });
    expect(approved.body.decidedByName).toMatch(/^API key “.+”$/);
    const listed = (await owner.get(`/api/v1/settlements?customerId=${customerId}`)).body.data;
    expect(listed).toEqual([expect.objectContaining({ id: offered.body.id, offeredByName: 'collector cora@example.com', decidedByName: approved.body.decidedByName })]);
  });

  it('a plan proposed by a collector and accepted by an owner names both; a placement and a write-off name the owner', async () => {
    const inv = await invoice(90000);
    const proposed = await collector.post('/api/v1/plans', { customerId, invoiceIds: [inv.id], instalments: 3, first: '2026-12-01', every: 'month' });
    expect(proposed.status, proposed.text).toBe(201);
    expect(proposed.body).toMatchObject({ proposedByName: 'collector cora@example.com', acceptedByName: null });
    const accepted = await owner.post(`/api/v1/plans/${proposed.body.id}/accept`, {});
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.body).toMatchObject({ proposedByName: 'collector cora@example.com', acceptedByName: 'owner olga@example.com' });
    const plans = (await collector.get(`/api/v1/plans?customerId=${customerId}`)).body.data;
    expect(plans).toEqual([expect.objectContaining({ id: proposed.body.id, proposedByName: 'collector cora@example.com', acceptedByName: 'owner olga@example.com' })]);

    const small = await invoice(500);
    const writtenOff = await owner.post('/api/v1/write-offs', { invoiceId: small.id, reasonCode: 'small-balance' });
    expect(writtenOff.status, writtenOff.text).toBe(201);
    expect(writtenOff.body).toMatchObject({ createdByName: 'owner olga@example.com', reversedByName: null });
    const reversed = await ownerKey.post(`/api/v1/write-offs/${writtenOff.body.id}/reverse`, { reason: 'paid in cash' });
    expect(reversed.body.reversedByName).toMatch(/^API key “.+”$/);
    expect((await collector.get(`/api/v1/write-offs?customerId=${customerId}`)).body.data).toEqual([expect.objectContaining({ createdByName: 'owner olga@example.com', reversedByName: reversed.body.reversedByName })]);

    const placedCustomer = (await ownerKey.post('/api/v1/customers', { externalId: 'AN-2', name: 'Placed Ltd' })).body.id;
    await ownerKey.post('/api/v1/invoices', { customerId: placedCustomer, number: 'AN-P1', issueDate: '2026-08-01', dueDate: '2026-08-31', total: 80000 });
    const placed = await owner.post('/api/v1/placements', { agency: 'Recoveries Ltd', commissionPercent: 25, customerIds: [placedCustomer] });
    expect(placed.status, placed.text).toBe(201);
    expect(placed.body).toMatchObject({ placedByName: 'owner olga@example.com', recalledByName: null });
    const recalled = await owner.post(`/api/v1/placements/${placed.body.id}/recall`, { reason: 'settled directly' });
    expect(recalled.body).toMatchObject({ recalledByName: 'owner olga@example.com' });
    expect((await collector.get('/api/v1/placements')).body.data).toEqual([expect.objectContaining({ id: placed.body.id, placedByName: 'owner olga@example.com', recalledByName: 'owner olga@example.com' })]);
  });
});
