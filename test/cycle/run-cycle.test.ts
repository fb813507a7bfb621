import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import { setOrgChargePolicy } from '../../src/app/charges/set-charge-policy.ts';
import { simulateCycle } from '../../src/app/cycle/simulate-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { caseWithStepsTaken, deliverWaiting, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

describeEachEngine('the daily cycle', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function customerWithEmail(org: Org, externalId: string, extra: { timeZone?: string; since?: string; tags?: string[] } = {}) {
    const customer = await makeCustomer(database, org.id, { externalId, name: `${externalId} Ltd` });
    await database.db
      .updateTable('customers')
      .set({ time_zone: extra.timeZone ?? 'Europe/London', customer_since: extra.since ?? '2025-06-01', tags: extra.tags ?? [] })
      .where('org_id', '=', org.id)
      .where('id', '=', customer.id)
      .execute();
    await database.db
      .insertInto('contacts')
      .values({ org_id: org.id, customer_id: customer.id, name: 'Accounts', email: `${externalId.toLowerCase()}@example.com`, email_source: 'test', phone: '+44 113 496 0000', address_line1: '1 High St', city: 'Leeds', postal_code: 'LS1 1AA', country: 'GB', import_key: null } as never)
      .execute();
    return customer;
  }

  async function portfolio() {
    const { org } = await makeOrg(database);
    const a = await customerWithEmail(org, 'A', { timeZone: 'America/New_York' });
    const b = await customerWithEmail(org, 'B');
    const c = await customerWithEmail(org, 'C');
    const inv = {
      a1: await makeInvoice(database, org.id, a.id, { number: 'A-1', dueDate: '2026-10-01', total: 100_00n }),
      a2: await makeInvoice(database, org.id, a.id, { number: 'A-2', dueDate: '2026-10-20', total: 40_00n, currency: 'USD' }),
      b1: await makeInvoice(database, org.id, b.id, { number: 'B-1', issueDate: '2026-10-23', dueDate: '2026-11-22', total: 75_00n }),
      c1: await makeInvoice(database, org.id, c.id, { number: 'C-1', issueDate: '2026-10-26', dueDate: '2026-11-25', total: 20_00n }),
    };
    return { org, a, b, c, inv };
  }

  const actionCount = async (orgId: bigint) =>
    (await database.db.selectFrom('actions').select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', orgId).executeTakeFirstOrThrow()).n;

  it("plans today's step per customer, one consolidated action over all overdue invoices, due in the debtor's morning", async () => {
    const { org } = await portfolio();
    const report = await runCycle(database.db, org, '2026-11-23');
    const byCustomer = Object.fromEntries(report.actions.map((action) => [action.customerExternalId, action]));
    // A: oldest invoice 53 days overdue, never chased: the playbook's friendly opening, not its day-45 final notice
    expect(byCustomer.A).toMatchObject({
      step: 'reminder-missed',
      tone: 'friendly',
      channel: 'email',
      kind: 'send',
      status: 'ready',
      dueAt: '2026-11-23T09:00:00-05:00',
      invoiceNumbers: ['A-1', 'A-2'],
      amounts: { GBP: 100_00n, USD: 40_00n },
      created: true,
      rule: null,
    });
    expect(byCustomer.A!.reason).toMatch(/A-1 is 53 day\(s\) overdue and nothing has been sent in this case yet/);
    expect(byCustomer.B).toMatchObject({ step: 'reminder-missed', tone: 'friendly', channel: 'email', dueAt: '2026-11-23T09:00:00+00:00', invoiceNumbers: ['B-1'] });
    expect(byCustomer.C).toMatchObject({ step: 'pre-due-note', invoiceNumbers: ['C-1'] });
    expect(report.summary).toMatchObject({ customers: 3, created: 3, existing: 0, ready: 3, casesOpened: 2 });
    expect(await actionCount(org.id)).toBe(3n);
  });

  it('running the same date again creates nothing and reports the actions as existing', async () => {
    const { org } = await portfolio();
    const first = await runCycle(database.db, org, '2026-11-23');
    const second = await runCycle(database.db, org, '2026-11-23');
    expect(second.summary).toMatchObject({ created: 0, existing: 3 });
    expect(second.actions.map((a) => a.id).sort()).toEqual(first.actions.map((a) => a.id).sort());
    expect(await actionCount(org.id)).toBe(3n);
  });

  it('after days of downtime takes the next step once, and waits while the last message has not reached the debtor', async () => {
    const { org, b } = await portfolio();
    await runCycle(database.db, org, '2026-11-23'); // B: reminder-missed (1 day overdue)
    // never sent (no dispatcher ran): nothing further, however long
    const waiting = await runCycle(database.db, org, '2026-12-10');
    expect(waiting.actions.filter((a) => a.customerId === b.id.toString())).toEqual([]);
    await deliverWaiting(database, org.id, b.id); // it reached B on 2026-11-23
    const later = await runCycle(database.db, org, '2026-12-11'); // B: 19 days overdue; on the calendar the firm reminder (14)
    const forB = later.actions.filter((a) => a.customerId === b.id.toString());
    expect(forB.map((a) => a.step)).toEqual(['follow-up']);
    expect(forB[0]!.reason).toMatch(/due since 2026-11-29; taken once, the later steps keep their gaps/);
    const stored = await database.db.selectFrom('actions').select('step_key').where('org_id', '=', org.id).where('customer_id', '=', b.id).orderBy('id').execute();
    expect(stored.map((row) => row.step_key)).toEqual(['reminder-missed', 'follow-up']);
  });

  it('a dry run writes nothing', async () => {
    const { org } = await portfolio();
    const report = await runCycle(database.db, org, '2026-11-23', { dryRun: true });
    expect(report.summary.created).toBe(3);
    expect(report.actions.every((a) => a.id === null)).toBe(true);
    expect(await actionCount(org.id)).toBe(0n);
    expect((await database.db.selectFrom('cases').select('id').where('org_id', '=', org.id).execute()).length).toBe(0);
  });

  it('does not chase held, disputed or promised debts; a broken promise brings a call and the case resumes firmer', async () => {
    const { org, a, inv } = await portfolio();
    let report = await runCycle(database.db, org, '2026-11-20'); // A: 50 days overdue, never chased → the friendly opening
    expect(report.actions.filter((x) => x.customerExternalId === 'A').map((x) => x.step)).toEqual(['reminder-missed']);
    await deliverWaiting(database, org.id, a.id);

    await database.db.insertInto('holds').values({ org_id: org.id, customer_id: a.id, invoice_id: null, reason: 'in administration talks', starts_on: '2026-11-01', ends_on: '2026-12-31', created_by: 'test' }).execute();
    await database.db.insertInto('disputes').values({ org_id: org.id, invoice_id: inv.b1.id, reason: 'goods damaged', opened_on: '2026-11-22' }).execute();
    report = await runCycle(database.db, org, '2026-11-23');
    expect(report.actions.map((x) => x.customerExternalId)).toEqual(['C']); // B's only invoice is disputed
    expect(report.summary.skipped.on_hold).toBe(1);

    await database.db.deleteFrom('holds').where('org_id', '=', org.id).execute();
    await database.db.insertInto('promises').values({ org_id: org.id, customer_id: a.id, made_on: '2026-11-23', due_on: '2026-11-30', amount: 100_00n, currency: 'GBP', created_by: 'test' }).execute();
    report = await runCycle(database.db, org, '2026-11-24');
    expect(report.actions.filter((x) => x.customerExternalId === 'A')).toEqual([]);
    expect(report.summary.skipped.promise_pending).toBe(1);

    // Nothing paid by 30 Nov + 2 days' grace: broken; the last step was the friendly opening, so the case resumes firm
    report = await runCycle(database.db, org, '2026-12-03');
    expect(report.summary.promisesBroken).toBe(1);
    const forA = report.actions.filter((x) => x.customerExternalId === 'A');
    expect(forA.map((x) => [x.step, x.channel, x.kind])).toEqual([
      ['firm-reminder:broken-promise-call', 'call', 'task'],
      ['firm-reminder', 'email', 'send'],
    ]);
  });

  it('one message a day: a second message for the same debtor is deferred, with the rule and why', async () => {
    const { org, a } = await portfolio();
    await makeInvoice(database, org.id, a.id, { number: 'A-3', issueDate: '2026-10-26', dueDate: '2026-11-25', total: 10_00n });
    const report = await runCycle(database.db, org, '2026-11-23');
    const forA = report.actions.filter((x) => x.customerExternalId === 'A');
    expect(forA.map((x) => [x.step, x.status, x.dueAt])).toEqual([
      ['reminder-missed', 'ready', '2026-11-23T09:00:00-05:00'],
      ['pre-due-note', 'deferred', '2026-11-24T09:00:00-05:00'],
    ]);
    expect(forA[1]).toMatchObject({ rule: 'one-message-per-day', reason: expect.stringMatching(/at most one message.*Deferred to 2026-11-24/) });
    expect(report.summary.deferred).toBe(1);
  });

  it('closes the case when everything is paid and cancels what it had not sent yet', async () => {
    const { org, b, inv } = await portfolio();
    await runCycle(database.db, org, '2026-11-23');
    await makePayment(database, inv.b1, 75_00n, '2026-11-23');
    const report = await runCycle(database.db, org, '2026-11-24');
    expect(report.summary.casesClosed).toBe(1);
    const action = await database.db.selectFrom('actions').select(['status', 'rule']).where('org_id', '=', org.id).where('customer_id', '=', b.id).executeTakeFirstOrThrow();
    expect(action).toEqual({ status: 'cancelled', rule: 'case-closed' });
  });

  it("never reads or writes another organisation's customers", async () => {
    const one = await portfolio();
    const other = await portfolio();
    const report = await runCycle(database.db, one.org, '2026-11-23');
    const otherIds = new Set([other.a.id, other.b.id, other.c.id].map(String));
    expect(report.actions.some((a) => otherIds.has(a.customerId))).toBe(false);
    expect(await actionCount(other.org.id)).toBe(0n);
  });

  it('simulates the playbook over weeks without changing anything', async () => {
    const { org } = await portfolio();
    const simulation = await simulateCycle(database.db, org, '2026-11-23', '2027-01-31');
    const stepsOfB = simulation.days.flatMap((day) => day.actions.filter((a) => a.customerExternalId === 'B').map((a) => `${day.date} ${a.step}`));
    expect(stepsOfB).toEqual([
      '2026-11-23 reminder-missed',
      '2026-11-29 follow-up',
      '2026-12-04 follow-up:no-response',
      '2026-12-06 firm-reminder',
      '2026-12-13 statement-letter',
      '2026-12-22 demand-letter',
      '2027-01-06 final-notice',
      '2027-01-21 review',
    ]);
    expect(await actionCount(org.id)).toBe(0n);
  });

  it('applies the charge policy once, at the step that calls for it, as ledger entries; never to a consumer not liable', async () => {
    const { org } = await makeOrg(database);
    await setOrgChargePolicy(database.db, org.id, { type: 'fixed_fee', amounts: { GBP: '25.00' } });
    const business = await customerWithEmail(org, 'BIZ');
    const consumer = await customerWithEmail(org, 'CON');
    await database.db.updateTable('customers').set({ kind: 'consumer' }).where('id', '=', consumer.id).execute();
    // 34 days overdue on 2026-11-23, the statement letter (day 21) posted 9 days ago: the standard playbook's "Formal demand" (day 30) applies charges
    const owed = await makeInvoice(database, org.id, business.id, { number: 'BIZ-1', dueDate: '2026-10-20', total: 500_00n });
    await makeInvoice(database, org.id, consumer.id, { number: 'CON-1', dueDate: '2026-10-20', total: 500_00n });
    const history = [
      { key: 'reminder-missed', index: 1, on: '2026-10-21' },
      { key: 'follow-up', index: 2, on: '2026-10-27' },
      { key: 'firm-reminder', index: 3, on: '2026-11-03' },
      { key: 'statement-letter', index: 4, on: '2026-11-14', channel: 'letter' as const },
    ];
    for (const customer of [business, consumer]) await caseWithStepsTaken(database, org.id, customer.id, '2026-10-21', history);

    const first = await runCycle(database.db, org, '2026-11-23');
    expect(first.actions.map((a) => [a.customerExternalId, a.step])).toEqual([
      ['BIZ', 'demand-letter'],
      ['CON', 'demand-letter'],
    ]);
    expect(first.summary.chargesCreated).toBe(1);
    const charges = () =>
      database.db.selectFrom('charges').select(['invoice_id', 'kind', 'amount', 'charged_on', 'idempotency_key']).where('org_id', '=', org.id).execute();
    const after = await charges();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ invoice_id: owed.id, amount: 25_00n, charged_on: '2026-11-23' });
    expect(after[0]!.idempotency_key).toContain('demand-letter');
    const invoice = await database.db.selectFrom('invoices').select(['total', 'balance']).where('id', '=', owed.id).executeTakeFirstOrThrow();
    expect(invoice).toEqual({ total: 500_00n, balance: 525_00n });

    // the same day again, and the next days: the step is done, nothing is charged twice
    expect((await runCycle(database.db, org, '2026-11-23')).summary.chargesCreated).toBe(0);
    expect((await runCycle(database.db, org, '2026-11-24')).summary.chargesCreated).toBe(0);
    expect(await charges()).toEqual(after);
  });
});
