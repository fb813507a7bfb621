// `dispatch`: N friendly reminder emails ready in the outbox, each to its own customer with two
// overdue invoices, sent through the real dispatcher (claim, send-time check, render, SMTP over a
// pooled connection, record the copy and the timeline entry) to a local SMTP server running in
// another process. Timed from the first claim to the last recorded send.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'kysely';
import pino from 'pino';
import { Temporal } from 'temporal-polyfill';
import { dispatchBatch, emptySummary, newWorkerId } from '../../src/app/dispatch/dispatch-batch.ts';
import { createEmailTransport } from '../../src/channels/email/email-transport.ts';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import type { BenchDatabase } from '../support/database.ts';
import { peakRssMb, timed } from '../support/measure.ts';
import type { ScenarioInput, ScenarioResult } from './types.ts';

const now = Temporal.Instant.from('2026-11-23T10:00:00Z');

export async function runDispatchScenario({ args, bench }: ScenarioInput & { bench: BenchDatabase }): Promise<ScenarioResult> {
  const { db } = bench.database;
  const orgId = await readyOutbox(bench, args.messages);
  const sink = await startSinkProcess();
  const email = createEmailTransport({ smtpUrl: `smtp://127.0.0.1:${sink.port}`, outboxDir: '/nonexistent', maxConnections: 5 });
  const total = emptySummary();
  try {
    const workerId = newWorkerId();
    const { ms } = await timed(async () => {
      for (;;) {
        const summary = await dispatchBatch({ db, senders: { email, sms: null }, logger: pino({ level: 'silent' }), now: () => now, workerId }, { batchSize: 200, concurrency: 20 });
        for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += summary[key];
        if (summary.claimed === 0) break;
      }
    });
    const received = await sink.count();
    const stored = (await sql<{ n: number }>`select count(*)::int as n from communications where org_id = ${orgId}`.execute(db)).rows[0]!.n;
    if (total.sent !== args.messages || received !== args.messages || stored !== args.messages) {
      throw new Error(`expected ${args.messages} sent, received and recorded; got sent ${total.sent}, received ${received}, recorded ${stored} (${JSON.stringify(total)})`);
    }
    const perSecond = Math.round((args.messages / ms) * 1000);
    return {
      figures: { scenario: 'dispatch', engine: args.engine, messages: args.messages, dispatch_ms: Math.round(ms), messages_per_s: perSecond, peak_rss_mb: peakRssMb() },
      summary: `dispatch [${args.engine}]: ${args.messages} emails sent, received by the SMTP server and recorded in ${(ms / 1000).toFixed(1)} s = ${perSecond}/s; peak RSS ${peakRssMb()} MiB`,
    };
  } finally {
    email.close();
    sink.stop();
  }
}

/** One organisation, N consumers-or-businesses with a billing contact, two overdue invoices and a ready reminder each (set-based). */
async function readyOutbox(bench: BenchDatabase, messages: number): Promise<bigint> {
  const { db } = bench.database;
  const { org } = await createOrg(db, { name: 'Bench Supplies Ltd', slug: 'bench-dispatch', currency: 'GBP', timeZone: 'Europe/London', country: 'GB', ownerEmail: 'accounts@bench.test' });
  await sql`update orgs set postal_address = '{"1 Bench Street","Leeds LS1 1AA"}', phone = '+44 113 496 0000' where id = ${org.id}`.execute(db);
  await sql`
    insert into customers (org_id, external_id, name, currency, kind, country, time_zone, language)
    select ${org.id}, 'B-' || g, 'Customer ' || g || ' Ltd', 'GBP', case when g % 5 = 0 then 'consumer' else 'business' end, 'GB', 'Europe/London', 'en-GB'
      from generate_series(1, ${messages}) g`.execute(db);
  await sql`
    insert into contacts (org_id, customer_id, name, role, email, address_line1, city, postal_code, country)
    select org_id, id, 'Accounts', 'billing', 'ap+' || id || '@customer.test', '1 Main Street', 'York', 'YO1 1AA', 'GB' from customers where org_id = ${org.id}`.execute(db);
  await sql`
    insert into invoices (org_id, customer_id, number, issue_date, due_date, currency, total)
    select c.org_id, c.id, c.external_id || '-' || n, date '2026-09-01' + n * 14, date '2026-10-01' + n * 14, 'GBP', 10000 + (c.id % 977) * 13 + n
      from customers c cross join generate_series(0, 1) n where c.org_id = ${org.id}`.execute(db);
  await sql`
    insert into actions (org_id, customer_id, idempotency_key, cycle_date, kind, channel, playbook_name, playbook_version, step_key, step_name, step_index, tone, template, status, due_at, invoice_ids, invoice_numbers)
    select c.org_id, c.id, 'bench:' || c.id, date '2026-11-23', 'send', 'email', 'standard', 0, 'reminder', 'Friendly reminder', 1, 'friendly', 'reminder-missed', 'ready',
           timestamptz '2026-11-23T09:00:00Z', array_agg(i.id order by i.due_date), array_agg(i.number order by i.due_date)
      from customers c join invoices i on i.org_id = c.org_id and i.customer_id = c.id
     where c.org_id = ${org.id}
     group by c.org_id, c.id`.execute(db);
  await sql`analyze`.execute(db);
  return org.id;
}

async function startSinkProcess(): Promise<{ port: number; count: () => Promise<number>; stop: () => void }> {
  const child = spawn(process.execPath, ['bin/run-ts.js', 'bench/support/smtp-sink-process.ts'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const waiters: Array<(line: string) => void> = [];
  lines.on('line', (line) => waiters.shift()?.(line));
  const next = () => new Promise<string>((resolve) => waiters.push(resolve));
  const port = Number((await next()).replace('port ', ''));
  return {
    port,
    count: async () => {
      const answer = next();
      child.stdin!.write('count\n');
      return Number((await answer).replace('count ', ''));
    },
    stop: () => child.stdin!.end(),
  };
}
