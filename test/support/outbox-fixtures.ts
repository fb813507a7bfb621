// Builders for dispatch tests: an organisation with its sender details, a customer with a billing
// contact, and a send action ready in the outbox (as the cycle would have planned it).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { Temporal } from 'temporal-polyfill';
import type { ChannelSenders } from '../../src/app/dispatch/deliver.ts';
import { dispatchBatch, emptySummary, type DispatchSummary } from '../../src/app/dispatch/dispatch-batch.ts';
import type { Database } from '../../src/db/engine.ts';
import { insertActions } from '../../src/db/queries/actions.ts';
import type { Channel, Org, Tone } from '../../src/db/schema.ts';
import { createEmailTransport, type EmailTransport } from '../../src/channels/email/email-transport.ts';
import { makeCustomer, makeInvoice, makeOrg } from './fixtures.ts';
import { startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export const silentLogger = pino({ level: 'silent' });

/** An SMTP server on 127.0.0.1 that keeps what it receives, and senders that send email to it (no SMS). */
export interface SmtpSenders {
  smtp: SmtpSink;
  senders: ChannelSenders & { email: EmailTransport };
}

export async function startSmtpSenders(): Promise<SmtpSenders> {
  const smtp = await startSmtpSink();
  return { smtp, senders: { email: createEmailTransport({ smtpUrl: smtp.url, outboxDir: mkdtempSync(join(tmpdir(), 'arrears-outbox-')) }), sms: null } };
}

export async function stopSmtpSenders({ smtp, senders }: SmtpSenders): Promise<void> {
  senders.email.close();
  await smtp.close();
}

export async function makeSenderOrg(database: Database, settings: Record<string, unknown> = {}): Promise<Org> {
  const { org } = await makeOrg(database);
  return database.db
    .updateTable('orgs')
    .set({
      name: 'Acme Supplies Ltd',
      sender_name: 'Acme Accounts',
      sender_email: 'accounts@acme.test',
      reply_to: 'credit@acme.test',
      phone: '+44 20 7946 0000',
      postal_address: ['1 Market Street', 'Leeds LS1 2AB'],
      country: 'GB',
      settings: JSON.stringify({ collections: settings }),
    })
    .where('id', '=', org.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function makeDebtor(
  database: Database,
  org: Org,
  options: { externalId: string; kind?: 'business' | 'consumer'; emails?: string[]; phone?: string | null; timeZone?: string; country?: string; language?: string },
) {
  const customer = await makeCustomer(database, org.id, { externalId: options.externalId, name: `${options.externalId} Trading`, kind: options.kind ?? 'business' });
  await database.db
    .updateTable('customers')
    .set({ time_zone: options.timeZone ?? 'Europe/London', country: options.country ?? 'GB', language: options.language ?? 'en-GB' })
    .where('org_id', '=', org.id)
    .where('id', '=', customer.id)
    .execute();
  for (const [index, email] of (options.emails ?? [`${options.externalId.toLowerCase()}@customer.test`]).entries()) {
    await database.db
      .insertInto('contacts')
      .values({
        org_id: org.id,
        customer_id: customer.id,
        name: index === 0 ? 'Pat Jones' : `Contact ${index + 1}`,
        role: 'billing',
        email,
        phone: index === 0 ? (options.phone === undefined ? '+44 7700 900123' : options.phone) : null,
        address_line1: '7 Mill Lane',
        city: 'York',
        postal_code: 'YO1 7HH',
        country: 'GB',
      } as never)
      .execute();
  }
  return customer;
}

export async function makeReadySend(
  database: Database,
  org: Org,
  customerId: bigint,
  invoices: ReadonlyArray<{ id: bigint; number: string }>,
  options: {
    channel?: Exclude<Channel, 'call' | 'review'>;
    template?: string;
    tone?: Tone;
    stepName?: string;
    dueAt?: string;
    key?: string;
    caseId?: bigint;
    stepKey?: string;
    stepIndex?: number;
    cycleDate?: string;
  } = {},
) {
  const [stored] = await insertActions(database.db, org.id, [
    {
      customerId,
      caseId: options.caseId ?? null,
      key: options.key ?? `test:${customerId}:${Math.random().toString(36).slice(2)}`,
      cycleDate: options.cycleDate ?? '2026-11-23',
      kind: 'send',
      channel: options.channel ?? 'email',
      playbookName: 'standard',
      playbookVersion: 0,
      stepKey: options.stepKey ?? 'reminder',
      stepName: options.stepName ?? 'Friendly reminder',
      stepIndex: options.stepIndex ?? 1,
      tone: options.tone ?? 'friendly',
      template: options.template ?? 'reminder-missed',
      status: 'ready',
      dueAt: options.dueAt ?? '2026-11-23T09:00:00Z',
      rule: null,
      reason: null,
      invoiceIds: invoices.map((i) => i.id),
      invoiceNumbers: invoices.map((i) => i.number),
      amounts: {},
      data: {},
    },
  ]);
  return stored!.id;
}

export async function overdueInvoices(database: Database, org: Org, customerId: bigint, prefix: string) {
  return [
    await makeInvoice(database, org.id, customerId, { number: `${prefix}-1`, issueDate: '2026-09-01', dueDate: '2026-10-01', total: 1_250_00n }),
    await makeInvoice(database, org.id, customerId, { number: `${prefix}-2`, issueDate: '2026-10-01', dueDate: '2026-10-31', total: 99_99n }),
  ];
}

/** Dispatches until nothing more is due at `now`. */
export async function dispatchAll(database: Database, senders: ChannelSenders, now: string, workerId?: string): Promise<DispatchSummary> {
  const total = emptySummary();
  for (;;) {
    const summary = await dispatchBatch({ db: database.db, senders, logger: silentLogger, now: () => Temporal.Instant.from(now), workerId });
    for (const key of Object.keys(total) as (keyof DispatchSummary)[]) total[key] += summary[key];
    if (summary.claimed === 0) return total;
  }
}
