// Records: `exportCustomer` writes everything held about one debtor and nothing of anyone else;
// `eraseCustomer` removes the personal data, keeps the ledger and the records under retention,
// says what it kept and why, changes nothing the second time, and stops the chasing.
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import { eraseCustomer, erasedCustomerName, type ErasureReport } from '../../src/app/records/erase-customer.ts';
import { exportCustomer, exportSections, type CustomerExport } from '../../src/app/records/export-customer.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { stringifyJson } from '../../src/json.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCharge, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';

const today = '2026-11-23';
const exportedAt = '2026-11-23T10:00:00.000Z';

describeEachEngine('customer records: export and erasure', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  /** A debtor with a row in every table: ledger, collection record and timeline, all with personal text. */
  async function debtor(org: Org, externalId: string, person: string) {
    const customer = await makeCustomer(database, org.id, { externalId, name: person, kind: 'consumer' });
    const db = database.db;
    await db.updateTable('customers').set({ tags: ['vip'], customer_since: '2025-01-01' }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
    const email = `${externalId.toLowerCase()}@example.com`;
    await db
      .insertInto('contacts')
      .values({ org_id: org.id, customer_id: customer.id, name: person, email, email_source: 'test', phone: '+44 113 496 0000', address_line1: `1 ${person} Lane`, city: 'Leeds', postal_code: 'LS1 1AA', country: 'GB', import_key: null } as never)
      .execute();
    const overdue = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-1`, issueDate: '2026-09-01', dueDate: '2026-10-01', total: 12_345_678_901_234_567n });
    const paid = await makeInvoice(database, org.id, customer.id, { number: `${externalId}-2`, issueDate: '2026-09-01', dueDate: '2026-10-01', total: 100_00n });
    await makePayment(database, paid, 100_00n, '2026-10-05');
    await makeCharge(database, overdue, 40_00n, '2026-10-20');
    const credit = await db
      .insertInto('credit_notes')
      .values({ org_id: org.id, customer_id: customer.id, number: `${externalId}-CN1`, external_id: null, issue_date: '2026-10-10', currency: 'GBP', total: 5_00n, reason: `goodwill for ${person}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('allocations').values({ org_id: org.id, invoice_id: overdue.id, payment_id: null, credit_note_id: credit.id, amount: 5_00n, allocated_on: '2026-10-10' }).execute();
    // The invoice came from an import (where the data came from is part of the answer).
    const upload = await db.insertInto('imports').values({ org_id: org.id, kind: 'invoices', format: 'generic', file_name: `${externalId}-invoices.csv`, status: 'completed', summary: '{}', problems: '[]' }).returning('id').executeTakeFirstOrThrow();
    await db.updateTable('invoices').set({ import_id: upload.id }).where('org_id', '=', org.id).where('id', '=', overdue.id).execute();
    // A message received from the customer, with a file (the dispatch test below stores a real letter).
    const message = await db
      .insertInto('communications')
      .values({ org_id: org.id, customer_id: customer.id, action_id: null, direction: 'inbound', channel: 'email', template_name: null, template_version: null, template_hash: null, language: null, subject: `From ${person}`, body_text: `${person} writes`, body_html: null, sender: email, recipients: JSON.stringify(['accounts@acme.test']), message_id: `<${externalId}@example.com>`, transport: 'smtp', delivered: true, provider_reference: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const bytes = new TextEncoder().encode(`receipt of ${person}`);
    await db.insertInto('communication_files').values({ org_id: org.id, communication_id: message.id, name: 'receipt.txt', content_type: 'text/plain', size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), bytes }).execute();
    // The cycle opens the case and plans today's step (an action not sent yet).
    return { customer, overdue, paid, email };
  }

  async function notes(org: Org, d: Awaited<ReturnType<typeof debtor>>, person: string) {
    const db = database.db;
    await db
      .insertInto('disputes')
      .values({ org_id: org.id, invoice_id: d.paid.id, amount: null, status: 'resolved', reason: `${person} says the goods were damaged`, opened_on: '2026-10-02', resolved_on: '2026-10-04', resolution: `${person} accepted a refund` })
      .execute();
    await db.insertInto('holds').values({ org_id: org.id, customer_id: d.customer.id, invoice_id: null, reason: `${person} is in hospital`, starts_on: '2026-11-01', ends_on: '2026-11-10', released_on: null, created_by: 'test' }).execute();
    await db.insertInto('promises').values({ org_id: org.id, customer_id: d.customer.id, made_on: '2026-11-02', due_on: '2026-11-30', amount: 50_00n, currency: 'GBP', status: 'pending', note: `${person} gets paid on the 30th`, created_by: 'test' }).execute();
    // dated on the test's day, not the clock's: the last activity decides the retention below
    await db.insertInto('activities').values({ org_id: org.id, customer_id: d.customer.id, kind: 'note', actor: 'test', summary: `Called ${person}`, data: JSON.stringify({ note: `${person} will pay` }), occurred_at: `${today}T09:00:00Z` }).execute();
  }

  /** Two debtors in one organisation, a namesake in another, every table filled; the cycle has run. */
  async function world() {
    const { org } = await makeOrg(database);
    const { org: other } = await makeOrg(database);
    const x = await debtor(org, 'X', 'Jane Example');
    const y = await debtor(org, 'Y', 'Yolanda Other');
    const z = await debtor(other, 'X', 'Zed Elsewhere');
    await runCycle(database.db, org, today);
    await runCycle(database.db, other, today);
    await notes(org, x, 'Jane Example');
    await notes(org, y, 'Yolanda Other');
    await notes(other, z, 'Zed Elsewhere');
    return { org, other, x, y, z };
  }

  const countOf = async (table: 'activities' | 'invoices' | 'payments' | 'credit_notes' | 'allocations' | 'charges' | 'actions', orgId: bigint) =>
    Number((await database.db.selectFrom(table).select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n);

  /** The export without the instant it was made, for before/after comparisons. */
  const snapshot = async (org: Org, externalId: string) => stringifyJson((await exportCustomer(database.db, org, externalId, exportedAt)).data);

  it("exports every table's rows of the customer, and nothing of another customer or organisation", async () => {
    const { org, x, y } = await world();
    const document: CustomerExport = await exportCustomer(database.db, org, 'X', exportedAt);
    expect(document).toMatchObject({ format: 'arrears-customer-export', version: 1, exportedAt, organisation: { slug: org.slug, name: org.name }, customer: { externalId: 'X' } });
    expect(Object.keys(document.sections)).toEqual(Object.keys(exportSections));
    expect(Object.keys(document.data)).toEqual(Object.keys(exportSections));

    const { data } = document;
    expect(data.customer).toMatchObject({ org_id: org.id, id: x.customer.id, name: 'Jane Example', external_id: 'X' });
    const lists = Object.entries(data).filter(([name]) => name !== 'customer') as [string, Record<string, unknown>[]][];
    for (const [name, rows] of lists) {
      expect(rows.length, `${name} has rows`).toBeGreaterThan(0);
      expect(document.sections[name as keyof typeof document.sections].count).toBe(rows.length);
      for (const row of rows) {
        expect(row.org_id, name).toBe(org.id);
        if ('customer_id' in row) expect(row.customer_id, name).toBe(x.customer.id);
      }
    }
    expect(data.communications.map((row) => row.subject)).toEqual(['From Jane Example']);
    expect(data.communicationFiles.map((row) => [row.communication_id, row.name, Buffer.from(row.content_base64 as string, 'base64').toString()])).toEqual([[data.communications[0]!.id, 'receipt.txt', 'receipt of Jane Example']]);
    expect(data.communicationFiles[0]).not.toHaveProperty('bytes');
    expect(data.imports.map((row) => row.file_name)).toEqual(['X-invoices.csv']);
    const invoiceIds = new Set(data.invoices.map((row) => row.id));
    for (const row of [...data.allocations, ...data.charges, ...data.disputes]) expect(invoiceIds.has(row.invoice_id)).toBe(true);
    expect(data.invoices.map((row) => row.number)).toEqual(['X-1', 'X-2']);
    expect(data.contacts.map((row) => row.email)).toEqual([x.email]);
    expect(data.allocations).toHaveLength(2); // the payment and the credit note
    expect(data.actions.length).toBeGreaterThan(0);
    expect(data.cases).toHaveLength(1);

    // Every row of the customer that the tables hold is in it (one query per table, none missed).
    const direct = await database.db.selectFrom('activities').select('id').where('org_id', '=', org.id).where('customer_id', '=', x.customer.id).execute();
    expect(data.activities.map((row) => row.id)).toEqual(direct.map((row) => row.id));

    const text = stringifyJson(document, 2);
    expect(text).not.toContain('Yolanda');
    expect(text).not.toContain('Zed Elsewhere');
    expect(text).not.toContain(`"id": ${y.customer.id},\n    "external_id"`);
    // Money keeps every digit: no float ever touched it.
    expect(text).toContain('"total": 12345678901234567');
    expect(JSON.parse(text).data.customer.external_id).toBe('X');
  });

  it('holds every message sent with its text, and the PDF of a letter whose SHA-256 matches the stored hash', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'LETTER-1' });
    const invoices = await overdueInvoices(database, org, customer.id, 'LET');
    const id = await makeReadySend(database, org, customer.id, invoices, { channel: 'letter', template: 'final-notice', tone: 'final', stepName: 'Final notice' });
    const senders: ChannelSenders = { email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-outbox-')) }), sms: null };
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ printed: 1 });
    const stored = await database.db
      .selectFrom('communication_files')
      .innerJoin('communications', (join) => join.onRef('communications.org_id', '=', 'communication_files.org_id').onRef('communications.id', '=', 'communication_files.communication_id'))
      .select(['communications.id as communication_id', 'communication_files.sha256', 'communication_files.bytes'])
      .where('communications.org_id', '=', org.id)
      .where('communications.action_id', '=', id)
      .executeTakeFirstOrThrow();

    const document = await exportCustomer(database.db, org, 'LETTER-1', exportedAt);
    expect(document.sections.communications.count).toBe(1);
    expect(document.data.communications[0]).toMatchObject({
      id: stored.communication_id,
      action_id: id,
      direction: 'outbound',
      channel: 'letter',
      template_name: 'final-notice',
      template_version: 0,
      transport: 'letter',
      delivered: false,
      recipients: expect.any(Array),
      body_text: expect.stringContaining('final notice about the balance of £1,349.99'),
    });
    for (const field of ['subject', 'body_html', 'sender', 'message_id', 'sent_at', 'language', 'template_hash']) expect(document.data.communications[0], field).toHaveProperty(field);
    const [file] = document.data.communicationFiles;
    expect(file).toMatchObject({ communication_id: stored.communication_id, content_type: 'application/pdf', sha256: stored.sha256 });
    // Through the JSON a user gets: the decoded bytes are the letter itself, byte for byte.
    const parsed = JSON.parse(stringifyJson(document));
    const bytes = Buffer.from(parsed.data.communicationFiles[0].content_base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(stored.sha256);
    expect(bytes.equals(Buffer.from(stored.bytes))).toBe(true);
  });

  it('refuses a customer that is not in the organisation', async () => {
    const { other } = await world();
    await expect(exportCustomer(database.db, other, 'Y', exportedAt)).rejects.toMatchObject({ code: 'not_found' });
    await expect(eraseCustomer(database.db, other, { externalId: 'Y', reason: 'request', actor: 'test', today, now: instantOn(today), apply: true })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('erases the personal data, keeps the ledger and the timeline under retention, says why, and changes nothing the second time', async () => {
    const { org, other, x, y } = await world();
    await database.db.updateTable('customers').set({ cease_requested_on: '2026-11-20' }).where('org_id', '=', org.id).where('id', '=', x.customer.id).execute();
    const ledgerBefore = await Promise.all((['invoices', 'payments', 'credit_notes', 'allocations', 'charges'] as const).map((t) => countOf(t, org.id)));
    const balanceBefore = (await database.db.selectFrom('invoices').select('balance').where('org_id', '=', org.id).where('id', '=', x.overdue.id).executeTakeFirstOrThrow()).balance;
    const activitiesBefore = await countOf('activities', org.id);
    const yBefore = await snapshot(org, 'Y');
    const otherBefore = await snapshot(other, 'X');

    // Without apply: the report, and nothing changed.
    const xBefore = await snapshot(org, 'X');
    const dry = await eraseCustomer(database.db, org, { externalId: 'X', reason: 'erasure request of 2026-11-20', actor: 'test', today, now: instantOn(today), apply: false });
    expect(dry).toMatchObject({ applied: false, changed: false });
    expect(dry.erased.length).toBeGreaterThan(0);
    expect(await snapshot(org, 'X')).toBe(xBefore);
    expect(await countOf('activities', org.id)).toBe(activitiesBefore);

    const report: ErasureReport = await eraseCustomer(database.db, org, { externalId: 'X', reason: 'erasure request of 2026-11-20', actor: 'test', today, now: instantOn(today), apply: true });
    expect(report).toMatchObject({ applied: true, changed: true, lastActivityOn: today, retention: { keepUntil: '2029-11-23', mayEraseFrom: '2029-11-24', expired: false } });
    expect(report.erased).toEqual([
      { table: 'customers', rows: 1, action: 'pseudonymised', fields: ['name', 'tags', 'time_zone', 'language'] },
      { table: 'contacts', rows: 1, action: 'deleted', fields: expect.arrayContaining(['email', 'phone', 'postal address']) },
      { table: 'disputes', rows: 1, action: 'cleared', fields: ['reason', 'resolution'] },
      { table: 'holds', rows: 1, action: 'cleared', fields: ['reason'] },
      { table: 'promises', rows: 1, action: 'cleared', fields: ['note'] },
    ]);
    expect(report.cancelledActions).toBeGreaterThan(0);
    expect(dry.erased).toEqual(report.erased);
    expect(dry.cancelledActions).toBe(report.cancelledActions);

    // Each kept item with its rule, reason, source and how long.
    const kept = Object.fromEntries(report.kept.map((item) => [`${item.table}:${item.rule}`, item]));
    for (const table of ['customers', 'invoices', 'payments', 'credit_notes', 'allocations', 'charges', 'disputes']) {
      expect(kept[`${table}:accounting-records`], table).toMatchObject({ keepUntil: null, reason: expect.stringContaining('accounting records') });
    }
    for (const table of ['activities', 'cases', 'actions', 'holds', 'promises']) {
      expect(kept[`${table}:collection-records-3-years`], table).toMatchObject({ keepUntil: '2029-11-23', mayEraseFrom: '2029-11-24', citation: expect.stringContaining('1006.100') });
    }
    expect(kept['activities:collection-records-3-years']!.rows).toBe(activitiesBefore / 2); // X's half of the org's timeline
    expect(kept['activities:erasure-record']).toMatchObject({ rows: 1 });
    expect(kept['customers:collection-records-3-years']).toMatchObject({ rows: 1, fields: expect.stringContaining('cease_requested_on'), keepUntil: '2029-11-23' });
    for (const item of report.kept) expect(item.reason.length).toBeGreaterThan(20);

    // The personal data is gone from everything but the kept timeline.
    const after = await exportCustomer(database.db, org, 'X', exportedAt);
    expect(after.data.customer).toMatchObject({ name: erasedCustomerName, tags: [], time_zone: null, language: null, excluded_reason: `personal data erased on ${today}` });
    expect(after.data.customer.erased_at).toEqual(expect.any(String));
    expect(after.data.contacts).toEqual([]);
    // Outside the kept timeline and the kept accounting documents (a credit note's reason is part of it).
    // Copies of what was sent and received are append-only like the timeline: erasure keeps them.
    const { activities, creditNotes, communications, communicationFiles, ...rest } = after.data;
    expect(communications).toHaveLength(1);
    expect(communicationFiles).toHaveLength(1);
    expect(creditNotes[0]).toMatchObject({ reason: 'goodwill for Jane Example' });
    expect(kept['credit_notes:accounting-records']!.fields).toContain('reason');
    const outside = stringifyJson(rest);
    for (const personal of ['Jane', x.email, '496 0000', 'Lane', 'hospital']) expect(outside).not.toContain(personal);
    expect(after.data.disputes[0]).toMatchObject({ reason: null, resolution: null, status: 'resolved' });
    expect(after.data.holds[0]).toMatchObject({ reason: '[erased]', starts_on: '2026-11-01' });
    expect(after.data.promises[0]).toMatchObject({ note: null, amount: 50_00n });
    expect(after.data.actions.every((action) => !['planned', 'ready', 'deferred', 'blocked'].includes(action.status as string))).toBe(true);
    expect(after.data.actions.filter((action) => action.rule === 'customer-erased')).toHaveLength(report.cancelledActions);

    // The timeline is kept whole, plus one entry recording the erasure without the erased data.
    expect(activities).toHaveLength(kept['activities:collection-records-3-years']!.rows + 1);
    const record = activities.at(-1)!;
    expect(record).toMatchObject({ kind: 'customer_erased', actor: 'test' });
    expect(stringifyJson(record)).not.toContain('Jane');
    expect(stringifyJson(record)).not.toContain(x.email);
    expect(record.summary).toContain('erasure request of 2026-11-20');

    // The ledger is untouched.
    expect(await Promise.all((['invoices', 'payments', 'credit_notes', 'allocations', 'charges'] as const).map((t) => countOf(t, org.id)))).toEqual(ledgerBefore);
    const balanceAfter = (await database.db.selectFrom('invoices').select('balance').where('org_id', '=', org.id).where('id', '=', x.overdue.id).executeTakeFirstOrThrow()).balance;
    expect(balanceAfter).toBe(balanceBefore);

    // Nobody else was touched.
    expect(await snapshot(org, 'Y')).toBe(yBefore);
    expect(await snapshot(other, 'X')).toBe(otherBefore);
    expect(y.customer.name).toBe('Yolanda Other');

    // Idempotent: the second erasure changes nothing and records nothing, and reports the same kept items.
    const settled = await snapshot(org, 'X');
    const again = await eraseCustomer(database.db, org, { externalId: 'X', reason: 'erasure request of 2026-11-20', actor: 'test', today: '2026-11-24', now: instantOn('2026-11-24'), apply: true });
    expect(again).toMatchObject({ applied: true, changed: false, erased: [], cancelledActions: 0 });
    expect(again.previouslyErasedAt).toBe(after.data.customer.erased_at);
    expect(again.kept).toEqual(report.kept);
    expect(await snapshot(org, 'X')).toBe(settled);

    // No longer chased: the next cycle plans nothing for it (Y is still collected as before).
    const actionsBefore = await database.db.selectFrom('actions').select('id').where('org_id', '=', org.id).where('customer_id', '=', x.customer.id).execute();
    const cycle = await runCycle(database.db, org, '2026-12-15');
    expect(cycle.actions.filter((action) => action.customerExternalId === 'X')).toEqual([]);
    expect(cycle.actions.some((action) => action.customerExternalId === 'Y')).toBe(true);
    const actionsAfter = await database.db.selectFrom('actions').select('id').where('org_id', '=', org.id).where('customer_id', '=', x.customer.id).execute();
    expect(actionsAfter).toEqual(actionsBefore);
  });

  it('deletes the collection record once its retention has run out, keeping the ledger and the erasure records', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id, { externalId: 'OLD', name: 'Olga Oldcustomer' });
    await database.db.updateTable('customers').set({ bankruptcy: true }).where('org_id', '=', org.id).where('id', '=', customer.id).execute();
    const invoice = await makeInvoice(database, org.id, customer.id, { number: 'OLD-1', issueDate: '2020-01-10', dueDate: '2020-02-10', total: 80_00n });
    await makePayment(database, invoice, 80_00n, '2020-03-01');
    await database.db.insertInto('holds').values({ org_id: org.id, customer_id: customer.id, invoice_id: null, reason: 'Olga asked for time', starts_on: '2020-02-15', ends_on: '2020-02-28', released_on: null, created_by: 'test' }).execute();
    await database.db
      .insertInto('activities')
      .values({ org_id: org.id, customer_id: customer.id, kind: 'note', actor: 'test', occurred_at: '2020-03-02T09:00:00Z', summary: 'Olga paid in full', data: '{}' })
      .execute();

    const report = await eraseCustomer(database.db, org, { externalId: 'OLD', reason: 'erasure request', actor: 'test', today, now: instantOn(today), apply: true });
    expect(report).toMatchObject({ changed: true, lastActivityOn: '2020-03-02', retention: { keepUntil: '2023-03-02', expired: true } });
    expect(report.erased).toEqual(
      expect.arrayContaining([
        { table: 'customers', rows: 1, action: 'pseudonymised', fields: ['name', 'time_zone', 'language', 'bankruptcy'] },
        { table: 'holds', rows: 1, action: 'deleted', fields: ['all'] },
        { table: 'activities', rows: 1, action: 'deleted', fields: ['all'] },
      ]),
    );
    expect(report.kept.map((item) => `${item.table}:${item.rule}`)).toEqual([
      'customers:accounting-records',
      'invoices:accounting-records',
      'payments:accounting-records',
      'allocations:accounting-records',
      'activities:erasure-record',
    ]);
    const after = await exportCustomer(database.db, org, 'OLD', exportedAt);
    expect(after.data.holds).toEqual([]);
    expect(after.data.customer).toMatchObject({ bankruptcy: false, name: erasedCustomerName });
    expect(after.data.activities.map((row) => row.kind)).toEqual(['customer_erased']);
    expect(after.data.invoices).toHaveLength(1);
    expect(after.data.payments).toHaveLength(1);
    expect(stringifyJson(after)).not.toContain('Olga');

    // The timeline is still append-only for everything else: no update ever, no other delete.
    await expect(database.db.deleteFrom('activities').where('org_id', '=', org.id).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.updateTable('activities').set({ summary: 'changed' }).where('org_id', '=', org.id).execute()).rejects.toThrow(/append-only/);
    await expect(
      database.db.transaction().execute(async (tx) => {
        await sql`select set_config('arrears.purge_customer', ${`${org.id}:${customer.id}`}, true)`.execute(tx);
        await tx.updateTable('activities').set({ summary: 'changed' }).where('org_id', '=', org.id).execute();
      }),
    ).rejects.toThrow(/append-only/);
    // A second erasure finds nothing left.
    const again = await eraseCustomer(database.db, org, { externalId: 'OLD', reason: 'erasure request', actor: 'test', today, now: instantOn(today), apply: true });
    expect(again).toMatchObject({ changed: false, erased: [] });
  });

  it('asks for a reason', async () => {
    const { org } = await makeOrg(database);
    await makeCustomer(database, org.id, { externalId: 'R' });
    await expect(eraseCustomer(database.db, org, { externalId: 'R', reason: '  ', actor: 'test', today, now: instantOn(today), apply: true })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});
