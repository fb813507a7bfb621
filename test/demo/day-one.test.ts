// Day one as a new user lives it: the demo portfolio (and a business importing debts already 5 to
// 200 days overdue) gets friendly openings only; a week of daily cycles and sends never claims a
// contact the timeline does not hold; after a month with the dispatcher down, still one message
// per debtor per day.
import { join } from 'node:path';
import { sql } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemoPortfolio } from '../../src/app/demo/load-demo-portfolio.ts';
import { runCycle } from '../../src/app/cycle/run-cycle.ts';
import type { Database } from '../../src/db/engine.ts';
import type { Org } from '../../src/db/schema.ts';
import { addDays, type IsoDate } from '../../src/domain/calendar.ts';
import { lintTemplate } from '../../src/domain/compliance/template-lint.ts';
import { templateLintRules } from '../../src/domain/compliance/template-lint-rules.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeInvoice } from '../support/fixtures.ts';
import { dispatchAll, makeDebtor, makeSenderOrg, startSmtpSenders, stopSmtpSenders, type SmtpSenders } from '../support/outbox-fixtures.ts';
import { type SmtpSink } from '../support/smtp-sink.ts';

const claimsOfContact = templateLintRules.filter((rule) => rule.id === 'claims-earlier-contact');

describeEachEngine('day one with a real portfolio', (engine) => {
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

  /** The case steps the cycle planned on `day`, with their tones. */
  const caseStepsPlanned = (org: Org, day: IsoDate) =>
    database.db
      .selectFrom('actions')
      .select(['customer_id', 'step_key', 'tone', 'kind'])
      .where('org_id', '=', org.id)
      .where('cycle_date', '=', day)
      .where('case_id', 'is not', null)
      .where('idempotency_key', 'not like', '%:no-response')
      .execute();

  /** The case steps planned apart from the review rules' tasks for a person (`review:<rule>`). */
  function splitReviews<T extends { step_key: string }>(actions: T[]) {
    return { opened: actions.filter((a) => !a.step_key.startsWith('review:')), reviews: actions.filter((a) => a.step_key.startsWith('review:')) };
  }

  /** Every message sent, each with how many went to the same debtor before it. */
  async function messagesWithHistory(org: Org) {
    const { rows } = await sql<{ customer_id: bigint; body_text: string; earlier: bigint; local_day: string }>`
      select a.customer_id, cm.body_text,
             (select count(*) from communications p join actions pa on pa.org_id = p.org_id and pa.id = p.action_id
               where p.org_id = cm.org_id and pa.customer_id = a.customer_id and p.direction = 'outbound' and p.sent_at < cm.sent_at) as earlier,
             (cm.sent_at at time zone coalesce(c.time_zone, ${org.time_zone}))::date::text as local_day
        from communications cm join actions a on a.org_id = cm.org_id and a.id = cm.action_id
        join customers c on c.org_id = a.org_id and c.id = a.customer_id
       where cm.org_id = ${org.id} and cm.direction = 'outbound' and cm.channel <> 'call'`.execute(database.db);
    return rows;
  }

  /** `cycleEvery`: while the dispatcher is down, the cycle still runs every this many days (a cron on another machine). */
  async function liveAWeekThenAMonthDown(org: Org, first: IsoDate, cycleEvery: number) {
    let day = first;
    for (let n = 0; n < 7; n++, day = addDays(day, 1)) {
      await runCycle(database.db, org, day);
      for (const hour of ['09:30', '17:00']) await dispatchAll(database, senders, `${day}T${hour}:00Z`);
    }
    // the dispatcher is down for a month: cycles run, nothing is sent
    for (let n = 0; n < 30; n++, day = addDays(day, 1)) if (n % cycleEvery === 0) await runCycle(database.db, org, day);
    for (const hour of ['09:30', '17:00']) await dispatchAll(database, senders, `${day}T${hour}:00Z`);
    for (let n = 0; n < 3; n++) {
      day = addDays(day, 1);
      await runCycle(database.db, org, day);
      for (const hour of ['09:30', '17:00']) await dispatchAll(database, senders, `${day}T${hour}:00Z`);
    }
  }

  function expectTruthfulAndOneADay(messages: Awaited<ReturnType<typeof messagesWithHistory>>) {
    expect(messages.length).toBeGreaterThan(10);
    // a first message never claims earlier contact
    const firsts = messages.filter((m) => m.earlier === 0n);
    const claims = firsts.flatMap((m) => lintTemplate(m.body_text, { legalEnabled: false }, claimsOfContact).map((p) => `${m.customer_id}: ${p.phrase}`));
    expect(claims).toEqual([]);
    // one message per debtor per local day
    const perDay = new Map<string, number>();
    for (const m of messages) perDay.set(`${m.customer_id} ${m.local_day}`, (perDay.get(`${m.customer_id} ${m.local_day}`) ?? 0) + 1);
    expect([...perDay].filter(([, n]) => n > 1)).toEqual([]);
  }

  it('the demo: the first day opens every case friendly, and no message claims what did not happen', async () => {
    const org = await makeSenderOrg(database);
    const today = '2026-11-23';
    await loadDemoPortfolio(database.db, org, Temporal.Instant.from(`${today}T08:00:00Z`));
    await runCycle(database.db, org, today);
    const { opened, reviews } = splitReviews(await caseStepsPlanned(org, today));
    expect(opened.length).toBeGreaterThan(50);
    expect(opened.filter((a) => a.tone !== 'friendly')).toEqual([]);
    // accounts long overdue also go to a person (the review rules): a task, never a message
    expect(reviews.length).toBeGreaterThan(0);
    expect(new Set(reviews.map((a) => `${a.step_key} ${a.kind}`))).toEqual(new Set(['review:long_overdue task']));
    await liveAWeekThenAMonthDown(org, addDays(today, 1), 7);
    expectTruthfulAndOneADay(await messagesWithHistory(org));
  }, 600_000);

  it('a fresh import of debts 5 to 200 days overdue: friendly openings, then the steps in turn', async () => {
    const org = await makeSenderOrg(database);
    const today = '2026-11-23';
    for (let i = 0; i < 25; i++) {
      const customer = await makeDebtor(database, org, { externalId: `OLD-${i}`, timeZone: i % 4 === 0 ? 'America/Chicago' : 'Europe/London' });
      const age = 5 + Math.round((195 * i) / 24);
      await makeInvoice(database, org.id, customer.id, { number: `OLD-${i}-1`, issueDate: addDays(today, -age - 30), dueDate: addDays(today, -age), total: 250_00n + BigInt(i) });
    }
    await runCycle(database.db, org, today);
    const { opened, reviews } = splitReviews(await caseStepsPlanned(org, today));
    expect(opened).toHaveLength(25);
    // the ten more than 120 days overdue (OLD-15 to OLD-24) are queued for a person as well
    expect(reviews.map((a) => `${a.step_key} ${a.kind}`)).toEqual(Array(10).fill('review:long_overdue task'));
    expect(new Set(opened.map((a) => `${a.step_key} ${a.tone}`))).toEqual(new Set(['reminder-missed friendly']));
    await dispatchAll(database, senders, `${today}T10:00:00Z`);
    await liveAWeekThenAMonthDown(org, addDays(today, 1), 1);
    const messages = await messagesWithHistory(org);
    expectTruthfulAndOneADay(messages);
    // the cases moved on from their first contact, one step at a time: no final notice within the first five weeks
    const steps = await database.db.selectFrom('actions').select(['step_key']).distinct().where('org_id', '=', org.id).where('case_id', 'is not', null).execute();
    expect(steps.map((s) => s.step_key)).toContain('follow-up');
    expect(steps.map((s) => s.step_key)).not.toContain('final-notice');
  }, 600_000);
});
