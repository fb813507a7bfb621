import { sql } from 'kysely';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeAging, type AgingReport } from '../../src/app/reports/compute-aging.ts';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import { openDatabase, type Database } from '../../src/db/engine.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { runCli, tempDataDir } from '../support/cli.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCharge, makeCustomer, makeDispute, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

const asOf = '2026-11-23';
const due = (days: number) => addDays(asOf, days);

/**
 * A portfolio with an invoice in every bucket and on every boundary, partial payments, a charge,
 * void, written-off, paid, not-yet-issued, fully, partially and formerly disputed invoices, three
 * currencies, one customer in two currencies, a tie on total, and another organisation's invoice.
 */
async function buildPortfolio(database: Database, orgId: bigint) {
  const customer = (externalId: string, name: string, currency: string) => makeCustomer(database, orgId, { externalId, name, currency });
  const invoice = (customerId: bigint, dueDate: string, total: bigint, extra: { currency?: string; issueDate?: string; status?: 'void' | 'written_off' } = {}) =>
    makeInvoice(database, orgId, customerId, { dueDate, total, issueDate: extra.issueDate ?? addDays(dueDate, -30), currency: extra.currency ?? 'GBP', status: extra.status });

  const acme = await customer('C-ACME', 'Acme Ltd', 'GBP');
  await invoice(acme.id, due(10), 100_00n, { issueDate: due(-20) }); // current, not yet due
  await invoice(acme.id, due(0), 200_00n); // current: due today
  await invoice(acme.id, due(-1), 300_00n); // 1-30: due yesterday
  await invoice(acme.id, due(-30), 50_00n); // 1-30 upper edge
  const partlyPaid = await invoice(acme.id, due(-31), 400_00n); // 31-60 lower edge
  await makePayment(database, partlyPaid, 150_00n, due(-5));
  const charged = await invoice(acme.id, due(-60), 60_00n); // 31-60 upper edge, plus a fee
  await makeCharge(database, charged, 10_00n, due(-20));
  await invoice(acme.id, due(-61), 70_00n); // 61-90
  await invoice(acme.id, due(-90), 80_00n); // 61-90 upper edge
  await invoice(acme.id, due(-91), 90_00n); // 91+
  const fullyDisputed = await invoice(acme.id, due(-400), 1000_00n);
  await makeDispute(database, fullyDisputed, { amount: null });
  const partlyDisputed = await invoice(acme.id, due(-45), 500_00n); // 31-60: 300.00 undisputed
  await makeDispute(database, partlyDisputed, { amount: 200_00n });
  const formerlyDisputed = await invoice(acme.id, due(-5), 40_00n); // 1-30: the dispute is resolved
  await makeDispute(database, formerlyDisputed, { amount: null, status: 'resolved' });
  await invoice(acme.id, due(-45), 999_00n, { status: 'void' });
  await invoice(acme.id, due(-100), 777_00n, { status: 'written_off' });
  const paid = await invoice(acme.id, due(-10), 120_00n);
  await makePayment(database, paid, 120_00n, due(-9));
  await invoice(acme.id, due(31), 55_00n, { issueDate: due(1) }); // issued after the as-of date
  await invoice(acme.id, due(-15), 10_00n, { currency: 'USD' }); // Acme also owes in USD

  const beta = await customer('C-BETA', 'Beta plc', 'GBP');
  await invoice(beta.id, due(-10), 1234_56n);

  // Disputed for at least its whole balance: drops out, and so does the customer.
  const gamma = await customer('C-GAMMA', 'Gamma', 'GBP');
  const overDisputed = await invoice(gamma.id, due(-20), 300_00n);
  await makeDispute(database, overDisputed, { amount: 500_00n });
  const twoDisputes = await invoice(gamma.id, due(-20), 100_00n);
  await makeDispute(database, twoDisputes, { amount: 60_00n });
  await makeDispute(database, twoDisputes, { amount: 40_00n });

  const delta = await customer('C-DELTA', 'Delta Inc', 'USD');
  await invoice(delta.id, due(5), 1000_00n, { currency: 'USD' });
  await invoice(delta.id, due(-200), 250_00n, { currency: 'USD' });
  const zeta = await customer('C-ZETA', 'Zeta LLC', 'USD');
  await invoice(zeta.id, due(-3), 5_00n, { currency: 'USD' });
  const alpha = await customer('C-ALPHA', 'Alpha LLC', 'USD');
  await invoice(alpha.id, due(-3), 5_00n, { currency: 'USD' });

  const eki = await customer('C-EKI', 'Eki KK', 'JPY');
  const yen = await invoice(eki.id, due(-35), 150_000n, { currency: 'JPY' });
  await makePayment(database, yen, 50_000n, due(-2));
  await invoice(eki.id, due(-70), 5_000n, { currency: 'JPY' });
  return { acme, beta, delta, eki };
}

