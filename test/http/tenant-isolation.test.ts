// A key of one organisation can never read or change another organisation's data. Every
// operation of the OpenAPI document must have a case here (so a new route cannot be forgotten):
// with org B's key it tries to read and change org A's rows, which must be "not found" — answered
// exactly as for an id that does not exist — or absent from lists, and A's rows must be unchanged.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { twilioSignature } from '../../src/channels/sms/twilio-signature.ts';
import type { SmsConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/engine.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import { stringifyJson } from '../../src/json.ts';
import { dispatchAll, makeReadySend } from '../support/outbox-fixtures.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { inboundSmsFields, postInboundSms } from '../support/fake-sms-provider.ts';
import { call, client, createTestApp, makeApiOrg, type App, type Client, type Reply } from './support.ts';

const tenantTables = ['customers', 'contacts', 'imports', 'invoices', 'payments', 'credit_notes', 'allocations', 'charges', 'disputes', 'holds', 'promises', 'payment_plans', 'write_offs', 'settlements', 'placements', 'placement_payments', 'activities', 'users', 'api_keys', 'playbooks', 'playbook_rules', 'cases', 'actions', 'cycle_runs', 'communications', 'communication_files', 'templates', 'sessions', 'invites', 'reference_rates'] as const;
const missingId = '999999999';
/** A's own wording of a template (it passes the checks). */
const aTemplateText = 'Subject: Your account with {{org.name}}\n\nDear {{contact.greetingName}},\n\nA’s secret wording: our records show {{total}} overdue:\n\n{{> invoice_table}}\n\nPlease pay by return, or call us if anything is wrong.\n';
/** Playbooks only org A has: B must never see them or be able to name them. */
const aPlaybook = 'a-secret';
const aHiddenPlaybook = 'a-hidden';
/** A's contact has this number (written as '+44 (0)7700 900123'); so does one of B's. */
const sharedNumber = '+447700900123';
const sms: SmsConfig = { baseUrl: 'http://127.0.0.1:9', accountSid: `AC${'0'.repeat(32)}`, authToken: 'tenant-test-token', from: '+447700900999' };

interface OrgA {
  orgId: bigint;
  orgSlug: string;
  customerId: string;
  externalId: string;
  contactId: string;
  invoiceId: string;
  invoiceNumber: string;
  paymentId: string;
  creditNoteId: string;
  creditNoteNumber: string;
  importId: string;
  holdId: string;
  disputeId: string;
  promiseId: string;
  planId: string;
  writeOffId: string;
  settlementId: string;
  placementId: string;
  /** an action the cycle planned for A's second, overdue customer */
  actionId: string;
  /** A's email to that customer, dispatched (to the .eml outbox), with a file */
  communicationId: string;
  /** its Message-ID */
  messageId: string;
  fileId: string;
  /** a call task of A's */
  callId: string;
  letterId: string;
  userId: string;
  userEmail: string;
  inviteId: string;
  apiKeyId: string;
}

/** Everything org A has, every column of every row, to compare before and after. */
async function snapshot(database: Database, orgId: bigint): Promise<string> {
  const tables: Record<string, unknown[]> = {};
  for (const table of tenantTables) {
    tables[table] = await database.db.selectFrom(table).selectAll().where('org_id', '=', orgId).orderBy('id').execute();
  }
  // the organisation's own row holds its settings and charge policy
  tables.orgs = await database.db.selectFrom('orgs').selectAll().where('id', '=', orgId).execute();
  return stringifyJson(tables);
}

/** 404 not_found, worded exactly like the answer for an id that exists nowhere. */
async function expectHidden(reply: Reply, id: string, probe: () => Promise<Reply>): Promise<void> {
  expect(reply.status, reply.text).toBe(404);
  expect(reply.body.code).toBe('not_found');
  const nowhere = await probe();
  expect(nowhere.status).toBe(404);
  expect(reply.body.detail.replaceAll(id, '<id>')).toBe(nowhere.body.detail.replaceAll(missingId, '<id>'));
}

function idsOf(reply: Reply): string[] {
  expect(reply.status, reply.text).toBe(200);
  return reply.body.data.map((row: { id: string }) => row.id);
}

type Case = (b: Client, a: OrgA, bCustomerId: string) => Promise<void>;

const cases: Record<string, Case> = {
  'GET /api/v1/session': async (b, a) => {
    const me = await b.get('/api/v1/session');
    expect(me.status, me.text).toBe(200);
    expect(me.body.org.slug).not.toBe(a.orgSlug);
  },
  // a key has no session or password; a session of B's is tested in session.test.ts
  'DELETE /api/v1/session': async (b) => expect((await b.delete('/api/v1/session')).status).toBe(400),
  'GET /api/v1/communications/{id}/html': async (b, a) =>
    expectHidden(await b.get(`/api/v1/communications/${a.communicationId}/html`), a.communicationId, () => b.get(`/api/v1/communications/${missingId}/html`)),
  'GET /api/v1/worklist': async (b, a) => {
    const list = await b.get('/api/v1/worklist?limit=500');
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((i: { actionId: string | null }) => i.actionId)).not.toContain(a.callId);
    // A's settlement awaiting approval and A's proposed plan are on A's worklist only
    expect(list.body.data.map((i: { settlementId: string | null }) => i.settlementId)).not.toContain(a.settlementId);
    expect(list.body.data.map((i: { planId: string | null }) => i.planId)).not.toContain(a.planId);
    expect(list.text).not.toContain('A-SECRET');
  },
  'GET /api/v1/dashboard': async (b) => {
    const dashboard = await b.get('/api/v1/dashboard');
    expect(dashboard.status, dashboard.text).toBe(200);
    // A's receivables are in EUR; B has none
    expect(dashboard.body.currencies).toEqual([]);
    expect(dashboard.body.trend.flatMap((m: { currencies: unknown[] }) => m.currencies)).toEqual([]);
    expect(Object.values(dashboard.body.work).every((n) => n === 0)).toBe(true);
  },
  'GET /api/v1/users': async (b, a) => {
    const users = await b.get('/api/v1/users?limit=500');
    expect(idsOf(users)).not.toContain(a.userId);
    expect(users.text).not.toContain(a.userEmail);
  },
  'PATCH /api/v1/users/{id}': async (b, a) => {
    for (const change of [{ role: 'viewer' }, { active: false }]) {
      await expectHidden(await b.patch(`/api/v1/users/${a.userId}`, change), a.userId, () => b.patch(`/api/v1/users/${missingId}`, change));
    }
  },
  'GET /api/v1/invites': async (b, a) => expect(idsOf(await b.get('/api/v1/invites?limit=500'))).not.toContain(a.inviteId),
  'POST /api/v1/invites': async (b, a) => {
    // A's user and A's pending invitee are nobody to B: B may invite the same addresses
    for (const email of [a.userEmail, 'invited@a.example']) expect((await b.post('/api/v1/invites', { email, role: 'viewer' })).status).toBe(201);
  },
  'POST /api/v1/invites/{id}/revoke': async (b, a) =>
    expectHidden(await b.post(`/api/v1/invites/${a.inviteId}/revoke`, {}), a.inviteId, () => b.post(`/api/v1/invites/${missingId}/revoke`, {})),
  'GET /api/v1/api-keys': async (b, a) => expect(idsOf(await b.get('/api/v1/api-keys?limit=500'))).not.toContain(a.apiKeyId),
  'POST /api/v1/api-keys': async (b) => expect((await b.post('/api/v1/api-keys', { name: 'B’s key', role: 'viewer' })).status).toBe(201),
  'POST /api/v1/api-keys/{id}/revoke': async (b, a) =>
    expectHidden(await b.post(`/api/v1/api-keys/${a.apiKeyId}/revoke`, {}), a.apiKeyId, () => b.post(`/api/v1/api-keys/${missingId}/revoke`, {})),
  'POST /api/v1/session/password': async (b) => expect((await b.post('/api/v1/session/password', { currentPassword: 'x', newPassword: 'long-enough-password' })).status).toBe(400),
  'GET /api/v1/customers': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/customers'))).not.toContain(a.customerId);
    expect(idsOf(await b.get(`/api/v1/customers?q=${a.externalId}&limit=500`))).not.toContain(a.customerId);
  },
  'GET /api/v1/customers/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/customers/${a.customerId}`), a.customerId, () => b.get(`/api/v1/customers/${missingId}`)),
  'POST /api/v1/customers': async (b, a) => {
    // the same external id in another organisation is another customer, and no conflict discloses A's
    const created = await b.post('/api/v1/customers', { externalId: a.externalId, name: 'B’s own customer' });
    expect(created.status, created.text).toBe(201);
    expect(created.body.id).not.toBe(a.customerId);
  },
  'PATCH /api/v1/customers/{id}': async (b, a) => {
    await expectHidden(await b.patch(`/api/v1/customers/${a.customerId}`, { name: 'Hijacked' }), a.customerId, () => b.patch(`/api/v1/customers/${missingId}`, { name: 'x' }));
    for (const change of [{ playbookOverride: 'gentle' }, { playbookOverride: null }, { excludedReason: 'B excludes A' }, { excludedReason: null }]) {
      await expectHidden(await b.patch(`/api/v1/customers/${a.customerId}`, change), a.customerId, () => b.patch(`/api/v1/customers/${missingId}`, change));
    }
  },
  'GET /api/v1/customers/{id}/playbook': async (b, a) =>
    expectHidden(await b.get(`/api/v1/customers/${a.customerId}/playbook`), a.customerId, () => b.get(`/api/v1/customers/${missingId}/playbook`)),
  // B (an owner) gets no pack of A's customer, nor a refusal that would say it exists
  'POST /api/v1/customers/{id}/claim-pack': async (b, a) =>
    expectHidden(await b.post(`/api/v1/customers/${a.customerId}/claim-pack`, undefined), a.customerId, () => b.post(`/api/v1/customers/${missingId}/claim-pack`, undefined)),

  'GET /api/v1/playbooks': async (b) => {
    const list = await b.get('/api/v1/playbooks?limit=500');
    expect(list.status, list.text).toBe(200);
    expect(list.body.data.map((p: { name: string }) => p.name)).toEqual(['gentle', 'standard', 'tight']);
    // A stored its own "standard"; B still has the built-in one
    expect(list.body.data[1]).toMatchObject({ version: 0, source: 'built-in' });
  },
  'GET /api/v1/playbooks/{name}': async (b) => {
    await expectHidden(await b.get(`/api/v1/playbooks/${aPlaybook}`), aPlaybook, () => b.get(`/api/v1/playbooks/${missingId}`));
    // A's version 2 of "standard" is no version of B's
    await expectHidden(await b.get('/api/v1/playbooks/standard?version=2'), '2', () => b.get(`/api/v1/playbooks/standard?version=${missingId}`));
  },
  'GET /api/v1/playbooks/{name}/export': async (b) =>
    expectHidden(await b.get(`/api/v1/playbooks/${aPlaybook}/export?format=yaml`), aPlaybook, () => b.get(`/api/v1/playbooks/${missingId}/export?format=yaml`)),
  'POST /api/v1/playbooks': async (b) => {
    // A has versions 1 and 2 of "standard"; B's first change of it is B's version 1
    const stored = await b.post('/api/v1/playbooks', { ...playbookOf('standard'), description: 'B’s standard' });
    expect(stored.status, stored.text).toBe(201);
    expect(stored.body).toMatchObject({ status: 'stored', name: 'standard', version: 1 });
  },
  'POST /api/v1/playbooks/simulate': async (b) => {
    // B's simulation (with a draft named like A's playbook) sees none of A's customers and stores nothing
    const simulated = await b.post('/api/v1/playbooks/simulate', { days: 2, from: '2026-11-23', playbook: playbookOf(aPlaybook) });
    expect(simulated.status, simulated.text).toBe(200);
    expect(simulated.body.playbook).toEqual({ name: aPlaybook, version: 1 });
    expect(simulated.text).not.toContain('A-SECRET');
  },
  'GET /api/v1/templates': async (b) => {
    const list = await b.get('/api/v1/templates');
    expect(list.status, list.text).toBe(200);
    const firm = list.body.data.find((t: { name: string }) => t.name === 'firm-reminder');
    expect(firm.inUse.find((v: { channel: string; language: string }) => v.channel === 'email' && v.language === 'en-GB')).toMatchObject({ origin: 'shipped', version: 0 });
  },
  'GET /api/v1/templates/{name}/text': async (b) => {
    const text = await b.get('/api/v1/templates/firm-reminder/text?channel=email&language=en-GB');
    expect(text.body).toMatchObject({ origin: 'shipped', version: 0 });
    expect(text.text).not.toContain('A’s secret wording');
  },
  'POST /api/v1/templates/{name}/check': async (b) => {
    const checked = await b.post('/api/v1/templates/firm-reminder/check', { channel: 'email', language: 'en-GB', text: aTemplateText });
    expect(checked.status, checked.text).toBe(200);
    expect(checked.body.problems).toEqual([]);
  },
  'POST /api/v1/templates/{name}/preview': async (b, a) => {
    await expectHidden(await b.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', customerId: a.customerId }), a.customerId, () =>
      b.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', customerId: missingId }),
    );
    const sample = await b.post('/api/v1/templates/firm-reminder/preview', { channel: 'email', language: 'en-GB' });
    expect(sample.body.template.origin).toBe('shipped');
  },
  'GET /api/v1/templates/{name}/versions': async (b) => expect((await b.get('/api/v1/templates/firm-reminder/versions')).body.data).toEqual([]),
  'POST /api/v1/templates/{name}/versions': async (b) => {
    const saved = await b.post('/api/v1/templates/follow-up/versions', { channel: 'email', language: 'en-GB', text: aTemplateText.replace('A’s secret wording', 'B’s wording') });
    expect(saved.status, saved.text).toBe(201);
    expect(saved.body.version).toBe(1);
  },
  'GET /api/v1/playbook-rules': async (b) => {
    const rules = await b.get('/api/v1/playbook-rules');
    expect(rules.body.source).toBe('built-in');
    expect(rules.text).not.toContain(aPlaybook);
  },
  'PUT /api/v1/playbook-rules': async (b) => {
    // a rule may not name A's playbook: answered exactly as for a playbook that exists nowhere
    const refused = await b.put('/api/v1/playbook-rules', { rules: [{ playbook: aHiddenPlaybook }] });
    const nowhere = await b.put('/api/v1/playbook-rules', { rules: [{ playbook: missingId }] });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.body.detail.replaceAll(aHiddenPlaybook, '<name>')).toBe(nowhere.body.detail.replaceAll(missingId, '<name>'));
    expect((await b.put('/api/v1/playbook-rules', { rules: [{ playbook: 'tight', conditions: { tagsAny: ['b'] } }] })).status).toBe(200);
  },

  'GET /api/v1/contacts': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/contacts'))).not.toContain(a.contactId);
    expect(idsOf(await b.get(`/api/v1/contacts?customerId=${a.customerId}`))).toEqual([]);
  },
  'GET /api/v1/contacts/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/contacts/${a.contactId}`), a.contactId, () => b.get(`/api/v1/contacts/${missingId}`)),
  'POST /api/v1/contacts': async (b, a) =>
    expectHidden(await b.post('/api/v1/contacts', { customerId: a.customerId, email: 'spy@example.com' }), a.customerId, () =>
      b.post('/api/v1/contacts', { customerId: missingId, email: 'spy@example.com' }),
    ),
  'PATCH /api/v1/contacts/{id}': async (b, a) =>
    expectHidden(await b.patch(`/api/v1/contacts/${a.contactId}`, { optOut: { email: true } }), a.contactId, () => b.patch(`/api/v1/contacts/${missingId}`, { optOut: { email: true } })),

  'GET /api/v1/invoices': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/invoices'))).not.toContain(a.invoiceId);
    expect(idsOf(await b.get(`/api/v1/invoices?customerId=${a.customerId}`))).toEqual([]);
  },
  'GET /api/v1/invoices/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/invoices/${a.invoiceId}`), a.invoiceId, () => b.get(`/api/v1/invoices/${missingId}`)),
  'POST /api/v1/invoices': async (b, a, bCustomerId) => {
    const body = (customerId: string, number: string) => ({ customerId, number, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 100 });
    await expectHidden(await b.post('/api/v1/invoices', body(a.customerId, 'B-INV-1')), a.customerId, () => b.post('/api/v1/invoices', body(missingId, 'B-INV-1')));
    // A's invoice number is free in B: numbers are unique per organisation, and A's is not disclosed
    expect((await b.post('/api/v1/invoices', body(bCustomerId, a.invoiceNumber))).status).toBe(201);
  },
  'PATCH /api/v1/invoices/{id}': async (b, a) =>
    expectHidden(await b.patch(`/api/v1/invoices/${a.invoiceId}`, { status: 'void' }), a.invoiceId, () => b.patch(`/api/v1/invoices/${missingId}`, { status: 'void' })),

  'GET /api/v1/payments': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/payments'))).not.toContain(a.paymentId);
    expect(idsOf(await b.get(`/api/v1/payments?customerId=${a.customerId}`))).toEqual([]);
  },
  'GET /api/v1/payments/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/payments/${a.paymentId}`), a.paymentId, () => b.get(`/api/v1/payments/${missingId}`)),
  'POST /api/v1/payments': async (b, a, bCustomerId) => {
    const pay = (customerId: string, allocations: unknown[] = []) => b.post('/api/v1/payments', { customerId, receivedOn: '2026-11-01', amount: 500, allocations });
    await expectHidden(await pay(a.customerId), a.customerId, () => pay(missingId));
    // B's own payment cannot be allocated to A's invoice
    await expectHidden(await pay(bCustomerId, [{ invoiceId: a.invoiceId, amount: 100 }]), a.invoiceId, () => pay(bCustomerId, [{ invoiceId: missingId, amount: 100 }]));
  },

  'GET /api/v1/credit-notes': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/credit-notes'))).not.toContain(a.creditNoteId);
    expect(idsOf(await b.get(`/api/v1/credit-notes?customerId=${a.customerId}`))).toEqual([]);
  },
  'GET /api/v1/credit-notes/{id}': async (b, a) =>
    expectHidden(await b.get(`/api/v1/credit-notes/${a.creditNoteId}`), a.creditNoteId, () => b.get(`/api/v1/credit-notes/${missingId}`)),
  'POST /api/v1/credit-notes': async (b, a, bCustomerId) => {
    const credit = (customerId: string, number: string, allocations: unknown[] = []) =>
      b.post('/api/v1/credit-notes', { customerId, number, issueDate: '2026-11-01', total: 500, allocations });
    await expectHidden(await credit(a.customerId, 'B-CN-1'), a.customerId, () => credit(missingId, 'B-CN-1'));
    await expectHidden(await credit(bCustomerId, 'B-CN-2', [{ invoiceId: a.invoiceId, amount: 100 }]), a.invoiceId, () =>
      credit(bCustomerId, 'B-CN-2', [{ invoiceId: missingId, amount: 100 }]),
    );
    expect((await credit(bCustomerId, a.creditNoteNumber)).status).toBe(201);
  },

  'GET /api/v1/imports': async (b, a) => expect(idsOf(await b.get('/api/v1/imports?limit=500'))).not.toContain(a.importId),
  'GET /api/v1/imports/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/imports/${a.importId}`), a.importId, () => b.get(`/api/v1/imports/${missingId}`)),
  // 'POST /api/v1/imports' needs the raw app (a CSV body): see importCase below.

  'GET /api/v1/holds': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/holds'))).not.toContain(a.holdId);
    expect(idsOf(await b.get(`/api/v1/holds?customerId=${a.customerId}`))).toEqual([]);
  },
  'GET /api/v1/holds/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/holds/${a.holdId}`), a.holdId, () => b.get(`/api/v1/holds/${missingId}`)),
  'POST /api/v1/holds': async (b, a, bCustomerId) => {
    const hold = (customerId: string, invoiceId?: string) => b.post('/api/v1/holds', { customerId, invoiceId, reason: 'B pauses A' });
    await expectHidden(await hold(a.customerId), a.customerId, () => hold(missingId));
    await expectHidden(await hold(bCustomerId, a.invoiceId), a.invoiceId, () => hold(bCustomerId, missingId));
  },
  'POST /api/v1/holds/{id}/release': async (b, a) =>
    expectHidden(await b.post(`/api/v1/holds/${a.holdId}/release`, {}), a.holdId, () => b.post(`/api/v1/holds/${missingId}/release`, {})),

  'GET /api/v1/disputes': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/disputes'))).not.toContain(a.disputeId);
    expect(idsOf(await b.get(`/api/v1/disputes?customerId=${a.customerId}`))).toEqual([]);
    expect(idsOf(await b.get(`/api/v1/disputes?invoiceId=${a.invoiceId}&status=open`))).toEqual([]);
  },
  'GET /api/v1/disputes/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/disputes/${a.disputeId}`), a.disputeId, () => b.get(`/api/v1/disputes/${missingId}`)),
  'POST /api/v1/disputes': async (b, a) => {
    // A's invoice has an open dispute: B must get "not found", never the 409 that would disclose it
    const open = (invoiceId: string) => b.post('/api/v1/disputes', { invoiceId, reasonCode: 'other', reason: 'B disputes A' });
    await expectHidden(await open(a.invoiceId), a.invoiceId, () => open(missingId));
  },
  'POST /api/v1/disputes/{id}/resolve': async (b, a) => {
    const resolve = (id: string) => b.post(`/api/v1/disputes/${id}/resolve`, { outcome: 'upheld', resolution: 'B resolves A' });
    await expectHidden(await resolve(a.disputeId), a.disputeId, () => resolve(missingId));
  },

  'GET /api/v1/promises': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/promises'))).not.toContain(a.promiseId);
    expect(idsOf(await b.get(`/api/v1/promises?customerId=${a.customerId}&status=pending`))).toEqual([]);
  },
  'GET /api/v1/promises/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/promises/${a.promiseId}`), a.promiseId, () => b.get(`/api/v1/promises/${missingId}`)),
  'POST /api/v1/promises': async (b, a) => {
    // would supersede A's pending promise if it reached A's customer
    const promise = (customerId: string) => b.post('/api/v1/promises', { customerId, amount: 100, dueOn: '2026-12-01' });
    await expectHidden(await promise(a.customerId), a.customerId, () => promise(missingId));
  },
  'POST /api/v1/promises/{id}/cancel': async (b, a) =>
    expectHidden(await b.post(`/api/v1/promises/${a.promiseId}/cancel`, {}), a.promiseId, () => b.post(`/api/v1/promises/${missingId}/cancel`, {})),

  'GET /api/v1/plans': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/plans'))).not.toContain(a.planId);
    expect(idsOf(await b.get(`/api/v1/plans?customerId=${a.customerId}&status=proposed`))).toEqual([]);
  },
  'GET /api/v1/plans/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/plans/${a.planId}`), a.planId, () => b.get(`/api/v1/plans/${missingId}`)),
  'POST /api/v1/plans': async (b, a, bCustomerId) => {
    const plan = (customerId: string, invoiceId: string) => b.post('/api/v1/plans', { customerId, invoiceIds: [invoiceId], instalments: 2, first: '2026-12-01', every: 'month' });
    await expectHidden(await plan(a.customerId, a.invoiceId), a.customerId, () => plan(missingId, a.invoiceId));
    // B's own customer cannot take A's invoice into a plan either
    await expectHidden(await plan(bCustomerId, a.invoiceId), a.invoiceId, () => plan(bCustomerId, missingId));
  },
  'POST /api/v1/plans/{id}/accept': async (b, a) =>
    expectHidden(await b.post(`/api/v1/plans/${a.planId}/accept`, {}), a.planId, () => b.post(`/api/v1/plans/${missingId}/accept`, {})),
  'POST /api/v1/plans/{id}/cancel': async (b, a) =>
    expectHidden(await b.post(`/api/v1/plans/${a.planId}/cancel`, {}), a.planId, () => b.post(`/api/v1/plans/${missingId}/cancel`, {})),

  'GET /api/v1/write-offs': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/write-offs'))).not.toContain(a.writeOffId);
    expect(idsOf(await b.get(`/api/v1/write-offs?customerId=${a.customerId}`))).toEqual([]);
  },
  'GET /api/v1/write-offs/export': async (b) => {
    const reply = await b.get('/api/v1/write-offs/export?from=2000-01-01&to=2100-01-01&format=csv');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.text.trim().split('\r\n')).toHaveLength(1); // the header only
  },
  'GET /api/v1/write-offs/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/write-offs/${a.writeOffId}`), a.writeOffId, () => b.get(`/api/v1/write-offs/${missingId}`)),
  'POST /api/v1/write-offs': async (b, a) => {
    const writeOff = (invoiceId: string) => b.post('/api/v1/write-offs', { invoiceId, reasonCode: 'uncollectable' });
    await expectHidden(await writeOff(a.invoiceId), a.invoiceId, () => writeOff(missingId));
  },
  'POST /api/v1/write-offs/{id}/reverse': async (b, a) =>
    expectHidden(await b.post(`/api/v1/write-offs/${a.writeOffId}/reverse`, { reason: 'x' }), a.writeOffId, () => b.post(`/api/v1/write-offs/${missingId}/reverse`, { reason: 'x' })),

  'GET /api/v1/settlements': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/settlements'))).not.toContain(a.settlementId);
    expect(idsOf(await b.get(`/api/v1/settlements?customerId=${a.customerId}&status=awaiting_approval`))).toEqual([]);
  },
  'GET /api/v1/settlements/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/settlements/${a.settlementId}`), a.settlementId, () => b.get(`/api/v1/settlements/${missingId}`)),
  'POST /api/v1/settlements': async (b, a, bCustomerId) => {
    const offer = (customerId: string, invoiceId: string) => b.post('/api/v1/settlements', { customerId, invoiceIds: [invoiceId], percent: 50, expiresOn: '2026-12-31' });
    await expectHidden(await offer(a.customerId, a.invoiceId), a.customerId, () => offer(missingId, a.invoiceId));
    await expectHidden(await offer(bCustomerId, a.invoiceId), a.invoiceId, () => offer(bCustomerId, missingId));
  },
  'POST /api/v1/settlements/{id}/approve': async (b, a) =>
    expectHidden(await b.post(`/api/v1/settlements/${a.settlementId}/approve`, { reason: 'x' }), a.settlementId, () => b.post(`/api/v1/settlements/${missingId}/approve`, { reason: 'x' })),
  'POST /api/v1/settlements/{id}/decline': async (b, a) =>
    expectHidden(await b.post(`/api/v1/settlements/${a.settlementId}/decline`, { reason: 'x' }), a.settlementId, () => b.post(`/api/v1/settlements/${missingId}/decline`, { reason: 'x' })),

  'GET /api/v1/placements': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/placements'))).not.toContain(a.placementId);
    expect(idsOf(await b.get(`/api/v1/placements?customerId=${a.customerId}&status=placed`))).toEqual([]);
  },
  'GET /api/v1/placements/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/placements/${a.placementId}`), a.placementId, () => b.get(`/api/v1/placements/${missingId}`)),
  'GET /api/v1/placements/{id}/archive': async (b, a) =>
    expectHidden(await b.get(`/api/v1/placements/${a.placementId}/archive`), a.placementId, () => b.get(`/api/v1/placements/${missingId}/archive`)),
  'POST /api/v1/placements': async (b, a) => {
    const place = (customerId: string) => b.post('/api/v1/placements', { agency: 'B’s agency', commissionPercent: 20, customerIds: [customerId] });
    await expectHidden(await place(a.customerId), a.customerId, () => place(missingId));
  },
  'POST /api/v1/placements/{id}/recall': async (b, a) =>
    expectHidden(await b.post(`/api/v1/placements/${a.placementId}/recall`, { reason: 'x' }), a.placementId, () => b.post(`/api/v1/placements/${missingId}/recall`, { reason: 'x' })),
  'POST /api/v1/placements/{id}/payments': async (b, a) => {
    const pay = (id: string) => b.post(`/api/v1/placements/${id}/payments`, { amount: 100, receivedOn: '2026-11-23' });
    await expectHidden(await pay(a.placementId), a.placementId, () => pay(missingId));
  },

  'POST /api/v1/cycle/run': async (b, a) => {
    // B's cycle, dry or real, only ever looks at B's customers
    for (const dryRun of [true, false]) {
      const report = await b.post('/api/v1/cycle/run', { date: '2026-11-23', dryRun });
      expect(report.status, report.text).toBe(200);
      expect(report.text).not.toContain('A-SECRET');
      expect(report.body.actions.map((action: { customerId: string }) => action.customerId)).not.toContain(a.customerId);
    }
  },
  'GET /api/v1/actions': async (b, a) => {
    expect(idsOf(await b.get('/api/v1/actions?limit=500'))).not.toContain(a.actionId);
    expect(idsOf(await b.get(`/api/v1/actions?customerId=${a.customerId}`))).toEqual([]);
    expect(idsOf(await b.get('/api/v1/actions?date=2026-11-23&status=ready'))).not.toContain(a.actionId);
  },
  'GET /api/v1/actions/{id}': async (b, a) => expectHidden(await b.get(`/api/v1/actions/${a.actionId}`), a.actionId, () => b.get(`/api/v1/actions/${missingId}`)),

  'POST /api/v1/actions/{id}/retry': async (b, a) => expectHidden(await b.post(`/api/v1/actions/${a.actionId}/retry`, {}), a.actionId, () => b.post(`/api/v1/actions/${missingId}/retry`, {})),
  'POST /api/v1/actions/{id}/cancel': async (b, a) =>
    expectHidden(await b.post(`/api/v1/actions/${a.callId}/cancel`, { reason: 'B cancels A' }), a.callId, () => b.post(`/api/v1/actions/${missingId}/cancel`, { reason: 'B cancels A' })),
  'GET /api/v1/actions/{id}/call-script': async (b, a) => expectHidden(await b.get(`/api/v1/actions/${a.callId}/call-script`), a.callId, () => b.get(`/api/v1/actions/${missingId}/call-script`)),
  'POST /api/v1/actions/{id}/call-outcome': async (b, a) => {
    const outcome = { outcome: 'wrong_number' };
    await expectHidden(await b.post(`/api/v1/actions/${a.callId}/call-outcome`, outcome), a.callId, () => b.post(`/api/v1/actions/${missingId}/call-outcome`, outcome));
  },
  'GET /api/v1/actions/{id}/review': async (b, a) => expectHidden(await b.get(`/api/v1/actions/${a.callId}/review`), a.callId, () => b.get(`/api/v1/actions/${missingId}/review`)),
  'POST /api/v1/actions/{id}/review-outcome': async (b, a) => {
    const decision = { outcome: 'pause_until', until: '2026-12-31' };
    await expectHidden(await b.post(`/api/v1/actions/${a.callId}/review-outcome`, decision), a.callId, () => b.post(`/api/v1/actions/${missingId}/review-outcome`, decision));
  },
  'POST /api/v1/customers/{id}/messages': async (b, a) => {
    const message = { template: 'follow-up', channel: 'email' };
    await expectHidden(await b.post(`/api/v1/customers/${a.customerId}/messages`, message), a.customerId, () => b.post(`/api/v1/customers/${missingId}/messages`, message));
  },
  'POST /api/v1/email-bounces': async (b, a) => {
    // A's email, named by its real Message-ID and recipient: for B it does not exist
    const bounce = { messageId: a.messageId, address: 'late@a.example', permanent: true };
    const reply = await b.post('/api/v1/email-bounces', bounce);
    const nowhere = await b.post('/api/v1/email-bounces', { ...bounce, messageId: '<nowhere@nowhere.example>' });
    expect(reply.status, reply.text).toBe(404);
    expect(reply.body.detail.replace(a.messageId, '<id>')).toBe(nowhere.body.detail.replace('<nowhere@nowhere.example>', '<id>'));
  },
  'GET /api/v1/org/settings': async (b, a) => {
    // every key sees its own organisation's settings: B's answer names B, never A
    const reply = await b.get('/api/v1/org/settings');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.slug).not.toBe(a.orgSlug);
    expect(reply.text).not.toContain(a.orgSlug);
  },
  'PATCH /api/v1/org/settings': async (b, a) => {
    const reply = await b.patch('/api/v1/org/settings', { paymentInstructions: 'B’s bank details' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.slug).not.toBe(a.orgSlug);
  },
  'POST /api/v1/org/settings/test-email': async (b) => {
    // an API key has no address to send to; B's key is refused without a word about A
    const reply = await b.post('/api/v1/org/settings/test-email', {});
    expect(reply.status, reply.text).toBe(400);
    expect(reply.text).not.toContain('a.example');
  },
  'GET /api/v1/charge-policy': async (b) => {
    // A charges a fixed fee of EUR 12.34; B has set nothing
    const reply = await b.get('/api/v1/charge-policy');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.policy).toEqual({ type: 'none' });
  },
  'PUT /api/v1/charge-policy': async (b) => {
    const reply = await b.put('/api/v1/charge-policy', { type: 'percentage', percent: '5' });
    expect(reply.status, reply.text).toBe(200);
  },
  'GET /api/v1/review-policy': async (b) => {
    // A reviews after 77 days overdue; B has set nothing
    const reply = await b.get('/api/v1/review-policy');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.policy).toEqual(reply.body.defaults);
  },
  'PUT /api/v1/review-policy': async (b) => {
    const reply = await b.put('/api/v1/review-policy', { daysOverdue: 30 });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.policy.daysOverdue).toBe(30);
  },
  'GET /api/v1/reference-rates': async (b) => {
    const reply = await b.get('/api/v1/reference-rates');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body.data.filter((rate: { origin: string }) => rate.origin === 'organisation')).toEqual([]);
    expect(reply.text).not.toContain('A-SECRET');
  },
  'POST /api/v1/reference-rates': async (b) => {
    // A has a row for that half-year: B adds its own, no conflict with A's
    const reply = await b.post('/api/v1/reference-rates', { scheme: 'uk_late_payment', from: '2030-01-01', rate: '1.5', source: 'B’s source' });
    expect(reply.status, reply.text).toBe(201);
  },
  'POST /api/v1/letters/posted': async (b, a) => {
    // A has a printed letter of that day: B's confirmation finds none of B's, and A's stays printed
    const reply = await b.post('/api/v1/letters/posted', { date: '2026-11-23' });
    expect(reply.status, reply.text).toBe(200);
    expect(reply.body).toEqual({ date: '2026-11-23', posted: 0, actionIds: [] });
    expect(reply.text).not.toContain(a.letterId);
  },
  'GET /api/v1/customers/{id}/timeline': async (b, a) =>
    expectHidden(await b.get(`/api/v1/customers/${a.customerId}/timeline`), a.customerId, () => b.get(`/api/v1/customers/${missingId}/timeline`)),
  'GET /api/v1/communications/{id}': async (b, a) =>
    expectHidden(await b.get(`/api/v1/communications/${a.communicationId}`), a.communicationId, () => b.get(`/api/v1/communications/${missingId}`)),
  'GET /api/v1/communications/{id}/files/{fileId}': async (b, a) => {
    const reply = await b.get(`/api/v1/communications/${a.communicationId}/files/${a.fileId}`);
    const nowhere = await b.get(`/api/v1/communications/${missingId}/files/${missingId}`);
    for (const answer of [reply, nowhere]) expect(answer.body).toMatchObject({ status: 404, code: 'not_found', detail: expect.stringMatching(/^there is no file \d+ of communication \d+$/) });
  },

  'GET /api/v1/customers/{id}/contact-check': async (b, a) =>
    expectHidden(await b.get(`/api/v1/customers/${a.customerId}/contact-check?channel=call`), a.customerId, () => b.get(`/api/v1/customers/${missingId}/contact-check?channel=call`)),
  'POST /api/v1/customers/{id}/contact-override': async (b, a) => {
    const override = { channel: 'call', rule: 'no-weekend-contact', reason: 'B overrides A' };
    await expectHidden(await b.post(`/api/v1/customers/${a.customerId}/contact-override`, override), a.customerId, () => b.post(`/api/v1/customers/${missingId}/contact-override`, override));
  },
  'PATCH /api/v1/customers/{id}/contact-flags': async (b, a) => {
    const change = { reason: 'B flags A', bankruptcy: true, ceaseRequestedOn: '2026-11-01' };
    await expectHidden(await b.patch(`/api/v1/customers/${a.customerId}/contact-flags`, change), a.customerId, () => b.patch(`/api/v1/customers/${missingId}/contact-flags`, change));
  },

  'GET /api/v1/aging': async (b, a) => {
    const aging = await b.get('/api/v1/aging?asOf=2026-12-31&limit=500');
    expect(aging.status, aging.text).toBe(200);
    expect(aging.body.data.map((c: { id: string }) => c.id)).not.toContain(a.customerId);
    // B's invoices are all GBP 100s; A's distinctive EUR amounts must not appear in B's totals
    expect(Object.keys(aging.body.totals)).not.toContain('EUR');
  },
  'GET /api/v1/kpis': async (b) => {
    const kpis = await b.get('/api/v1/kpis?from=2026-01-01&to=2026-12-31');
    expect(kpis.status, kpis.text).toBe(200);
    expect(kpis.text).not.toContain('EUR');
    expect(kpis.text).not.toContain('13579246');
  },
};

