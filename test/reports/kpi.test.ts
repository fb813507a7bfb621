import { Temporal } from 'temporal-polyfill';
import { rmSync } from 'node:fs';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import { computeKpis, computeKpisOverPeriods } from '../../src/app/reports/compute-kpis.ts';
import { addDays, firstDayMonthsAfter } from '../../src/domain/calendar.ts';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import { importFile } from '../../src/app/import/import-file.ts';
import { openDatabase, type Database } from '../../src/db/engine.ts';
import { runCli, tempDataDir } from '../support/cli.ts';
import { writeOffInvoice } from '../../src/app/arrangements/write-off-invoice.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCharge, makeCustomer, makeDispute, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

const period = { from: '2026-07-01', to: '2026-09-30' };

/** The worked example of docs/kpis.md, invoice by invoice. */
async function buildWorkedExample(database: Database, orgId: bigint) {
  const kestrel = await makeCustomer(database, orgId, { externalId: 'KES-1', name: 'Kestrel Ltd', currency: 'GBP' });
  const invoice = (number: string, issueDate: string, dueDate: string, total: bigint, status?: 'void' | 'written_off') =>
    makeInvoice(database, orgId, kestrel.id, { number, issueDate, dueDate, total, currency: 'GBP', status });
  const k1 = await invoice('K1', '2026-05-10', '2026-06-09', 1000_00n);
  await makePayment(database, k1, 400_00n, '2026-06-20');
  await makePayment(database, k1, 600_00n, '2026-07-15');
  const k2 = await invoice('K2', '2026-06-15', '2026-07-15', 2000_00n);
  await makeCharge(database, k2, 50_00n, '2026-08-01');
  await makePayment(database, k2, 1000_00n, '2026-08-10');
  const k3 = await invoice('K3', '2026-07-05', '2026-08-04', 3000_00n);
  await makePayment(database, k3, 3000_00n, '2026-08-01');
  const k4 = await invoice('K4', '2026-08-20', '2026-09-19', 1500_00n);
  await makeDispute(database, k4, { amount: null, openedOn: '2026-09-25' });
  const k5 = await invoice('K5', '2026-09-10', '2026-10-10', 2500_00n);
  await makePayment(database, k5, 500_00n, '2026-10-05');
  await invoice('K6', '2026-09-25', '2026-09-30', 400_00n);
  await invoice('V1', '2026-08-01', '2026-08-31', 9999_00n, 'void');
  await invoice('W1', '2026-04-01', '2026-05-01', 800_00n, 'written_off');
  return kestrel;
}

