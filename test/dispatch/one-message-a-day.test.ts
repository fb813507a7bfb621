// One message per debtor per local day holds at the moment of sending, whatever piled up while
// the dispatcher was down: only a case's latest step goes, older ones are superseded, a note
// before the due date is dropped once the invoice is overdue, and a second message waits for the
// debtor's next day.
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import { addDays, type IsoDate } from '../../src/domain/calendar.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeInvoice } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeReadySend, makeSenderOrg, overdueInvoices, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { type SmtpSink } from '../support/smtp-sink.ts';

describeEachEngine('one message a day, at the moment of sending', (engine) => {
  let database: Database;
  let smtp: SmtpSink;
  let senders: SmtpSenders['senders'];
  beforeAll(async () => {
    database = await openTestDatabase(engine);
    ({ smtp, senders } = await startSmtpSenders());
  });
  afterAll(async () => {
    await stopSmtpSenders({ smtp, senders });
    await database.close();
  });

  const statusOf = async (id: bigint) =>
    database.db.selectFrom('actions').select(['status', 'rule', 'reason', 'due_at', 'sent_on']).where('id', '=', id).executeTakeFirstOrThrow();

  it('after downtime sends only the latest step of a case, supersedes the older one and a stale note before due', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'PILE-1' });
    const invoices = await overdueInvoices(database, org, customer.id, 'PILE1');
    const opened = await database.db.insertInto('cases').values({ org_id: org.id, customer_id: customer.id, opened_on: '2026-10-02' }).returning('id').executeTakeFirstOrThrow();
    const older = await makeReadySend(database, org, customer.id, invoices, {
      caseId: opened.id,
      key: `case:${opened.id}:reminder-missed`,
      stepKey: 'reminder-missed',
      stepIndex: 1,
      stepName: 'It may have been missed',
      cycleDate: '2026-10-02',
      dueAt: '2026-10-02T08:00:00Z',
    });
    const later = await makeReadySend(database, org, customer.id, invoices, {
      caseId: opened.id,
      key: `case:${opened.id}:firm-reminder`,
      stepKey: 'firm-reminder',
      stepIndex: 3,
      stepName: 'Firmer reminder',
      template: 'firm-reminder',
      tone: 'firm',
      cycleDate: '2026-10-16',
      dueAt: '2026-10-16T08:00:00Z',
    });
    const soon = await makeInvoice(database, org.id, customer.id, { number: 'PILE1-3', issueDate: '2026-09-20', dueDate: '2026-10-20', total: 10_00n });
    const preDue = await makeReadySend(database, org, customer.id, [soon], {
      key: `pre-due:${customer.id}:2026-10-20:pre-due-note`,
      stepKey: 'pre-due-note',
      stepIndex: 0,
      template: 'pre-due-note',
      cycleDate: '2026-10-17',
      dueAt: '2026-10-17T08:00:00Z',
    });

    smtp.received.length = 0;
    const summary = await dispatchAll(database, senders, '2026-11-02T10:00:00Z');
    expect(summary).toMatchObject({ sent: 1, superseded: 2 });
    expect(smtp.received).toHaveLength(1);
    expect(await statusOf(later)).toMatchObject({ status: 'sent', sent_on: '2026-11-02' });
    expect(await statusOf(older)).toMatchObject({ status: 'superseded', rule: 'later-step', reason: expect.stringMatching(/"Firmer reminder" \(planned 2026-10-16\)/) });
    expect(await statusOf(preDue)).toMatchObject({ status: 'superseded', rule: 'stale', reason: expect.stringMatching(/already overdue \(due 2026-10-20\)/) });
  });

  it('a payment plan offer (off the schedule, index -1) goes out after the case’s earlier steps were sent: they are not later steps', async () => {
    const org = await makeSenderOrg(database);
    const customer = await makeDebtor(database, org, { externalId: 'OFFER-1' });
    const invoices = await overdueInvoices(database, org, customer.id, 'OFFER1');
    const opened = await database.db.insertInto('cases').values({ org_id: org.id, customer_id: customer.id, opened_on: '2026-10-02' }).returning('id').executeTakeFirstOrThrow();
    const reminder = await makeReadySend(database, org, customer.id, invoices, { caseId: opened.id, key: `case:${opened.id}:reminder-missed`, stepKey: 'reminder-missed', stepIndex: 1, cycleDate: '2026-10-02', dueAt: '2026-10-02T08:00:00Z' });
    expect(await dispatchAll(database, senders, '2026-10-02T10:00:00Z')).toMatchObject({ sent: 1 });
    expect(await statusOf(reminder)).toMatchObject({ status: 'sent' });
    // the debtor said on a call they cannot pay: the sympathetic path's offer, planned after the reminder went out
    const offer = await makeReadySend(database, org, customer.id, invoices, {
      caseId: opened.id, key: `case:${opened.id}:plan-offer:2026-10-06`, stepKey: 'plan-offer', stepIndex: -1, stepName: 'Payment plan offer', template: 'plan-offer', cycleDate: '2026-10-07', dueAt: '2026-10-07T08:00:00Z',
    });
    smtp.received.length = 0;
    expect(await dispatchAll(database, senders, '2026-10-07T10:00:00Z')).toMatchObject({ sent: 1, superseded: 0 });
    expect(await statusOf(offer)).toMatchObject({ status: 'sent', sent_on: '2026-10-07' });
  });

  it('a second message due the same local day waits for the debtor’s next morning, also after one already went out today', async () => {
    const org = await makeSenderOrg(database);
    const ny = await makeDebtor(database, org, { externalId: 'TWO-1', timeZone: 'America/New_York', country: 'US' });
    const invoices = await overdueInvoices(database, org, ny.id, 'TWO1');
    const first = await makeReadySend(database, org, ny.id, invoices, { dueAt: '2026-11-23T14:00:00Z' });
    const second = await makeReadySend(database, org, ny.id, invoices, { dueAt: '2026-11-23T14:00:00Z', template: 'follow-up', stepName: 'Sent by hand' });
    smtp.received.length = 0;
    expect(await dispatchAll(database, senders, '2026-11-23T15:00:00Z')).toMatchObject({ sent: 1, deferred: 1 });
    const [sentOne, waiting] = (await statusOf(first)).status === 'sent' ? [first, second] : [second, first];
    expect(await statusOf(sentOne)).toMatchObject({ status: 'sent', sent_on: '2026-11-23' });
    // 09:00 the next day in New York
    expect(await statusOf(waiting)).toMatchObject({ status: 'deferred', rule: 'one-message-a-day', due_at: expect.stringMatching(/^2026-11-24T14:00:00/) });
    expect((await dispatchAll(database, senders, '2026-11-24T13:59:00Z')).sent).toBe(0);
    // a send by hand still due later today is held to tomorrow as well
    const third = await makeReadySend(database, org, ny.id, invoices, { dueAt: '2026-11-23T20:00:00Z' });
    expect(await dispatchAll(database, senders, '2026-11-23T20:30:00Z')).toMatchObject({ sent: 0, deferred: 1 });
    expect(await statusOf(third)).toMatchObject({ status: 'deferred' });
    const nextDay = await dispatchAll(database, senders, '2026-11-24T14:00:00Z');
    expect(nextDay.sent).toBe(1);
    expect(smtp.received).toHaveLength(2);
  });

  it('property: over weeks of cycles with the dispatcher down at random (a day, or a month), no debtor gets two messages on one local day', async () => {
    const org = await makeSenderOrg(database);
    let seed = 20261207;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let i = 0; i < 12; i++) {
      const customer = await makeDebtor(database, org, { externalId: `RND-${i}`, timeZone: i % 3 === 0 ? 'America/Los_Angeles' : 'Europe/London' });
      for (let k = 0; k < 3; k++) {
        const due = addDays('2026-10-15', Math.floor(next() * 80) - 40);
        await makeInvoice(database, org.id, customer.id, { number: `RND-${i}-${k}`, issueDate: addDays(due, -30), dueDate: due, total: 100_00n + BigInt(k) });
      }
    }
    let day: IsoDate = '2026-10-20';
    let downUntil: IsoDate = day;
    for (let n = 0; n < 70; n++, day = addDays(day, 1)) {
      await runCycle(database.db, org, day);
      if (day >= downUntil && next() < 0.15) downUntil = addDays(day, next() < 0.5 ? 1 : 30);
      if (day < downUntil) continue;
      // the dispatcher wakes a few times through the day
      for (const hour of ['08:30', '13:00', '21:30']) await dispatchAll(database, senders, `${day}T${hour}:00Z`);
    }
    const perDay = await sql<{ customer_id: bigint; day: string; n: bigint }>`
      select a.customer_id, (cm.sent_at at time zone c.time_zone)::date::text as day, count(*) as n
        from communications cm join actions a on a.org_id = cm.org_id and a.id = cm.action_id
        join customers c on c.org_id = a.org_id and c.id = a.customer_id
       where cm.org_id = ${org.id} and cm.direction = 'outbound'
       group by 1, 2`.execute(database.db);
    expect(perDay.rows.length).toBeGreaterThan(12);
    expect(perDay.rows.filter((row) => row.n > 1n)).toEqual([]);
    // and no note before due went out for an invoice already overdue that day
    const stale = await sql<{ id: bigint }>`
      select a.id from actions a join communications cm on cm.org_id = a.org_id and cm.action_id = a.id
        join customers c on c.org_id = a.org_id and c.id = a.customer_id
       where a.org_id = ${org.id} and a.idempotency_key like 'pre-due:%'
         and not exists (select 1 from invoices i where i.org_id = a.org_id and i.id = any(a.invoice_ids)
                          and i.due_date >= (cm.sent_at at time zone c.time_zone)::date)`.execute(database.db);
    expect(stale.rows).toEqual([]);
  }, 240_000);
});
