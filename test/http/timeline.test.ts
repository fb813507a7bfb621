// The customer page's timeline: newest first when asked, each entry saying who acted (a signed-in
// user by name, an API key by its name), and each message linking to its stored copy — an email's
// HTML served as a sandboxed document, a letter's PDF shown in the browser.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { dispatchAll, makeReadySend } from '../support/outbox-fixtures.ts';
import { call, createTestApp, expectProblem, makeUser, sessionClient, signIn, type App } from './support.ts';

describeEachEngine('Customer timeline for the web app', (engine) => {
  let database: Database;
  let app: App;
  let customerId: string;
  let org: Awaited<ReturnType<typeof createOrg>>;
  let cara: ReturnType<typeof sessionClient>;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database);
    org = await createOrg(database.db, { name: 'Northwind', slug: 'northwind', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'owner@northwind.example' });
    await makeUser(database, org.org.id, 'collector', 'cara@northwind.example', 'cara-password');
    await database.db.updateTable('users').set({ name: 'Cara Diaz' }).where('email', '=', 'cara@northwind.example').execute();
    cara = sessionClient(app, await signIn(app, 'cara@northwind.example', 'cara-password'));
    customerId = (await cara.post('/api/v1/customers', { externalId: 'T-1', name: 'Timeline Ltd' })).body.id;
    expect((await cara.post('/api/v1/contacts', { customerId, email: 'ap@timeline.example' })).status).toBe(201);
    const invoice = (await cara.post('/api/v1/invoices', { customerId, number: 'T-INV-1', issueDate: '2026-09-01', dueDate: '2026-10-01', total: 50000 })).body;
    expect((await cara.post('/api/v1/payments', { customerId, receivedOn: '2026-11-20', amount: 1000, allocations: [{ invoiceId: invoice.id, amount: 1000 }] })).status).toBe(201);
    // an email sent (to the .eml outbox); then a hold placed with an API key
    const orgRow = await database.db.selectFrom('orgs').selectAll().where('id', '=', org.org.id).executeTakeFirstOrThrow();
    await makeReadySend(database, orgRow, BigInt(customerId), [{ id: BigInt(invoice.id), number: 'T-INV-1' }], { template: 'firm-reminder', tone: 'firm', stepName: 'Firm reminder', key: 'timeline:email' });
    await dispatchAll(database, { email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-timeline-')) }), sms: null }, '2026-11-23T12:00:00Z');
    expect((await call(app, 'POST', '/api/v1/holds', { key: org.apiKey, body: { customerId, reason: 'Talking to their accountant', endsOn: '2026-12-31' } })).status).toBe(201);
  });
  afterAll(() => database.close());

  it('lists newest first when asked, naming who did each thing', async () => {
    const oldest = await cara.get(`/api/v1/customers/${customerId}/timeline?limit=500`);
    const newest = await cara.get(`/api/v1/customers/${customerId}/timeline?limit=500&order=newest`);
    expect(newest.status, newest.text).toBe(200);
    const ids = (reply: typeof oldest) => reply.body.data.map((e: { id: string }) => e.id);
    expect(ids(newest)).toEqual([...ids(oldest)].reverse());
    // paging newest first walks the same entries
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: typeof oldest = await cara.get(`/api/v1/customers/${customerId}/timeline?limit=2&order=newest${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids(newest));
    const payment = newest.body.data.find((e: { kind: string }) => e.kind.includes('payment'));
    expect(payment).toMatchObject({ actor: expect.stringMatching(/^user:\d+$/), actorName: 'Cara Diaz' });
    const hold = newest.body.data.find((e: { kind: string }) => e.kind.includes('hold'));
    expect(hold).toMatchObject({ actor: expect.stringMatching(/^api-key:\d+$/), actorName: 'API key “first key”' });
  });

  it('links an email to its HTML as sent, served sandboxed', async () => {
    const timeline = await cara.get(`/api/v1/customers/${customerId}/timeline?limit=500&order=newest`);
    const email = timeline.body.data.find((e: { communication: { channel: string } | null }) => e.communication?.channel === 'email');
    expect(email, timeline.text).toBeDefined();
    const id = email.communication.id;
    expect(email.links).toEqual({ copy: `/api/v1/communications/${id}`, html: `/api/v1/communications/${id}/html`, pdf: null });
    const html = await cara.get(email.links.html);
    expect(html.status, html.text).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox; default-src 'none'/);
    const copy = (await cara.get(email.links.copy)).body;
    expect(html.text).toBe(copy.html);
    expect(html.text).toContain('T-INV-1');
  });

  it('links a letter to its PDF, shown inline; a message without HTML has none to serve', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7 letter');
    const communication = await database.db
      .insertInto('communications')
      .values({
        org_id: org.org.id, customer_id: BigInt(customerId), action_id: null, direction: 'outbound', channel: 'letter', template_name: 'demand-letter', template_version: 0, template_hash: null, language: 'en-GB',
        subject: null, body_text: 'The letter', body_html: null, sender: 'Northwind', recipients: '["Timeline Ltd"]', message_id: null, transport: 'letter', delivered: false, provider_reference: null, sent_at: '2026-11-23T13:00:00Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const file = await database.db
      .insertInto('communication_files')
      .values({ org_id: org.org.id, communication_id: communication.id, name: 'letter.pdf', content_type: 'application/pdf', size: bytes.length, sha256: 'x', bytes })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('activities')
      .values({ org_id: org.org.id, customer_id: BigInt(customerId), kind: 'letter_printed', actor: 'system', summary: 'Demand letter printed', data: JSON.stringify({ communicationId: communication.id.toString() }) })
      .execute();
    const newest = (await cara.get(`/api/v1/customers/${customerId}/timeline?order=newest&limit=1`)).body.data[0];
    expect(newest).toMatchObject({ kind: 'letter_printed', actorName: null });
    expect(newest.links).toEqual({ copy: `/api/v1/communications/${communication.id}`, html: null, pdf: `/api/v1/communications/${communication.id}/files/${file.id}?inline=true` });
    const pdf = await cara.get(newest.links.pdf);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe('inline; filename="letter.pdf"');
    expect(pdf.text).toBe('%PDF-1.7 letter');
    expectProblem(await cara.get(`/api/v1/communications/${communication.id}/html`), 404, 'not_found');
  });
});