const zero = { current: 0n, '1-30': 0n, '31-60': 0n, '61-90': 0n, '91+': 0n };

describeEachEngine('aging report', (engine) => {
  let database: Database;
  let orgId: bigint;
  let ids: Awaited<ReturnType<typeof buildPortfolio>>;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    ids = await buildPortfolio(database, orgId);
    // Another organisation's overdue invoice must never show.
    const other = await makeOrg(database);
    const stranger = await makeCustomer(database, other.org.id, { externalId: 'C-ACME', name: 'Acme Ltd', currency: 'GBP' });
    await makeInvoice(database, other.org.id, stranger.id, { dueDate: due(-10), total: 777_77n });
  });
  afterAll(() => database.close());

  it('buckets open, undisputed balances by days past due, per customer and currency', async () => {
    const report = await computeAging(database.db, orgId, asOf);
    expect(report.asOf).toBe(asOf);
    expect(report.buckets).toEqual(['current', '1-30', '31-60', '61-90', '91+']);
    expect(report.customers).toEqual([
      {
        id: String(ids.acme.id), externalId: 'C-ACME', name: 'Acme Ltd', currency: 'GBP',
        current: 300_00n, '1-30': 390_00n, '31-60': 620_00n, '61-90': 150_00n, '91+': 90_00n, total: 1550_00n, chaseable: 1250_00n,
      },
      { id: String(ids.beta.id), externalId: 'C-BETA', name: 'Beta plc', currency: 'GBP', ...zero, '1-30': 1234_56n, total: 1234_56n, chaseable: 1234_56n },
      { id: String(ids.eki.id), externalId: 'C-EKI', name: 'Eki KK', currency: 'JPY', ...zero, '31-60': 100_000n, '61-90': 5_000n, total: 105_000n, chaseable: 105_000n },
      { id: String(ids.delta.id), externalId: 'C-DELTA', name: 'Delta Inc', currency: 'USD', ...zero, current: 1000_00n, '91+': 250_00n, total: 1250_00n, chaseable: 250_00n },
      { id: String(ids.acme.id), externalId: 'C-ACME', name: 'Acme Ltd', currency: 'USD', ...zero, '1-30': 10_00n, total: 10_00n, chaseable: 10_00n },
      expect.objectContaining({ name: 'Alpha LLC', currency: 'USD', '1-30': 5_00n, total: 5_00n }), // a tie on total: by name
      expect.objectContaining({ name: 'Zeta LLC', currency: 'USD', '1-30': 5_00n, total: 5_00n }),
    ]);
  });

  it('totals each currency on its own, bucket by bucket', async () => {
    const report = await computeAging(database.db, orgId, asOf);
    expect(Object.keys(report.totals)).toEqual(['GBP', 'JPY', 'USD']);
    expect(report.totals).toEqual({
      GBP: { current: 300_00n, '1-30': 1624_56n, '31-60': 620_00n, '61-90': 150_00n, '91+': 90_00n, total: 2784_56n, chaseable: 2484_56n },
      JPY: { ...zero, '31-60': 100_000n, '61-90': 5_000n, total: 105_000n, chaseable: 105_000n },
      USD: { ...zero, current: 1000_00n, '1-30': 20_00n, '91+': 250_00n, total: 1270_00n, chaseable: 270_00n },
    });
  });

  it('moves every boundary by a day when aged a day earlier, and leaves out what was not yet issued', async () => {
    const report = await computeAging(database.db, orgId, addDays(asOf, -1));
    const acmeGbp = report.customers.find((row) => row.externalId === 'C-ACME' && row.currency === 'GBP');
    // due yesterday is now due today (current); 30 → 29, 31 → 30, 60 → 59, 61 → 60, 90 → 89, 91 → 90 days
    expect(acmeGbp).toMatchObject({ current: 600_00n, '1-30': 340_00n, '31-60': 440_00n, '61-90': 170_00n, '91+': 0n, total: 1550_00n });
  });

  it('is empty for an organisation with nothing open, and refuses a malformed date', async () => {
    const empty = await makeOrg(database);
    expect(await computeAging(database.db, empty.org.id, asOf)).toEqual({ asOf, buckets: ['current', '1-30', '31-60', '61-90', '91+'], totals: {}, customers: [] });
    await expect(computeAging(database.db, orgId, '2026-02-30')).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('keeps every digit of amounts too large for a float', async () => {
    const { org } = await makeOrg(database);
    const whale = await makeCustomer(database, org.id, { externalId: 'C-WHALE', name: 'Whale Bank', currency: 'IDR' });
    await makeInvoice(database, org.id, whale.id, { dueDate: due(-40), issueDate: due(-70), total: 12_345_678_901_234_567n, currency: 'IDR' });
    const disputed = await makeInvoice(database, org.id, whale.id, { dueDate: due(-40), issueDate: due(-70), total: 9_007_199_254_740_993n, currency: 'IDR' });
    await makeDispute(database, disputed, { amount: 1n });
    const report = await computeAging(database.db, org.id, asOf);
    expect(report.customers).toEqual([
      { id: String(whale.id), externalId: 'C-WHALE', name: 'Whale Bank', currency: 'IDR', ...zero, '31-60': 21_352_878_155_975_559n, total: 21_352_878_155_975_559n, chaseable: 21_352_878_155_975_559n },
    ]);
  });

  it('shows beside the buckets what is being chased: nothing held, promised or disputed, only what is overdue', async () => {
    const { org } = await makeOrg(database);
    const make = (externalId: string) => makeCustomer(database, org.id, { externalId, name: externalId });
    const holdOn = async (customerId: bigint, invoiceId: bigint | null, startsOn: string, extra: { endsOn?: string; releasedOn?: string } = {}) =>
      database.db.insertInto('holds').values({ org_id: org.id, customer_id: customerId, invoice_id: invoiceId, reason: 'test', starts_on: startsOn, ends_on: extra.endsOn ?? null, released_on: extra.releasedOn ?? null, created_by: 'test' }).execute();
    const plain = await make('PLAIN');
    await makeInvoice(database, org.id, plain.id, { dueDate: due(-10), total: 100_00n });
    await makeInvoice(database, org.id, plain.id, { dueDate: due(5), issueDate: due(-25), total: 40_00n }); // not yet due: owed, not chased
    const parts = await make('PARTS');
    const heldInvoice = await makeInvoice(database, org.id, parts.id, { dueDate: due(-10), total: 100_00n });
    await holdOn(parts.id, heldInvoice.id, due(-3));
    const partly = await makeInvoice(database, org.id, parts.id, { dueDate: due(-10), total: 100_00n });
    await makeDispute(database, partly, { amount: 30_00n });
    const ended = await makeInvoice(database, org.id, parts.id, { dueDate: due(-10), total: 100_00n });
    await holdOn(parts.id, ended.id, due(-9), { endsOn: due(-1) }); // over: chased again
    const released = await makeInvoice(database, org.id, parts.id, { dueDate: due(-10), total: 100_00n });
    await holdOn(parts.id, released.id, due(-9), { releasedOn: asOf }); // released today: chased again today
    const held = await make('HELD');
    await makeInvoice(database, org.id, held.id, { dueDate: due(-10), total: 100_00n });
    await holdOn(held.id, null, due(-2));
    const promised = await make('PROMISED');
    await makeInvoice(database, org.id, promised.id, { dueDate: due(-10), total: 100_00n });
    await database.db.insertInto('promises').values({ org_id: org.id, customer_id: promised.id, made_on: due(-1), due_on: due(5), amount: 100_00n, currency: 'GBP', created_by: 'test' }).execute();

    const report = await computeAging(database.db, org.id, asOf);
    const row = (externalId: string) => report.customers.find((r) => r.externalId === externalId);
    expect(row('PLAIN')).toMatchObject({ total: 140_00n, chaseable: 100_00n });
    expect(row('PARTS')).toMatchObject({ total: 370_00n, chaseable: 270_00n });
    expect(row('HELD')).toMatchObject({ total: 100_00n, chaseable: 0n });
    expect(row('PROMISED')).toMatchObject({ total: 100_00n, chaseable: 0n });
    expect(report.totals.GBP).toMatchObject({ total: 710_00n, chaseable: 370_00n });
  });

  it('runs inside a caller’s transaction and leaves its settings as they were', async () => {
    await database.db.transaction().execute(async (tx) => {
      // the report changes these planner settings for itself (src/db/queries/aging.ts)
      const settings = () => sql<Record<string, string>>`select current_setting('jit') as jit, current_setting('random_page_cost') as rpc, current_setting('parallel_tuple_cost') as ptc`.execute(tx);
      await sql`set local random_page_cost = 3.5`.execute(tx);
      const before = (await settings()).rows[0];
      const report: AgingReport = await computeAging(tx, orgId, asOf);
      expect(report.totals.GBP?.total).toBe(2784_56n);
      expect((await settings()).rows[0]).toEqual(before);
      expect(before?.rpc).toBe('3.5');
    });
  });
});

