// Loads the demo portfolio into an organisation: generated customers, invoices and payments go
// through the real import (CSV files in the generic format, as a user's own export would), then a
// few disputes are opened so that every screen has something to show. Idempotent: loading again
// imports nothing new and opens no more disputes. `now` is the caller's clock (ARREARS_NOW in a
// demo): the portfolio is generated around its day, and the imports are on the timeline at it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { Temporal } from 'temporal-polyfill';
import type { DB, Org } from '../../db/schema.ts';
import { addDays, dateInZone, type IsoDate } from '../../domain/calendar.ts';
import { AppError } from '../../errors.ts';
import { generatePortfolio } from './portfolio-generator.ts';
import { writePortfolioCsv } from './write-portfolio-csv.ts';
import { importFile, type ImportReport } from '../import/import-file.ts';
import type { ImportKind } from '../../domain/import-kinds.ts';

/** The demo's size: a small business's ledger, loaded in a few seconds on the embedded database. */
export const demoSize = { seed: 'arrears-demo', customers: 300, invoices: 2000 } as const;

export interface DemoLoadCounts {
  customers: number;
  invoices: number;
  /** Payments received through Arrears (payments.csv). */
  payments: number;
  /** Invoices the accounting export already showed (partly) paid: they carry it as their opening paid amount. */
  openingPaid: number;
  disputes: number;
  /** Draft invoices in the export, skipped as the importer skips every draft. */
  drafts: number;
}

export async function loadDemoPortfolio(db: Kysely<DB>, org: Pick<Org, 'id' | 'default_currency' | 'time_zone'>, now: Temporal.Instant): Promise<DemoLoadCounts> {
  const today = dateInZone(now, org.time_zone);
  const portfolio = generatePortfolio({ ...demoSize, today });
  const dir = await mkdtemp(join(tmpdir(), 'arrears-demo-'));
  try {
    const files = await writePortfolioCsv(portfolio, dir);
    const run = async (kind: ImportKind, source: string) =>
      checked(await importFile(db, { orgId: org.id, kind, format: 'generic', fileName: `demo/${kind}.csv`, source, today, at: now, currency: org.default_currency }));
    const customers = await run('customers', files.customers);
    const invoices = await run('invoices', files.invoices);
    const payments = await run('payments', files.payments);
    const disputes = await openDemoDisputes(db, org, today);
    return {
      customers: customers.counts.customersCreated ?? 0,
      invoices: invoices.counts.invoicesCreated ?? 0,
      payments: payments.counts.paymentsCreated ?? 0,
      openingPaid: invoices.counts.openingPaid ?? 0,
      disputes,
      drafts: invoices.counts.skipped ?? 0,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The demo files are generated to be valid: a problem here is a bug, not a user's mistake. */
function checked(report: ImportReport): ImportReport {
  if (report.status !== 'completed' || report.problemCount > 0) {
    const first = report.problems.slice(0, 3).map((p) => `${p.file}:${p.line}: ${p.column ?? ''} ${p.message}`);
    throw new AppError('internal', `the demo portfolio did not import cleanly (${report.file}: ${report.problemCount} problem(s)): ${first.join('; ')}`);
  }
  return report;
}

const demoDisputes = [
  {
    reasonCode: 'pricing',
    reason: 'Billed at list price; the customer says the agreed 10% trade discount was not applied.',
    /** Percent of the balance in dispute; null = the whole invoice. */
    percent: 10,
    daysAgo: 4,
  },
  {
    reasonCode: 'quality',
    reason: "Two of the five units arrived damaged; the customer has sent photos and is waiting for the courier's report.",
    percent: null,
    daysAgo: 9,
  },
  {
    reasonCode: 'not_received',
    reason: 'The customer says the delivery never arrived; proof of delivery requested from the carrier.',
    percent: null,
    daysAgo: 16,
  },
] as const;

/** Opens the demo's disputes on overdue business invoices of different customers, once per organisation. */
async function openDemoDisputes(db: Kysely<DB>, org: Pick<Org, 'id' | 'time_zone'>, today: IsoDate): Promise<number> {
  const orgId = org.id;
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom('disputes').select('id').where('org_id', '=', orgId).limit(1).executeTakeFirst();
    if (existing) return 0;
    const candidates = await tx
      .selectFrom('invoices as i')
      .innerJoin('customers as c', (join) => join.onRef('c.org_id', '=', 'i.org_id').onRef('c.id', '=', 'i.customer_id'))
      .select(['i.id', 'i.customer_id', 'i.number', 'i.issue_date', 'i.balance', 'i.currency'])
      .where('i.org_id', '=', orgId)
      .where('i.status', '=', 'open')
      .where('i.balance', '>', 0n)
      .where('i.due_date', '<', today)
      .where('c.kind', '=', 'business')
      .orderBy('i.number')
      .limit(100)
      .execute();
    const chosen: typeof candidates = [];
    for (const invoice of candidates) {
      if (chosen.length < demoDisputes.length && !chosen.some((c) => c.customer_id === invoice.customer_id)) chosen.push(invoice);
    }
    for (const [index, invoice] of chosen.entries()) {
      const spec = demoDisputes[index]!;
      const amount = spec.percent === null ? null : (invoice.balance * BigInt(spec.percent)) / 100n || 1n;
      const sinceDays = addDays(today, -spec.daysAgo);
      const openedOn = sinceDays < invoice.issue_date ? invoice.issue_date : sinceDays;
      const dispute = await tx
        .insertInto('disputes')
        .values({ org_id: orgId, invoice_id: invoice.id, reason_code: spec.reasonCode, reason: spec.reason, amount, opened_on: openedOn, resolved_on: null, resolution: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('activities')
        .values({
          org_id: orgId,
          customer_id: invoice.customer_id,
          kind: 'dispute',
          actor: 'demo',
          // on the timeline the day the dispute was opened (mid-morning in the organisation's zone), not the day the demo was loaded
          occurred_at: Temporal.PlainDate.from(openedOn).toZonedDateTime({ timeZone: org.time_zone, plainTime: { hour: 10 } }).toInstant().toString(),
          summary: `Dispute opened on invoice ${invoice.number}: ${spec.reason}`,
          data: JSON.stringify({
            disputeId: dispute.id.toString(),
            invoiceId: invoice.id.toString(),
            reasonCode: spec.reasonCode,
            amount: amount?.toString() ?? null,
            currency: invoice.currency,
            openedOn,
          }),
        })
        .execute();
    }
    return chosen.length;
  });
}
