// Replies by SMS: kept, linked to the customer with the number, and STOP / START honoured for
// every contact with the number however it was written.
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { receiveSms, type InboundSms } from '../../src/app/outbox/receive-sms.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeOrg } from '../support/fixtures.ts';

const number = '+447700900123';
const ourNumber = '+447700900999';
const receivedAt = new Date('2026-11-23T10:15:00Z');
let sequence = 0;

function inbound(body: string, from = number): InboundSms {
  sequence += 1;
  return { from, to: ourNumber, body, providerReference: `SM${String(sequence).padStart(32, '0')}`, receivedAt };
}

describeEachEngine('receiveSms', (engine) => {
  let database: Database;
  let org: Org;
  let otherOrg: Org;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());
  beforeEach(async () => {
    org = (await makeOrg(database)).org;
    otherOrg = (await makeOrg(database)).org;
  });

  async function addContact(orgId: bigint, customerId: bigint, phone: string | null, values: { country?: string; optOutSms?: boolean } = {}) {
    return database.db
      .insertInto('contacts')
      .values({ org_id: orgId, customer_id: customerId, phone, country: values.country ?? null, opt_out_sms: values.optOutSms ?? false, import_key: null })
      .returning('id')
      .executeTakeFirstOrThrow();
  }

  const optedOut = async (orgId: bigint) =>
    Object.fromEntries(
      (await database.db.selectFrom('contacts').select(['id', 'opt_out_sms']).where('org_id', '=', orgId).execute()).map((c) => [String(c.id), c.opt_out_sms]),
    );
  const activities = (orgId: bigint) =>
    database.db.selectFrom('activities').select(['customer_id', 'kind', 'actor', 'summary', 'data']).where('org_id', '=', orgId).orderBy('id').execute();
  const communications = (orgId: bigint) => database.db.selectFrom('communications').selectAll().where('org_id', '=', orgId).orderBy('id').execute();

  it('STOP opts out every contact with the number, however written, and keeps the message on the customer’s timeline', async () => {
    const customer = await makeCustomer(database, org.id);
    const written = ['+44 7700 900123', '07700 900123', '07700-900-123', '+44 (0)7700 900123'];
    const same = await Promise.all(written.map((phone) => addContact(org.id, customer.id, phone)));
    const otherNumber = await addContact(org.id, customer.id, '07700 900456');
    const noPhone = await addContact(org.id, customer.id, null);
    // a number written nationally is read in the contact's own country first: in the US this is no UK mobile
    const american = await addContact(org.id, customer.id, '07700 900123', { country: 'US' });
    const elsewhere = await addContact(otherOrg.id, (await makeCustomer(database, otherOrg.id)).id, '+44 7700 900123');

    const stop = inbound('STOP');
    const result = await receiveSms(database.db, org, stop);

    expect(result).toMatchObject({ from: number, customerId: customer.id, matchedCustomerIds: [customer.id], keyword: { keyword: 'STOP', intent: 'opt_out' }, duplicate: false });
    expect(result.changedContactIds.sort()).toEqual(same.map((c) => c.id).sort());
    expect(await optedOut(org.id)).toEqual({
      ...Object.fromEntries(same.map((c) => [String(c.id), true])),
      [String(otherNumber.id)]: false,
      [String(noPhone.id)]: false,
      [String(american.id)]: false,
    });
    expect(await optedOut(otherOrg.id)).toEqual({ [String(elsewhere.id)]: false });

    const [communication, ...more] = await communications(org.id);
    expect(more).toEqual([]);
    expect(communication).toMatchObject({
      id: result.communicationId,
      customer_id: customer.id,
      action_id: null,
      direction: 'inbound',
      channel: 'sms',
      transport: 'sms-provider',
      delivered: true,
      body_text: 'STOP',
      sender: number,
      recipients: [ourNumber],
      provider_reference: stop.providerReference,
    });
    expect(new Date(communication!.sent_at).toISOString()).toBe(receivedAt.toISOString());
    expect(await activities(org.id)).toEqual([
      { customer_id: customer.id, kind: 'reply', actor: 'inbound-sms', summary: `Replied by SMS from ${number}: “STOP”`, data: { channel: 'sms', communicationId: String(result.communicationId), from: number, to: ourNumber } },
      { customer_id: customer.id, kind: 'opt_out', actor: 'inbound-sms', summary: expect.stringContaining('Opted out of SMS'), data: { channel: 'sms', via: 'reply', keyword: 'STOP' } },
    ]);
    // the timeline says the reply came when it was received, not when the database wrote it
    const stamped = await database.db.selectFrom('activities').select('occurred_at').where('org_id', '=', org.id).execute();
    expect(stamped.map((row) => new Date(row.occurred_at).toISOString())).toEqual([receivedAt.toISOString(), receivedAt.toISOString()]);
    expect(await activities(otherOrg.id)).toEqual([]);
    expect(await communications(otherOrg.id)).toEqual([]);
  });

  it('takes the first word only, as a whole keyword: “stop please” opts out, “Stopping by later” does not', async () => {
    const customer = await makeCustomer(database, org.id);
    const contact = await addContact(org.id, customer.id, '07700 900123');

    const chat = await receiveSms(database.db, org, inbound('Stopping by later to drop off a cheque'));
    expect(chat).toMatchObject({ customerId: customer.id, keyword: null, changedContactIds: [] });
    expect(await optedOut(org.id)).toEqual({ [String(contact.id)]: false });

    const stop = await receiveSms(database.db, org, inbound('  stop please!'));
    expect(stop).toMatchObject({ customerId: customer.id, keyword: { keyword: 'STOP', intent: 'opt_out' }, changedContactIds: [contact.id] });
    expect(await optedOut(org.id)).toEqual({ [String(contact.id)]: true });
    expect((await activities(org.id)).map((a) => [a.kind, a.summary])).toEqual([
      ['reply', `Replied by SMS from ${number}: “Stopping by later to drop off a cheque”`],
      ['reply', `Replied by SMS from ${number}: “stop please!”`],
      ['opt_out', expect.stringContaining('“STOP”')],
    ]);
  });

  it('START (or UNSTOP) opts the number back in', async () => {
    const customer = await makeCustomer(database, org.id);
    const contacts = [await addContact(org.id, customer.id, '+447700900123'), await addContact(org.id, customer.id, '07700900123')];
    await receiveSms(database.db, org, inbound('Unsubscribe'));
    expect(Object.values(await optedOut(org.id))).toEqual([true, true]);

    const result = await receiveSms(database.db, org, inbound('START'));
    expect(result).toMatchObject({ keyword: { keyword: 'START', intent: 'opt_in' } });
    expect(result.changedContactIds.sort()).toEqual(contacts.map((c) => c.id).sort());
    expect(Object.values(await optedOut(org.id))).toEqual([false, false]);
    const kinds = (await activities(org.id)).map((a) => [a.kind, a.data]);
    expect(kinds).toEqual([
      ['reply', expect.anything()],
      ['opt_out', { channel: 'sms', via: 'reply', keyword: 'UNSUBSCRIBE' }],
      ['reply', expect.anything()],
      ['opt_in', { channel: 'sms', via: 'reply', keyword: 'START' }],
    ]);

    await receiveSms(database.db, org, inbound('stop'));
    await receiveSms(database.db, org, inbound('unstop.'));
    expect(Object.values(await optedOut(org.id))).toEqual([false, false]);
  });

  it('links a number several customers share to none of them, says so, and opts all of them out', async () => {
    const first = await makeCustomer(database, org.id);
    const second = await makeCustomer(database, org.id);
    const contacts = [await addContact(org.id, first.id, '07700 900123'), await addContact(org.id, second.id, '0044 7700 900 123')];

    const result = await receiveSms(database.db, org, inbound('STOP'));
    expect(result.customerId).toBeNull();
    expect(result.matchedCustomerIds.sort()).toEqual([first.id, second.id].sort());
    expect(Object.values(await optedOut(org.id))).toEqual([true, true]);
    expect(result.changedContactIds.sort()).toEqual(contacts.map((c) => c.id).sort());
    expect((await communications(org.id))[0]).toMatchObject({ customer_id: null, body_text: 'STOP' });
    const [reply, ...optOuts] = await activities(org.id);
    expect(reply).toMatchObject({ customer_id: null, kind: 'reply' });
    expect(reply!.summary).toContain(`linked to no customer, as 2 customers (${[first.id, second.id].sort().join(', ')}) have this number`);
    expect(optOuts.map((a) => [a.customer_id, a.kind]).sort()).toEqual([
      [first.id, 'opt_out'],
      [second.id, 'opt_out'],
    ].sort());
  });

  it('matches a national number in the customer’s country (US)', async () => {
    const customer = await database.db
      .updateTable('customers')
      .set({ country: 'US' })
      .where('id', '=', (await makeCustomer(database, org.id)).id)
      .returning('id')
      .executeTakeFirstOrThrow();
    const contact = await addContact(org.id, customer.id, '(415) 555-0100');
    const result = await receiveSms(database.db, org, inbound('Quit', '+14155550100'));
    expect(result).toMatchObject({ customerId: customer.id, changedContactIds: [contact.id] });
    expect(await optedOut(org.id)).toEqual({ [String(contact.id)]: true });
  });

  it('keeps a message from a number no contact has, linked to no customer and changing nothing', async () => {
    const customer = await makeCustomer(database, org.id);
    const contact = await addContact(org.id, customer.id, '07700 900456');
    const result = await receiveSms(database.db, org, inbound('STOP', '+447700900123'));
    expect(result).toMatchObject({ customerId: null, matchedCustomerIds: [], changedContactIds: [], keyword: { keyword: 'STOP' } });
    expect(await optedOut(org.id)).toEqual({ [String(contact.id)]: false });
    expect(await communications(org.id)).toEqual([expect.objectContaining({ customer_id: null, direction: 'inbound', sender: number, body_text: 'STOP' })]);
    expect(await activities(org.id)).toEqual([expect.objectContaining({ customer_id: null, kind: 'reply', summary: `SMS from ${number}, a number no customer has: “STOP”` })]);
  });

  it('keeps a message the provider delivers twice only once', async () => {
    const customer = await makeCustomer(database, org.id);
    await addContact(org.id, customer.id, '07700 900123');
    const message = inbound('I will pay on Friday');
    const first = await receiveSms(database.db, org, message);
    const again = await receiveSms(database.db, org, message);
    expect(again).toMatchObject({ communicationId: first.communicationId, customerId: customer.id, duplicate: true });
    expect(await communications(org.id)).toHaveLength(1);
    expect(await activities(org.id)).toHaveLength(1);
  });
});