describe('arrears aging (CLI, embedded database)', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    const database = await openDatabase({ engine: 'pglite', dataDir });
    try {
      const { org } = await createOrg(database.db, { name: 'Cli Aging', currency: 'GBP', timeZone: 'Europe/London', ownerEmail: 'o@aging.test' });
      await buildPortfolio(database, org.id);
    } finally {
      await database.close();
    }
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints the report as JSON with exact minor units and ids as strings', async () => {
    const result = await runCli(['--data', dataDir, 'aging', '--as-of', asOf, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.asOf).toBe(asOf);
    expect(report.buckets).toEqual(['current', '1-30', '31-60', '61-90', '91+']);
    expect(report.totals).toEqual({
      GBP: { current: 30000, '1-30': 162456, '31-60': 62000, '61-90': 15000, '91+': 9000, total: 278456, chaseable: 248456 },
      JPY: { current: 0, '1-30': 0, '31-60': 100000, '61-90': 5000, '91+': 0, total: 105000, chaseable: 105000 },
      USD: { current: 100000, '1-30': 2000, '31-60': 0, '61-90': 0, '91+': 25000, total: 127000, chaseable: 27000 },
    });
    expect(report.customers[0]).toEqual({
      id: expect.stringMatching(/^\d+$/), externalId: 'C-ACME', name: 'Acme Ltd', currency: 'GBP',
      current: 30000, '1-30': 39000, '31-60': 62000, '61-90': 15000, '91+': 9000, total: 155000, chaseable: 125000,
    });
  });

  it('prints readable tables per currency, then the totals', async () => {
    const result = await runCli(['--data', dataDir, 'aging', '--as-of', asOf]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Aging as of ${asOf}`);
    expect(result.stdout).toMatch(/Acme Ltd\s+C-ACME\s+£300\.00\s+£390\.00\s+£620\.00\s+£150\.00\s+£90\.00\s+£1,550\.00/);
    expect(result.stdout).toMatch(/Eki KK\s+C-EKI\s+JP¥0\s+JP¥0\s+JP¥100,000\s+JP¥5,000\s+JP¥0\s+JP¥105,000/);
    expect(result.stdout).toMatch(/Totals\n(.*\n){2}GBP\s+£300\.00\s+£1,624\.56/);
  });

  it('refuses an invalid --as-of with exit code 2 and names the option', async () => {
    const result = await runCli(['--data', dataDir, 'aging', '--as-of', '2026-02-30']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--as-of');
    expect(result.stderr).toContain('2026-02-30');
    expect(result.stdout).toBe('');
  });
});
