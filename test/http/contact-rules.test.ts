// /api/v1/customers/{id}/contact-check and /contact-flags over HTTP: the answer a collector gets
// before a call, the flags a person records, roles and errors.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer } from '../support/fixtures.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App } from './support.ts';

describeEachEngine('HTTP contact rules', (engine) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database); // now: 2026-11-23T10:00:00Z
  });
  afterAll(() => database.close());

  it('answers now, then blocked after a recorded cease request; the flags are returned and on the timeline', async () => {
    const org = await makeApiOrg(database);
    const customer = await makeCustomer(database, org.orgId, { externalId: 'CR-1', kind: 'consumer' });
    await database.db.updateTable('customers').set({ country: 'US', region: 'CA', time_zone: 'America/Los_Angeles' }).where('id', '=', customer.id).execute();
    await database.db.insertInto('contacts').values({ org_id: org.orgId, customer_id: customer.id, email: 'cr@example.com', phone: '+1 415 555 0100' } as never).execute();
    const api = client(app, org.keys.collector);

    // 02:00 in Los Angeles: a consumer may be called from 08:00 their time
    const early = await api.get(`/api/v1/customers/${customer.id}/contact-check?channel=call`);
    expect(early.status, early.text).toBe(200);
    expect(early.body).toMatchObject({ channel: 'call', answer: 'later', allowedFrom: '2026-11-23T08:00:00-08:00', rule: null });
    expect(early.body.rules.map((rule: { id: string }) => rule.id)).toEqual(['one-message-per-day', 'consumer-contact-hours', 'us-reg-f-call-frequency', 'limitation-period']);

    const flagged = await api.patch(`/api/v1/customers/${customer.id}/contact-flags`, { reason: 'letter of 2026-11-20', ceaseRequestedOn: '2026-11-20', inconvenientTimes: [{ from: '12:00', to: '13:00' }] });
    expect(flagged.status, flagged.text).toBe(200);
    expect(flagged.body).toEqual({
      customerId: customer.id.toString(),
      ceaseRequestedOn: '2026-11-20',
      attorneyRepresented: false,
      bankruptcy: false,
      breathingSpaceUntil: null,
      inconvenientTimes: [{ from: '12:00', to: '13:00' }],
    });
    const blocked = await api.get(`/api/v1/customers/${customer.id}/contact-check?channel=email`);
    expect(blocked.body).toMatchObject({ answer: 'blocked', rule: 'cease-communication', allowedFrom: null });
    const timeline = await database.db.selectFrom('activities').select('summary').where('customer_id', '=', customer.id).where('kind', '=', 'contact_flags').execute();
    expect(timeline).toEqual([{ summary: 'Contact: asked on 2026-11-20 for contact to stop; inconvenient times 12:00–13:00 (letter of 2026-11-20)' }]);
  });

  it('refuses a viewer’s change, a bad channel, a bad time, and an unknown customer', async () => {
    const org = await makeApiOrg(database);
    const customer = await makeCustomer(database, org.orgId, { externalId: 'CR-2' });
    expectProblem(await client(app, org.keys.viewer).patch(`/api/v1/customers/${customer.id}/contact-flags`, { reason: 'x', bankruptcy: true }), 403, 'forbidden');
    const api = client(app, org.keys.owner);
    expectProblem(await api.get(`/api/v1/customers/${customer.id}/contact-check?channel=pigeon`), 400, 'invalid_input');
    expectProblem(await api.patch(`/api/v1/customers/${customer.id}/contact-flags`, { reason: 'x', inconvenientTimes: [{ from: '9am', to: '10:00' }] }), 400, 'invalid_input');
    expectProblem(await api.get('/api/v1/customers/999999999/contact-check?channel=call'), 404, 'not_found');
    // overrides are the owner's alone, and only of the organisation's own rules
    const override = { channel: 'email', rule: 'one-message-per-day', reason: 'urgent' };
    expectProblem(await client(app, org.keys.collector).post(`/api/v1/customers/${customer.id}/contact-override`, override), 403, 'forbidden');
    const refused = expectProblem(await api.post(`/api/v1/customers/${customer.id}/contact-override`, override), 403, 'forbidden');
    expect(refused.detail).toContain('cannot be overridden');
  });
});
