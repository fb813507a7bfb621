// The contact rules against the database: what a person records about a debtor reaches the cycle
// (blocked or re-timed actions, with the rule) and the manual check ("may I call now?").
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkContact } from '../../src/app/collection/check-contact.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { setContactFlags } from '../../src/app/collection/set-contact-flags.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { isAppError } from '../../src/errors.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

describeEachEngine('contact rules in the cycle and on demand', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  /** An org whose messages go out at 07:00 local, and a debtor 20 days overdue with every channel usable. */
  async function setup(kind: 'business' | 'consumer', place: { country: string; region: string | null; timeZone: string }) {
    const { org } = await makeOrg(database);
    const settings = { collections: { sendHour: 7 } };
    const updatedOrg = (await database.db.updateTable('orgs').set({ settings: JSON.stringify(settings) }).where('id', '=', org.id).returningAll().executeTakeFirstOrThrow()) as Org;
    const customer = await makeCustomer(database, org.id, { externalId: 'D-1', name: 'Dana Debtor', kind });
    await database.db.updateTable('customers').set({ country: place.country, region: place.region, time_zone: place.timeZone }).where('id', '=', customer.id).execute();
    await database.db
      .insertInto('contacts')
      .values({ org_id: org.id, customer_id: customer.id, name: 'Dana', email: 'dana@example.com', email_source: 'test', phone: '+1 617 555 0100', address_line1: '1 Main St', city: 'Boston', postal_code: '02101', country: place.country, import_key: null } as never)
      .execute();
    await makeInvoice(database, org.id, customer.id, { number: 'D-INV-1', dueDate: '2026-11-03', total: 250_00n, currency: 'USD' });
    return { org: updatedOrg, customer };
  }

  it('a consumer’s message waits for 08:00 in their zone; a business debtor’s does not (15 U.S.C. § 1692c(a)(1))', async () => {
    const consumer = await setup('consumer', { country: 'US', region: 'MA', timeZone: 'America/New_York' });
    const [action] = (await runCycle(database.db, consumer.org, '2026-11-23')).actions;
    expect(action).toMatchObject({ status: 'ready', dueAt: '2026-11-23T08:00:00-05:00' });
    const business = await setup('business', { country: 'US', region: 'MA', timeZone: 'America/New_York' });
    expect((await runCycle(database.db, business.org, '2026-11-23')).actions[0]!.dueAt).toBe('2026-11-23T07:00:00-05:00');
  });

  it('recorded bankruptcy blocks the step with the rule; the flag change is on the timeline', async () => {
    const { org, customer } = await setup('consumer', { country: 'US', region: 'NY', timeZone: 'America/New_York' });
    await setContactFlags(database.db, org.id, customer.id, { bankruptcy: true }, 'notice from the trustee', 'user:1', Temporal.Instant.from('2026-11-23T09:00:00Z'));
    const [action] = (await runCycle(database.db, org, '2026-11-23')).actions;
    expect(action).toMatchObject({ status: 'blocked', rule: 'bankruptcy', reason: expect.stringContaining('bankruptcy') });
    const timeline = await database.db.selectFrom('activities').select(['kind', 'summary', 'actor']).where('org_id', '=', org.id).where('customer_id', '=', customer.id).execute();
    expect(timeline).toContainEqual({ kind: 'contact_flags', summary: 'Contact: in bankruptcy (notice from the trustee)', actor: 'user:1' });
  });

  it('“may I call now?” answers now, later with the time, or blocked with the rule', async () => {
    const { org, customer } = await setup('consumer', { country: 'US', region: 'MA', timeZone: 'America/New_York' });
    const at = (iso: string) => Temporal.Instant.from(iso);
    // 10:00 in Boston, nothing booked: now
    expect(await checkContact(database.db, org, customer.id, 'call', at('2026-11-23T15:00:00Z'))).toMatchObject({ answer: 'now', rule: null });
    // 06:30 in Boston: from 08:00
    expect(await checkContact(database.db, org, customer.id, 'call', at('2026-11-23T11:30:00Z'))).toMatchObject({ answer: 'later', allowedFrom: '2026-11-23T08:00:00-05:00' });
    // after the cycle planned today's message: tomorrow
    await runCycle(database.db, org, '2026-11-23');
    const next = await checkContact(database.db, org, customer.id, 'call', at('2026-11-24T15:00:00Z'));
    expect(next.answer).toBe('now');
    // a cease request: blocked, with the rule and the sentence
    await setContactFlags(database.db, org.id, customer.id, { ceaseRequestedOn: '2026-11-23' }, 'letter from the customer', 'user:1', at('2026-11-23T16:00:00Z'));
    expect(await checkContact(database.db, org, customer.id, 'email', at('2026-11-24T15:00:00Z'))).toMatchObject({
      answer: 'blocked',
      rule: 'cease-communication',
      reason: expect.stringContaining('asked on 2026-11-23 for contact to stop'),
    });
  });

  it('refuses flags it cannot read, and needs a reason', async () => {
    const { org, customer } = await setup('consumer', { country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
    for (const [flags, reason, message] of [
      [{ breathingSpaceUntil: '2026-02-30' }, 'x', /not a date/],
      [{ inconvenientTimes: [{ from: '21:00', to: '08:00' }] }, 'x', /ends before it starts/],
      [{ bankruptcy: true }, ' ', /how you learned it/],
      [{}, 'x', /nothing to change/],
    ] as const) {
      const error = await setContactFlags(database.db, org.id, customer.id, flags, reason, 'user:1', Temporal.Instant.from('2026-11-23T09:00:00Z')).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code === 'invalid_input' && message.test(error.message), String(error)).toBe(true);
    }
  });

  it('an owner may set aside an organisation-chosen rule for one contact, recorded with who and why; never a rule of law', async () => {
    const { org, customer } = await setup('consumer', { country: 'US', region: 'MA', timeZone: 'America/New_York' });
    const settings = { collections: { noWeekendContact: true } };
    const weekendOrg = (await database.db.updateTable('orgs').set({ settings: JSON.stringify(settings) }).where('id', '=', org.id).returningAll().executeTakeFirstOrThrow()) as Org;
    const saturday = Temporal.Instant.from('2026-11-21T15:00:00Z'); // 10:00 in Boston
    expect(await checkContact(database.db, weekendOrg, customer.id, 'call', saturday)).toMatchObject({ answer: 'later', rule: 'no-weekend-contact', allowedFrom: '2026-11-23T10:00:00-05:00' });

    const overridden = await checkContact(database.db, weekendOrg, customer.id, 'call', saturday, { rule: 'no-weekend-contact', reason: 'the customer asked for a Saturday call', actor: 'user:7' });
    expect(overridden).toMatchObject({ answer: 'now', rule: null });
    const recorded = await database.db.selectFrom('activities').select(['kind', 'actor', 'summary']).where('customer_id', '=', customer.id).where('kind', '=', 'contact_override').execute();
    expect(recorded).toEqual([{ kind: 'contact_override', actor: 'user:7', summary: 'Rule no-weekend-contact overridden for one call: the customer asked for a Saturday call' }]);

    const law = await checkContact(database.db, weekendOrg, customer.id, 'call', saturday, { rule: 'consumer-contact-hours', reason: 'x', actor: 'user:7' }).catch((caught: unknown) => caught);
    expect(isAppError(law) && law.code === 'forbidden' && /cannot be overridden/.test(law.message), String(law)).toBe(true);
    const unknown = await checkContact(database.db, weekendOrg, customer.id, 'call', saturday, { rule: 'no-holiday-contact', reason: 'x', actor: 'user:7' }).catch((caught: unknown) => caught);
    expect(isAppError(unknown) && unknown.code === 'invalid_input' && /does not apply to this customer/.test(unknown.message), String(unknown)).toBe(true);
  });
});
