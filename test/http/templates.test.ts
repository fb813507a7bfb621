import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice } from '../support/fixtures.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App } from './support.ts';

const threat = 'Subject: Pay now\n\nDear {{contact.greetingName}},\n\nPay {{total}} today\nor we will have you arrested.\n';
const clean = 'Subject: Your account with {{org.name}}\n\nDear {{contact.greetingName}},\n\nOur records show {{total}} overdue:\n\n{{> invoice_table}}\n\nPlease pay by return, or call us if anything is wrong.\n';

describeEachEngine('HTTP templates', (engine) => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
  });
  afterAll(() => database.close());

  it('lists the templates in use, gives a text as a template file, checks a draft line by line, saves for owners only, and keeps the versions', async () => {
    const org = await makeApiOrg(database);
    const owner = client(app, org.keys.owner);
    const list = await client(app, org.keys.viewer).get('/api/v1/templates');
    expect(list.status, list.text).toBe(200);
    const firm = list.body.data.find((t: { name: string }) => t.name === 'firm-reminder');
    expect(firm).toMatchObject({ tone: 'firm', channels: ['email', 'letter', 'sms'] });
    expect(firm.inUse).toContainEqual(expect.objectContaining({ channel: 'email', language: 'en-GB', version: 0, origin: 'shipped' }));

    const shipped = await owner.get('/api/v1/templates/firm-reminder/text?channel=email&language=en-GB');
    expect(shipped.status, shipped.text).toBe(200);
    expect(shipped.body).toMatchObject({ origin: 'shipped', version: 0 });
    expect(shipped.body.text).toMatch(/^Subject: .+\n\n/);
    // The shipped text passes its own checks.
    expect((await owner.post('/api/v1/templates/firm-reminder/check', { channel: 'email', language: 'en-GB', text: shipped.body.text })).body).toEqual({ problems: [] });

    const checked = await owner.post('/api/v1/templates/firm-reminder/check', { channel: 'email', language: 'en-GB', text: threat });
    expect(checked.status, checked.text).toBe(200);
    const wording = checked.body.problems.filter((p: { kind: string }) => p.kind === 'wording');
    expect(wording).toHaveLength(1);
    expect(wording[0]).toMatchObject({ part: 'body', line: 4, rule: { phrase: expect.stringMatching(/arrested/) } });
    const noSubject = await owner.post('/api/v1/templates/firm-reminder/check', { channel: 'email', language: 'en-GB', text: 'Dear customer' });
    expect(noSubject.body.problems[0]).toMatchObject({ part: 'subject', kind: 'missing' });

    expectProblem(await client(app, org.keys.collector).post('/api/v1/templates/firm-reminder/versions', { channel: 'email', language: 'en-GB', text: clean }), 403, 'forbidden');
    const refused = expectProblem(await owner.post('/api/v1/templates/firm-reminder/versions', { channel: 'email', language: 'en-GB', text: threat }), 400, 'invalid_input');
    expect((refused.details as { problems: unknown[] }).problems).toHaveLength(1);
    const saved = await owner.post('/api/v1/templates/firm-reminder/versions', { channel: 'email', language: 'en-GB', text: clean });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body).toMatchObject({ name: 'firm-reminder', channel: 'email', language: 'en-GB', version: 1 });

    expect((await owner.get('/api/v1/templates/firm-reminder/text?channel=email&language=en-GB')).body).toMatchObject({ origin: 'organisation', version: 1, text: clean });
    const versions = await owner.get('/api/v1/templates/firm-reminder/versions');
    expect(versions.body.data).toMatchObject([{ channel: 'email', language: 'en-GB', version: 1, text: clean, createdBy: expect.stringMatching(/^api-key:/), createdByName: expect.stringMatching(/^API key “.+”$/) }]);
    expectProblem(await owner.get('/api/v1/templates/no-such/versions'), 404, 'not_found');
  });

  it('previews with sample data, an unsaved draft, or what a real customer would be sent today', async () => {
    const org = await makeApiOrg(database);
    const owner = client(app, org.keys.owner);
    const sample = await owner.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', language: 'en-GB' });
    expect(sample.status, sample.text).toBe(200);
    expect(sample.body).toMatchObject({ basis: null, template: { origin: 'shipped' }, subject: expect.any(String), html: expect.stringContaining('<') });
    const draft = await owner.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', language: 'en-GB', text: clean });
    expect(draft.body).toMatchObject({ template: { origin: 'draft' }, text: expect.stringContaining('Please pay by return') });

    const customer = await makeCustomer(database, org.orgId, { externalId: 'TP-1', name: 'Preview Ltd' });
    await database.db.insertInto('contacts').values({ org_id: org.orgId, customer_id: customer.id, email: 'ap@tp1.example', address_line1: '1 Road' } as never).execute();
    await makeInvoice(database, org.orgId, customer.id, { number: 'TP-INV-1', issueDate: '2026-10-01', dueDate: '2026-10-31', total: 250_00n });
    const real = await owner.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', customerId: String(customer.id) });
    expect(real.status, real.text).toBe(200);
    expect(real.body.basis).toBe('chaseable');
    expect(real.body.text).toContain('TP-INV-1');
    expectProblem(await owner.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', customerId: '999999999' }), 404, 'not_found');
    expectProblem(await owner.post('/api/v1/templates/firm-reminder/preview', { channel: 'call' }), 400, 'invalid_input');
  });
});
