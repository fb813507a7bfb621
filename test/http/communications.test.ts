// The communications over HTTP: send a message by hand, see it on the timeline with its copy,
// fetch the copy and a letter's PDF byte for byte, steer the outbox, and work a call task.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { dispatchAll, makeDebtor, overdueInvoices } from '../support/outbox-fixtures.ts';
import { client, createTestApp, expectProblem, makeApiOrg, type App } from './support.ts';

describeEachEngine('HTTP communications', (engine) => {
  let database: Database;
  let app: App;
  const senders = { email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-http-outbox-')) }), sms: null };
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database); // now: 2026-11-23T10:00:00Z
  });
  afterAll(() => database.close());

  async function setUp() {
    const apiOrg = await makeApiOrg(database);
    // letters need the organisation's return address
    const org = await database.db.updateTable('orgs').set({ postal_address: ['1 Quay Street', 'Bristol BS1 4DJ'] }).where('id', '=', apiOrg.orgId).returningAll().executeTakeFirstOrThrow();
    const customer = await makeDebtor(database, org, { externalId: 'HTTP-1' });
    const invoices = await overdueInvoices(database, org, customer.id, 'HTTP1');
    return { apiOrg, org, customer, invoices };
  }

  it('sends a letter by hand, shows it on the timeline with its copy, and serves the PDF byte for byte', async () => {
    const { apiOrg, customer } = await setUp();
    const api = client(app, apiOrg.keys.collector);
    expectProblem(await client(app, apiOrg.keys.viewer).post(`/api/v1/customers/${customer.id}/messages`, { template: 'demand-letter', channel: 'letter' }), 403, 'forbidden');
    const queued = await api.post(`/api/v1/customers/${customer.id}/messages`, { template: 'demand-letter', channel: 'letter' });
    expect(queued.status, queued.text).toBe(201);
    expect(queued.body).toMatchObject({ kind: 'send', channel: 'letter', status: 'ready', template: 'demand-letter' });

    await dispatchAll(database, senders, '2026-11-23T10:00:00Z');
    const timeline = await api.get(`/api/v1/customers/${customer.id}/timeline?limit=500`);
    expect(timeline.status, timeline.text).toBe(200);
    const entry = timeline.body.data.find((e: { kind: string }) => e.kind === 'letter_printed');
    expect(entry.communication).toMatchObject({ channel: 'letter', transport: 'letter', delivered: false, actionId: queued.body.id, template: { name: 'demand-letter', version: 0 } });
    const [file] = entry.communication.files;
    expect(file).toMatchObject({ contentType: 'application/pdf' });

    const copy = await api.get(`/api/v1/communications/${entry.communication.id}`);
    expect(copy.body.text).toContain('£1,349.99');
    const pdf = await app.request(`/api/v1/communications/${entry.communication.id}/files/${file.id}`, { headers: { authorization: `Bearer ${apiOrg.keys.viewer}` } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);

    // printed: it cannot be cancelled, and retrying it is refused
    expectProblem(await api.post(`/api/v1/actions/${queued.body.id}/cancel`, { reason: 'too late' }), 409, 'conflict');
    expectProblem(await api.post(`/api/v1/actions/${queued.body.id}/retry`, {}), 409, 'conflict');
    const sent = await api.get(`/api/v1/actions?kind=send&status=printed`);
    expect(sent.body.data.map((a: { id: string }) => a.id)).toContain(queued.body.id);
  });

  it('a call task: the script over HTTP, then one request for the outcome', async () => {
    const { apiOrg, customer, invoices } = await setUp();
    const [task] = await insertActions(database.db, apiOrg.orgId, [
      { customerId: customer.id, caseId: null, key: 'http:call', cycleDate: '2026-11-23', kind: 'task', channel: 'call', playbookName: 'standard', playbookVersion: 0, stepKey: 'call', stepName: 'Call', stepIndex: 2, tone: 'firm', template: 'call-firm', status: 'ready', dueAt: '2026-11-23T09:00:00Z', rule: null, reason: null, invoiceIds: invoices.map((i) => i.id), invoiceNumbers: invoices.map((i) => i.number), amounts: {}, data: {} },
    ]);
    const api = client(app, apiOrg.keys.collector);
    const script = await api.get(`/api/v1/actions/${task!.id}/call-script`);
    expect(script.status, script.text).toBe(200);
    expect(script.body.script).toContain('£1,349.99');
    expect(script.body.phones).toEqual(['+44 7700 900123']);
    const outcome = await api.post(`/api/v1/actions/${task!.id}/call-outcome`, { outcome: 'promise', promise: { amount: 1_349_99, dueOn: '2026-11-30' } });
    expect(outcome.status, outcome.text).toBe(200);
    expect(outcome.body.effects[0]).toMatch(/Promise \d+ recorded/);
    expectProblem(await api.post(`/api/v1/actions/${task!.id}/call-outcome`, { outcome: 'no_answer' }), 409, 'conflict');
    expectProblem(await api.post(`/api/v1/actions/${task!.id}/call-outcome`, { outcome: 'shouted' }), 400, 'invalid_input');
  });
});