describeEachEngine('KPIs', (engine) => {
  let database: Database;
  let orgId: bigint;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    await buildWorkedExample(database, orgId);

    // USD: an old unpaid invoice older than the whole countback lookback, and a recent sale.
    const hawk = await makeCustomer(database, orgId, { externalId: 'HAWK', name: 'Hawk Inc', currency: 'USD' });
    await makeInvoice(database, orgId, hawk.id, { issueDate: '2024-01-15', dueDate: '2024-02-14', total: 100_00n, currency: 'USD' });
    await makeInvoice(database, orgId, hawk.id, { issueDate: '2026-09-01', dueDate: '2026-10-01', total: 50_00n, currency: 'USD' });
    // JPY: only a sale in the period, not yet due: nothing was collectable.
    const tsubame = await makeCustomer(database, orgId, { externalId: 'TSU', name: 'Tsubame KK', currency: 'JPY' });
    await makeInvoice(database, orgId, tsubame.id, { issueDate: '2026-09-20', dueDate: '2026-10-20', total: 10_000n, currency: 'JPY' });
    // EUR: everything void or written off: no figures at all.
    const ibis = await makeCustomer(database, orgId, { externalId: 'IBIS', name: 'Ibis SA', currency: 'EUR' });
    await makeInvoice(database, orgId, ibis.id, { issueDate: '2026-08-01', dueDate: '2026-08-31', total: 70_00n, currency: 'EUR', status: 'void' });
    await makeInvoice(database, orgId, ibis.id, { issueDate: '2026-03-01', dueDate: '2026-03-31', total: 80_00n, currency: 'EUR', status: 'written_off' });

    // Another organisation's ledger must not leak into any figure.
    const other = await makeOrg(database);
    await buildWorkedExample(database, other.org.id);
    const stranger = await makeCustomer(database, other.org.id, { externalId: 'X', currency: 'GBP' });
    await makeInvoice(database, other.org.id, stranger.id, { issueDate: '2026-08-01', dueDate: '2026-08-31', total: 12345_00n });
  });
  afterAll(() => database.close());

  it('counts an amount written off in the period in CEI as not collected, and out of the ending receivables', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id, { externalId: 'WO-1', name: 'Wren Ltd', currency: 'GBP' });
    const invoice = await makeInvoice(database, org.id, customer.id, { number: 'WO-1', issueDate: '2026-06-01', dueDate: '2026-07-01', total: 1000_00n, currency: 'GBP' });
    await makePayment(database, invoice, 400_00n, '2026-08-01');
    await writeOffInvoice(database.db, org.id, { invoiceId: invoice.id, reasonCode: 'uncollectable', role: 'owner', today: '2026-09-15', now: instantOn('2026-09-15'), actor: 'test' });
    const [gbp] = (await computeKpis(database.db, org.id, period)).currencies;
    // £1,000 could have been collected; £400 was, £600 was written off
    expect(gbp).toMatchObject({ beginningReceivables: 1000_00n, creditSales: 0n, endingReceivables: 0n, endingCurrentReceivables: 0n, writtenOff: 600_00n });
    expect(gbp!.cei).toEqual({ percent: 40, numerator: 400_00n, denominator: 1000_00n, reason: null });
    // before the period it was written off in, it is still receivable
    const [before] = (await computeKpis(database.db, org.id, { from: '2026-07-01', to: '2026-08-31' })).currencies;
    expect(before).toMatchObject({ endingReceivables: 600_00n, writtenOff: 0n });
  });

  it('reproduces the worked example of docs/kpis.md', async () => {
    const report = await computeKpis(database.db, orgId, period);
    expect(report).toMatchObject({ from: '2026-07-01', to: '2026-09-30', beginningAsOf: '2026-06-30', dsoLookbackMonths: 24 });
    expect(report.currencies.map((c) => c.currency)).toEqual(['GBP', 'JPY', 'USD']);
    expect(report.currencies[0]).toEqual({
      currency: 'GBP',
      beginningReceivables: 2600_00n,
      creditSales: 7400_00n,
      endingReceivables: 5450_00n,
      endingCurrentReceivables: 2900_00n,
      writtenOff: 0n,
      cei: { percent: 64.1, numerator: 4550_00n, denominator: 7100_00n, reason: null },
      dso: {
        days: 71.9,
        receivables: 5450_00n,
        periods: [
          { from: '2026-09-01', to: '2026-09-30', days: 30, creditSales: 2900_00n, daysCounted: 30 },
          { from: '2026-08-01', to: '2026-08-31', days: 31, creditSales: 1500_00n, daysCounted: 31 },
          { from: '2026-07-01', to: '2026-07-31', days: 31, creditSales: 3000_00n, daysCounted: 10.9 },
        ],
        exceededLookback: false,
        note: null,
      },
    });
  });

  it('reproduces the worked example’s aging, which leaves out the dispute and uses today’s balances', async () => {
    const aging = await computeAging(database.db, orgId, '2026-09-30');
    expect(aging.totals.GBP).toEqual({ current: 2400_00n, '1-30': 0n, '31-60': 0n, '61-90': 1050_00n, '91+': 0n, total: 3450_00n, chaseable: 1050_00n });
  });

  it('gives null CEI with a reason when nothing was collectable', async () => {
    const report = await computeKpis(database.db, orgId, period);
    expect(report.currencies[1]).toMatchObject({
      currency: 'JPY',
      beginningReceivables: 0n,
      creditSales: 10_000n,
      endingReceivables: 10_000n,
      endingCurrentReceivables: 10_000n,
      writtenOff: 0n,
      cei: { percent: null, numerator: 0n, denominator: 0n, reason: expect.stringMatching(/nothing was collectable/) },
      dso: { days: 30, exceededLookback: false },
    });
  });

  it('says so when receivables exceed every sale of the 24-month lookback', async () => {
    const report = await computeKpis(database.db, orgId, period);
    const usd = report.currencies[2]!;
    expect(usd).toMatchObject({ currency: 'USD', beginningReceivables: 100_00n, creditSales: 50_00n, endingReceivables: 150_00n, endingCurrentReceivables: 50_00n });
    expect(usd.cei.percent).toBe(0);
    // 2024-10-01 to 2026-09-30: every day of the lookback counted
    expect(usd.dso).toMatchObject({ days: 730, exceededLookback: true, note: expect.stringMatching(/exceed all credit sales/) });
    expect(usd.dso.periods).toHaveLength(24);
    expect(usd.dso.periods.at(-1)).toMatchObject({ from: '2024-10-01', to: '2024-10-31' });
  });

  it('places charges and allocations at their dates: receivables on any day match the ledger', async () => {
    // One day: from = to = 2026-08-01, the day K3 was paid and K2 charged.
    const day = await computeKpis(database.db, orgId, { from: '2026-08-01', to: '2026-08-01' });
    const gbp = day.currencies.find((c) => c.currency === 'GBP')!;
    // at 07-31: K2 2,000 + K3 3,000; at 08-01: K2 2,050 (fee), K3 paid
    expect(gbp).toMatchObject({ beginningReceivables: 5000_00n, creditSales: 0n, endingReceivables: 2050_00n, endingCurrentReceivables: 0n });
    expect(gbp.cei).toMatchObject({ percent: 59, numerator: 2950_00n, denominator: 5000_00n });
  });

  it('places what was paid before an invoice was imported (opening paid) at its date, like a payment', async () => {
    // The same invoice twice: imported with 400.00 already paid on 2026-08-15, and made with a payment that day.
    const imported = (await makeOrg(database)).org.id;
    const file = [
      'Invoice Number,Customer ID,Customer,Invoice Date,Due Date,Currency,Total,Amount Paid,Paid Date,Status',
      'P-1,PLOVER,Plover Ltd,2026-06-01,2026-07-01,GBP,1000.00,400.00,2026-08-15,Authorised',
    ].join('\n');
    const report = await importFile(database.db, {
      orgId: imported, kind: 'invoices', format: 'generic', fileName: 'plover.csv', source: Readable.from([file]), today: '2026-11-23', at: Temporal.Instant.from('2026-11-23T12:00:00Z'), currency: 'GBP',
    });
    expect(report.counts).toMatchObject({ openingPaid: 1, paymentsRecorded: 0 });
    const recorded = (await makeOrg(database)).org.id;
    const plover = await makeCustomer(database, recorded, { externalId: 'PLOVER', currency: 'GBP' });
    await makePayment(database, await makeInvoice(database, recorded, plover.id, { issueDate: '2026-06-01', dueDate: '2026-07-01', total: 1000_00n, currency: 'GBP' }), 400_00n, '2026-08-15');

    for (const dates of [period, { from: '2026-08-01', to: '2026-08-14' }, { from: '2026-08-15', to: '2026-08-31' }]) {
      const fromImport = await computeKpis(database.db, imported, dates);
      expect(fromImport.currencies).toEqual((await computeKpis(database.db, recorded, dates)).currencies);
    }
    const quarter = (await computeKpis(database.db, imported, period)).currencies[0]!;
    expect(quarter).toMatchObject({ beginningReceivables: 1000_00n, endingReceivables: 600_00n });
  });

  it('gives consecutive months from one read exactly as computeKpis gives each month alone (the dashboard trend)', async () => {
    // 2026-01 to 2026-10, the last month cut on the 5th as the dashboard cuts today's month: every
    // payment, charge, dispute and void of the worked example, the USD invoice older than the lookback.
    const months = Array.from({ length: 10 }, (_, index) => {
      const from = firstDayMonthsAfter('2026-01-01', index);
      return { from, to: index === 9 ? '2026-10-05' : addDays(firstDayMonthsAfter(from, 1), -1) };
    });
    const together = await computeKpisOverPeriods(database.db, orgId, months);
    expect(together.map((r) => r.currencies.length).some((n) => n > 1)).toBe(true);
    for (const [index, month] of months.entries()) {
      expect(together[index]).toEqual(await computeKpis(database.db, orgId, month));
    }
    // the worked example's quarter, as one period among its months
    const quarter = await computeKpisOverPeriods(database.db, orgId, [{ from: '2026-06-01', to: '2026-06-30' }, period]);
    expect(quarter[1]!.currencies[0]).toMatchObject({ currency: 'GBP', beginningReceivables: 2600_00n, endingReceivables: 5450_00n, endingCurrentReceivables: 2900_00n });
  });

  it('refuses a period that ends before it starts, or malformed dates', async () => {
    await expect(computeKpis(database.db, orgId, { from: '2026-09-30', to: '2026-07-01' })).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(computeKpis(database.db, orgId, { from: '2026-07-01', to: '2026-09-31' })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('arrears kpi (CLI, embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    const database = await openDatabase({ engine: 'pglite', dataDir });
    try {
      const { org } = await createOrg(database.db, { name: 'Cli Kpi', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'o@kpi.test' });
      await buildWorkedExample(database, org.id);
    } finally {
      await database.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to today in the organisation’s time zone and the three months before', async () => {
    // 23:30 UTC on 30 September is already 1 October in London.
    const result = await runCli(['--data', dataDir, 'kpi', '--json'], { ARREARS_NOW: '2026-09-30T23:30:00Z' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ from: '2026-07-01', to: '2026-10-01' });
  });

  it('prints the figures and the KPIs per currency', async () => {
    const result = await runCli(['--data', dataDir, 'kpi', '--from', period.from, '--to', period.to]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Receivables at 2026-06-30\s+£2,600\.00/);
    expect(result.stdout).toContain('CEI: 64.1%');
    expect(result.stdout).toContain('DSO (countback): 71.9 days (3 periods counted back)');
  });

  it('refuses --from after --to with exit code 2', async () => {
    const result = await runCli(['--data', dataDir, 'kpi', '--from', '2026-09-30', '--to', '2026-07-01']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from \(2026-09-30\) is after --to \(2026-07-01\)/);
  });
});
