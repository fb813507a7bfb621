import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type ApiOrg } from './support.ts';

describeEachEngine('HTTP org settings', (engine) => {
  let database: Database;
  let org: ApiOrg;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    org = await makeApiOrg(database);
  });
  afterAll(() => database.close());

  it('reads the payment instructions and letterhead; an owner changes them, nobody else', async () => {
    const app = createTestApp(database);
    const owner = client(app, org.keys.owner);
    const collector = client(app, org.keys.collector);
    expect((await collector.get('/api/v1/org/settings')).body).toMatchObject({ paymentInstructions: null, ownSmtpServer: false });

    const changed = await owner.patch('/api/v1/org/settings', { paymentInstructions: '  Sort code 20-00-00, account 55779911.  ', phone: '0117 496 0000' });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ paymentInstructions: 'Sort code 20-00-00, account 55779911.', phone: '0117 496 0000' });
    const stored = await database.db.selectFrom('orgs').select('payment_instructions').where('id', '=', org.orgId).executeTakeFirstOrThrow();
    expect(stored.payment_instructions).toBe('Sort code 20-00-00, account 55779911.');

    expectProblem(await collector.patch('/api/v1/org/settings', { paymentInstructions: 'Pay me' }), 403, 'forbidden');
    expectProblem(await owner.patch('/api/v1/org/settings', { paymentInstructions: 'x'.repeat(650) }), 400, 'invalid_input');
    expect((await owner.patch('/api/v1/org/settings', { paymentInstructions: '' })).body.paymentInstructions).toBeNull();
  });
});