/** A small valid playbook named `name`. */
function playbookOf(name: string) {
  return {
    name,
    description: `${name} of A`,
    steps: [
      { key: 'reminder', name: 'Reminder', offsetDays: 3, tone: 'friendly', channels: ['email'], template: 'reminder-missed' },
      { key: 'firm', name: 'Firm', offsetDays: 12, tone: 'firm', channels: ['letter'], template: 'firm-reminder' },
    ],
  };
}

describeEachEngine('HTTP tenant isolation', (engine) => {
  let database: Database;
  let app: App;
  let a: OrgA;
  let aOrgId: bigint;
  let bKey: string;
  let bCustomerId: string;
  let bContactId: string;
  let bOrgId: bigint;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    app = createTestApp(database, undefined, sms);
    const orgA = await makeApiOrg(database, { currency: 'EUR' });
    aOrgId = orgA.orgId;
    const api = client(app, orgA.keys.owner);
    expect((await api.put('/api/v1/charge-policy', { type: 'fixed_fee', amounts: { EUR: '12.34' } })).status).toBe(200);
    expect((await api.put('/api/v1/review-policy', { daysOverdue: 77 })).status).toBe(200);
    expect((await api.post('/api/v1/reference-rates', { scheme: 'uk_late_payment', from: '2030-01-01', rate: '9.99', source: 'A-SECRET rate source' })).status).toBe(201);
    const customer = (await api.post('/api/v1/customers', { externalId: 'A-SECRET-1', name: 'A’s customer', creditLimit: 13579246 })).body;
    const contact = (await api.post('/api/v1/contacts', { customerId: customer.id, email: 'a@a.example', phone: '+44 (0)7700 900123' })).body;
    const invoice = (await api.post('/api/v1/invoices', { customerId: customer.id, number: 'A-INV-1', issueDate: '2026-09-01', dueDate: '2026-09-30', total: 13579246 })).body;
    const payment = (await api.post('/api/v1/payments', { customerId: customer.id, receivedOn: '2026-10-01', amount: 1000, allocations: [{ invoiceId: invoice.id, amount: 1000 }] })).body;
    const creditNote = (await api.post('/api/v1/credit-notes', { customerId: customer.id, number: 'A-CN-1', issueDate: '2026-10-02', total: 500, allocations: [{ invoiceId: invoice.id, amount: 500 }] })).body;
    const imported = await call(app, 'POST', '/api/v1/imports?kind=customers&fileName=a.csv', {
      key: orgA.keys.owner,
      body: 'Customer ID,Name,Currency\nA-SECRET-2,A’s imported customer,EUR\n',
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(201);
    const hold = await api.post('/api/v1/holds', { customerId: customer.id, reason: 'A’s secret reason', endsOn: '2026-12-31' });
    const dispute = await api.post('/api/v1/disputes', { invoiceId: invoice.id, reasonCode: 'quality', reason: 'A’s secret dispute', amount: 2000 });
    const promise = await api.post('/api/v1/promises', { customerId: customer.id, amount: 5000, dueOn: '2026-12-01' });
    const plan = await api.post('/api/v1/plans', { customerId: customer.id, invoiceIds: [invoice.id], instalments: 2, first: '2026-12-01', every: 'month' });
    const writtenOff = (await api.post('/api/v1/invoices', { customerId: customer.id, number: 'A-INV-WO', issueDate: '2026-09-01', dueDate: '2026-09-30', total: 2468 })).body;
    const writeOff = await api.post('/api/v1/write-offs', { invoiceId: writtenOff.id, reasonCode: 'deceased' });
    const settled = (await api.post('/api/v1/invoices', { customerId: customer.id, number: 'A-INV-S', issueDate: '2026-09-01', dueDate: '2026-09-30', total: 9876 })).body;
    const settlement = await api.post('/api/v1/settlements', { customerId: customer.id, invoiceIds: [settled.id], percent: 50, expiresOn: '2026-12-31' });
    for (const reply of [hold, dispute, promise, plan, writeOff, settlement]) expect(reply.status, reply.text).toBe(201);
    const placed = (await api.post('/api/v1/customers', { externalId: 'A-SECRET-4', name: 'A’s placed customer' })).body;
    expect((await api.post('/api/v1/invoices', { customerId: placed.id, number: 'A-INV-P', issueDate: '2026-08-01', dueDate: '2026-08-31', total: 4321 })).status).toBe(201);
    const placement = await api.post('/api/v1/placements', { agency: 'A’s secret agency', commissionPercent: 25, customerIds: [placed.id] });
    expect(placement.status, placement.text).toBe(201);
    // A's first customer is paused (hold, promise); a second, overdue one gets an action from A's cycle
    const overdue = (await api.post('/api/v1/customers', { externalId: 'A-SECRET-3', name: 'A’s overdue customer' })).body;
    expect((await api.post('/api/v1/contacts', { customerId: overdue.id, email: 'late@a.example' })).status).toBe(201);
    expect((await api.post('/api/v1/invoices', { customerId: overdue.id, number: 'A-INV-3', issueDate: '2026-10-01', dueDate: '2026-11-01', total: 240000 })).status).toBe(201);
    const cycle = await api.post('/api/v1/cycle/run', { date: '2026-11-23' });
    expect(cycle.status, cycle.text).toBe(200);
    const actionId = (await api.get(`/api/v1/actions?customerId=${overdue.id}`)).body.data[0]?.id;
    expect(actionId).toBeDefined();
    const { communicationId, messageId, fileId, callId, letterId } = await sentEmailAndCallTask(database, orgA.orgId, BigInt(overdue.id));
    const playbooks = [playbookOf(aPlaybook), playbookOf(aHiddenPlaybook), playbookOf('standard'), { ...playbookOf('standard'), description: 'v2' }];
    for (const playbook of playbooks) expect((await api.post('/api/v1/playbooks', playbook)).status).toBe(201);
    expect((await api.put('/api/v1/playbook-rules', { rules: [{ playbook: aPlaybook, conditions: { tagsAny: ['a'] } }] })).status).toBe(200);
    const aTemplate = await api.post('/api/v1/templates/firm-reminder/versions', { channel: 'email', language: 'en-GB', text: aTemplateText });
    expect(aTemplate.status, aTemplate.text).toBe(201);
    expect((await api.patch(`/api/v1/customers/${customer.id}`, { playbookOverride: aPlaybook, excludedReason: 'A’s secret exclusion' })).status).toBe(200);
    const aOwner = await database.db.selectFrom('users').select(['id', 'email']).where('org_id', '=', orgA.orgId).executeTakeFirstOrThrow();
    const aInvite = await api.post('/api/v1/invites', { email: 'invited@a.example', role: 'collector' });
    expect(aInvite.status, aInvite.text).toBe(201);
    const aKeys = (await api.get('/api/v1/api-keys')).body.data;
    a = {
      userId: aOwner.id.toString(),
      userEmail: aOwner.email,
      inviteId: aInvite.body.id,
      apiKeyId: aKeys[0].id,
      orgId: orgA.orgId,
      orgSlug: (await database.db.selectFrom('orgs').select('slug').where('id', '=', orgA.orgId).executeTakeFirstOrThrow()).slug,
      customerId: customer.id,
      externalId: customer.externalId,
      contactId: contact.id,
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      paymentId: payment.id,
      creditNoteId: creditNote.id,
      creditNoteNumber: creditNote.number,
      importId: imported.body.importId,
      holdId: hold.body.id,
      disputeId: dispute.body.id,
      promiseId: promise.body.id,
      planId: plan.body.id,
      writeOffId: writeOff.body.id,
      settlementId: settlement.body.id,
      placementId: placement.body.id,
      actionId,
      communicationId,
      messageId,
      fileId,
      callId,
      letterId,
    };
    const orgB = await makeApiOrg(database);
    bKey = orgB.keys.owner;
    bCustomerId = (await client(app, bKey).post('/api/v1/customers', { externalId: 'B-1', name: 'B’s customer' })).body.id;
    bContactId = (await client(app, bKey).post('/api/v1/contacts', { customerId: bCustomerId, phone: '+44 7700 900123' })).body.id;
    bOrgId = orgB.orgId;
  });
  afterAll(() => database.close());

  it('has a case for every operation in the OpenAPI document', async () => {
    const doc = (await call(app, 'GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { security?: unknown[] }>> };
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        // public and of no organisation (/healthz); a public route that names one ({org}) is tested
        .filter(([, operation]) => path.includes('{org}') || !(Array.isArray(operation.security) && operation.security.length === 0))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual([...Object.keys(cases), 'POST /api/v1/imports', 'POST /webhooks/sms/{org}'].sort());
  });

  it('every operation with org B’s key leaves org A’s data unseen and unchanged', async () => {
    const before = await snapshot(database, aOrgId);
    const b = client(app, bKey);
    for (const [operation, run] of Object.entries(cases)) {
      try {
        await run(b, a, bCustomerId);
      } catch (error) {
        throw new Error(`${operation}: ${(error as Error).message}`);
      }
    }
    // POST /api/v1/imports: B imports a file naming A's customers; B gets its own rows, A's are untouched
    const imported = await call(app, 'POST', '/api/v1/imports?kind=customers&fileName=b.csv', {
      key: bKey,
      body: `Customer ID,Name,Currency\n${a.externalId},Renamed by B,GBP\nA-SECRET-2,Renamed by B,GBP\n`,
      headers: { 'content-type': 'text/csv' },
    });
    expect(imported.status, imported.text).toBe(201);
    expect(imported.body.importId).not.toBe(a.importId);
    // POST /webhooks/sms/{org}: a STOP from the number A's and B's contacts share, sent to B's webhook,
    // opts out B's contact only; the same signed request sent to A's URL is refused (the slug is signed)
    const slugOf = async (orgId: bigint) => (await database.db.selectFrom('orgs').select('slug').where('id', '=', orgId).executeTakeFirstOrThrow()).slug;
    const bWebhook = `http://localhost/webhooks/sms/${await slugOf(bOrgId)}`;
    const aWebhook = `http://localhost/webhooks/sms/${await slugOf(aOrgId)}`;
    const send = (url: string, init: RequestInit) => app.request(url, init);
    const stop = { from: sharedNumber, to: sms.from, body: 'STOP', messageSid: `SM${'b'.repeat(32)}` };
    const received = await postInboundSms(bWebhook, sms.authToken, stop, { send });
    expect(received.status, await received.text()).toBe(200);
    expect((await b.get(`/api/v1/contacts/${bContactId}`)).body.optOut.sms).toBe(true);
    const signature = twilioSignature(sms.authToken, bWebhook, inboundSmsFields(stop));
    const replayed = await postInboundSms(aWebhook, sms.authToken, stop, { send, signature });
    expect(replayed.status).toBe(403);
    expect(await snapshot(database, aOrgId)).toBe(before);
  });
});

/**
 * A's email dispatched (firm tone, so it carries a statement of account as a file), to the .eml
 * outbox; and a call task of A's, ready.
 */
async function sentEmailAndCallTask(database: Database, orgId: bigint, customerId: bigint) {
  const org = await database.db.selectFrom('orgs').selectAll().where('id', '=', orgId).executeTakeFirstOrThrow();
  const invoices = await database.db.selectFrom('invoices').select(['id', 'number']).where('org_id', '=', orgId).where('customer_id', '=', customerId).execute();
  const send = await makeReadySend(database, org, customerId, invoices, { template: 'firm-reminder', tone: 'firm', stepName: 'Firm reminder', key: 'tenant:send' });
  const senders = { email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-tenant-')) }), sms: null };
  // the cycle's own step for this customer waits a week: one message a day, and this one is to be sent now
  await database.db.updateTable('actions').set({ due_at: '2026-11-30T09:00:00Z' }).where('org_id', '=', orgId).where('customer_id', '=', customerId).where('id', '<>', send).execute();
  await dispatchAll(database, senders, '2026-11-23T12:00:00Z');
  const communication = await database.db.selectFrom('communications').select(['id', 'message_id']).where('org_id', '=', orgId).where('action_id', '=', send).executeTakeFirstOrThrow();
  const file = await database.db.selectFrom('communication_files').select('id').where('org_id', '=', orgId).where('communication_id', '=', communication.id).executeTakeFirstOrThrow();
  const [call] = await insertActions(database.db, orgId, [
    { customerId, caseId: null, key: 'tenant:call', cycleDate: '2026-11-23', kind: 'task', channel: 'call', playbookName: 'standard', playbookVersion: 0, stepKey: 'call', stepName: 'Call', stepIndex: 2, tone: 'firm', template: 'call-firm', status: 'ready', dueAt: '2026-11-23T09:00:00Z', rule: null, reason: null, invoiceIds: invoices.map((i) => i.id), invoiceNumbers: invoices.map((i) => i.number), amounts: {}, data: {} },
  ]);
  // a letter printed into A's batch of the day, waiting to be confirmed posted
  const letter = await makeReadySend(database, org, customerId, invoices, { channel: 'letter', template: 'demand-letter', tone: 'firm', stepName: 'Demand', key: 'tenant:letter' });
  await database.db.updateTable('actions').set({ status: 'printed' }).where('org_id', '=', orgId).where('id', '=', letter).execute();
  await database.db
    .insertInto('communications')
    .values({
      org_id: orgId, customer_id: customerId, action_id: letter, direction: 'outbound', channel: 'letter', template_name: 'demand-letter', template_version: 0, template_hash: null, language: 'en-GB',
      subject: null, body_text: 'A’s letter', body_html: null, sender: 'A', recipients: '["A"]', message_id: null, transport: 'letter', delivered: false, provider_reference: null, sent_at: '2026-11-23T12:00:00Z',
    })
    .execute();
  return { communicationId: communication.id.toString(), messageId: communication.message_id!, fileId: file.id.toString(), callId: call!.id.toString(), letterId: letter.toString() };
}
