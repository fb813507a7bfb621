import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type Client } from './support.ts';

describeEachEngine('HTTP contacts', (engine) => {
  let database: Database;
  let api: Client;
  let customerId: string;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    api = client(createTestApp(database), (await makeApiOrg(database)).keys.owner);
    customerId = (await api.post('/api/v1/customers', { externalId: 'C-1', name: 'Acme' })).body.id;
  });
  afterAll(() => database.close());

  it('adds a contact, recording where each address came from', async () => {
    const created = await api.post('/api/v1/contacts', {
      customerId,
      name: 'Pat Payables',
      role: 'billing',
      email: 'ap@acme.example',
      emailSource: 'invoice',
      phone: '+44 20 7946 0000',
      addressLine1: '1 High Street',
      city: 'London',
      postalCode: 'EC1A 1AA',
      country: 'GB',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      customerId,
      name: 'Pat Payables',
      email: 'ap@acme.example',
      emailSource: 'invoice',
      phoneSource: 'api',
      addressSource: 'api',
      optOut: { email: false, sms: false, phone: false, letter: false },
    });
    expect((await api.get(`/api/v1/contacts/${created.body.id}`)).body).toEqual(created.body);
  });

  it('changes opt-outs per channel, keeping the channels not named', async () => {
    const { body: contact } = await api.post('/api/v1/contacts', { customerId, email: 'x@acme.example', optOut: { letter: true } });
    const changed = await api.patch(`/api/v1/contacts/${contact.id}`, { optOut: { sms: true } });
    expect(changed.status).toBe(200);
    expect(changed.body.optOut).toEqual({ email: false, sms: true, phone: false, letter: true });
    const cleared = await api.patch(`/api/v1/contacts/${contact.id}`, { email: null });
    expect(cleared.body).toMatchObject({ email: null, emailSource: null });
  });

  it('shows when an address bounced; a new address clears it, the same one keeps it', async () => {
    const { body: contact } = await api.post('/api/v1/contacts', { customerId, email: 'gone@acme.example' });
    expect(contact.emailBouncedAt).toBeNull();
    await database.db.updateTable('contacts').set({ email_bounced_at: '2026-11-20T08:00:00Z' }).where('id', '=', BigInt(contact.id)).execute();
    expect(Date.parse((await api.get(`/api/v1/contacts/${contact.id}`)).body.emailBouncedAt)).toBe(Date.parse('2026-11-20T08:00:00Z'));
    expect((await api.patch(`/api/v1/contacts/${contact.id}`, { email: 'gone@acme.example', name: 'Gone' })).body.emailBouncedAt).not.toBeNull();
    expect((await api.patch(`/api/v1/contacts/${contact.id}`, { name: 'Still gone' })).body.emailBouncedAt).not.toBeNull();
    expect((await api.patch(`/api/v1/contacts/${contact.id}`, { email: 'new@acme.example' })).body.emailBouncedAt).toBeNull();
  });

  it('lists the contacts of one customer', async () => {
    const other = (await api.post('/api/v1/customers', { externalId: 'C-2', name: 'Other' })).body.id;
    const { body: mine } = await api.post('/api/v1/contacts', { customerId: other, name: 'Only me' });
    const list = await api.get(`/api/v1/contacts?customerId=${other}`);
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([mine.id]);
  });

  it('refuses an unknown customer, a bad email and an unknown channel', async () => {
    expectProblem(await api.post('/api/v1/contacts', { customerId: '999999999', name: 'Nobody' }), 404, 'not_found');
    const problem = expectProblem(await api.post('/api/v1/contacts', { customerId, email: 'not-an-email', optOut: { fax: true } }), 400, 'invalid_input');
    expect(problem.errors!.map((e) => e.field).sort()).toEqual(['body.email', 'body.optOut.fax']);
    expectProblem(await api.post('/api/v1/contacts', { name: 'No customer' }), 400, 'invalid_input');
    expectProblem(await api.patch('/api/v1/contacts/999999999', { name: 'x' }), 404, 'not_found');
  });
});
