// Letters through the dispatcher as a person sees them: held back while the organisation has no
// return address (and sent once it has one), refused when a character cannot be printed, printed
// into the day's batch in any script, and posted when the batch is confirmed over the API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { lettersBatch } from '../../src/app/outbox/letters-batch.ts';
import { listTasks } from '../../src/app/tasks/list-tasks.ts';
import { setOrgLetterhead } from '../../src/app/orgs/set-org-letterhead.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices } from '../support/outbox-fixtures.ts';
import { client, createTestApp, expectProblem, makeApiOrg } from '../http/support.ts';
import { pdfText } from './pdf-tools.ts';

describeEachEngine('letters through the dispatcher', (engine) => {
  let database: Database;
  let senders: ChannelSenders;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    senders = { email: createEmailTransport({ outboxDir: mkdtempSync(join(tmpdir(), 'arrears-letters-outbox-')) }), sms: null };
  });
  afterAll(() => database.close());

  const action = (org: Org, id: bigint) => database.db.selectFrom('actions').selectAll().where('org_id', '=', org.id).where('id', '=', id).executeTakeFirstOrThrow();
  const renameCustomer = (org: Org, externalId: string, name: string, address: string[]) =>
    Promise.all([
      database.db.updateTable('customers').set({ name }).where('org_id', '=', org.id).where('external_id', '=', externalId).execute(),
      database.db
        .updateTable('contacts')
        .set({ name, address_line1: address[0]!, city: address[1]!, postal_code: address[2]! })
        .where('org_id', '=', org.id)
        .where('customer_id', '=', database.db.selectFrom('customers').select('id').where('org_id', '=', org.id).where('external_id', '=', externalId))
        .execute(),
    ]);

  it('holds a letter back while the organisation has no return address, and sends it at the next dispatch once it has one', async () => {
    const org = await database.db.updateTable('orgs').set({ postal_address: [] }).where('id', '=', (await makeSenderOrg(database)).id).returningAll().executeTakeFirstOrThrow();
    const customer = await makeDebtor(database, org, { externalId: 'HELD-1' });
    const id = await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, 'HELD1'), { channel: 'letter', template: 'demand-letter', tone: 'firm', stepName: 'Formal demand' });

    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 1, deferred: 1, printed: 0 });
    const held = await action(org, id);
    expect(held).toMatchObject({ status: 'deferred', rule: 'no-return-address', attempts: 0 });
    expect(held.reason).toMatch(/arrears org set --address/);
    // and it is on the worklist, with the reason, until then
    const worklist = await listTasks(database.db, org.id);
    expect(worklist.filter((item) => item.id === id)).toMatchObject([{ channel: 'letter', status: 'deferred', why: expect.stringMatching(/no postal address/) }]);

    await setOrgLetterhead(database.db, org, { postalAddress: ['1 Market Street', 'Leeds LS1 2AB'] }, { now: '2026-11-23T10:05:00Z' });
    expect(await dispatchAll(database, senders, '2026-11-23T10:05:00Z')).toMatchObject({ claimed: 1, printed: 1 });
    expect(await action(org, id)).toMatchObject({ status: 'printed', sent_on: '2026-11-23' });
    expect((await listTasks(database.db, org.id)).map((item) => item.id)).not.toContain(id);
  });

  it('prints Greek, Cyrillic and Japanese names and addresses into the batch, and refuses a letter it cannot print', async () => {
    const org = await makeSenderOrg(database);
    const people = [
      { externalId: 'UNI-1', name: 'Ζωή Παπαδοπούλου', address: ['Οδός Ερμού 25', 'Αθήνα', '105 63'] },
      { externalId: 'UNI-2', name: 'Дмитрий Иванов', address: ['ул. Тверская, д. 7', 'Москва', '125009'] },
      { externalId: 'UNI-3', name: '山田太郎', address: ['千代田1-1', '東京都千代田区', '100-0001'] },
      { externalId: 'UNI-4', name: 'Ann \u{1D11E} Smith', address: ['1 High Street', 'York', 'YO1 7HH'] },
    ];
    const ids: bigint[] = [];
    for (const person of people) {
      const customer = await makeDebtor(database, org, { externalId: person.externalId });
      await renameCustomer(org, person.externalId, person.name, person.address);
      ids.push(await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, person.externalId), { channel: 'letter', template: 'demand-letter', tone: 'firm', stepName: 'Formal demand' }));
    }
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ claimed: 4, printed: 3, failed: 1 });
    const refused = await action(org, ids[3]!);
    expect(refused.status).toBe('failed');
    expect(refused.last_error).toMatch(/cannot be printed.*U\+1D11E/);

    const batch = await lettersBatch(database.db, org, '2026-11-23', 'test', Temporal.Instant.from('2026-11-23T17:00:00Z'));
    expect(batch.letters).toBe(3);
    const file = join(mkdtempSync(join(tmpdir(), 'arrears-unicode-batch-')), 'batch.pdf');
    writeFileSync(file, batch.pdf!);
    const text = pdfText(file);
    for (const person of people.slice(0, 3)) {
      expect(text).toContain(person.name);
      for (const line of person.address) expect(text).toContain(line);
    }
    expect(text).not.toContain('Ann');
  });

  it("posts a day's printed letters over the API, once, with an entry on each customer's timeline", async () => {
    const apiOrg = await makeApiOrg(database);
    const base = await database.db.selectFrom('orgs').selectAll().where('id', '=', apiOrg.orgId).executeTakeFirstOrThrow();
    const org = await setOrgLetterhead(database.db, base, { postalAddress: ['1 Quay Street', 'Bristol BS1 4DJ'] });
    const ids: bigint[] = [];
    for (const externalId of ['POST-1', 'POST-2']) {
      const customer = await makeDebtor(database, org, { externalId });
      ids.push(await makeReadySend(database, org, customer.id, await overdueInvoices(database, org, customer.id, externalId), { channel: 'letter', template: 'demand-letter', tone: 'firm', stepName: 'Formal demand' }));
    }
    expect(await dispatchAll(database, senders, '2026-11-23T10:00:00Z')).toMatchObject({ printed: 2 });

    const app = createTestApp(database);
    expectProblem(await client(app, apiOrg.keys.viewer).post('/api/v1/letters/posted', { date: '2026-11-23' }), 403, 'forbidden');
    expectProblem(await client(app, apiOrg.keys.collector).post('/api/v1/letters/posted', { date: '23/11/2026' }), 400, 'invalid_input');
    const other = await client(app, apiOrg.keys.collector).post('/api/v1/letters/posted', { date: '2026-11-22' });
    expect(other.body).toMatchObject({ posted: 0 });

    const posted = await client(app, apiOrg.keys.collector).post('/api/v1/letters/posted', { date: '2026-11-23' });
    expect(posted.status, posted.text).toBe(200);
    expect(posted.body).toEqual({ date: '2026-11-23', posted: 2, actionIds: ids.map(String).sort((a, b) => Number(BigInt(a) - BigInt(b))) });
    for (const id of ids) expect(await action(org, id)).toMatchObject({ status: 'posted', sent_on: '2026-11-23' });
    const listed = await client(app, apiOrg.keys.viewer).get('/api/v1/actions?status=posted&limit=500');
    expect(listed.body.data.map((row: { id: string }) => row.id).sort()).toEqual(ids.map(String).sort());
    const entries = await database.db.selectFrom('activities').selectAll().where('org_id', '=', org.id).where('kind', '=', 'letter_posted').execute();
    expect(entries).toHaveLength(2);
    expect(entries[0]!.summary).toMatch(/Letter "Formal demand" of the 2026-11-23 batch was posted\./);

    expect((await client(app, apiOrg.keys.owner).post('/api/v1/letters/posted', { date: '2026-11-23' })).body).toMatchObject({ posted: 0 });
  });
});
