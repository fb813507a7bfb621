// Today's stored ledger figures (migration 0026, src/app/reports/compute-dashboard.ts): the
// aging totals computed without the customers' rows equal the aging report's; a stored figure is
// served only until something it comes from is written, so a payment, a dispute, a hold or a
// charge shows on the very next load; and every table the figures read carries the trigger that
// says so.
import { CompiledQuery, sql, type KyselyPlugin, type RootOperationNode } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { placeHold } from '../../src/app/pauses/place-hold.ts';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import { computeDashboard, computeLedgerFigures } from '../../src/app/reports/compute-dashboard.ts';
import type { Database } from '../../src/db/engine.ts';
import { agingTotals } from '../../src/db/queries/aging.ts';
import { saveDashboardFigures } from '../../src/db/queries/dashboard-figures.ts';
import { addDays } from '../../src/domain/calendar.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCharge, makeCustomer, makeDispute, makeInvoice, makeOrg } from '../support/fixtures.ts';

const today = '2026-11-23';
const due = (days: number) => addDays(today, days);

describeEachEngine('Today’s stored figures', (engine) => {
  let database: Database;
  let orgId: bigint;
  let acme: { id: bigint };
  let open: { id: bigint; org_id: bigint; customer_id: bigint; currency: string };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    const invoice = (customerId: bigint, dueDate: string, total: bigint, currency = 'GBP') =>
      makeInvoice(database, orgId, customerId, { dueDate, total, issueDate: addDays(dueDate, -30), currency });
    acme = await makeCustomer(database, orgId, { name: 'Acme' });
    open = await invoice(acme.id, due(-40), 500_00n);
    await invoice(acme.id, due(5), 120_00n);
    await makeDispute(database, await invoice(acme.id, due(-10), 300_00n), { amount: 100_00n });
    await invoice(acme.id, due(-100), 70_00n, 'USD');
    // disputed whole: the customer's row comes to nothing and drops out, as in the report
    const gone = await makeCustomer(database, orgId, { name: 'Gone' });
    await makeDispute(database, await invoice(gone.id, due(-20), 80_00n, 'CHF'), { amount: null });
    // another organisation's ledger is not in these figures
    const other = (await makeOrg(database)).org.id;
    await makeInvoice(database, other, (await makeCustomer(database, other)).id, { dueDate: due(-5), total: 999_00n });
  });

  afterAll(async () => {
    await database?.close();
  });

  /** The dashboard's ledger figures as served, and as computed from the ledger now (never read back). */
  const served = async () => {
    const { currencies, trend } = await computeDashboard(database.db, { id: orgId }, today);
    return { totals: Object.fromEntries(currencies.map((c) => [c.currency, c.aging])), trend };
  };
  const fresh = () => computeLedgerFigures(database.db, orgId, today);

  it('gives the aging report’s totals per currency without reading its rows', async () => {
    const report = await computeAging(database.db, orgId, today);
    const totals = await agingTotals(database.db, orgId, today);
    expect(totals).toEqual(report.totals);
    // the wholly disputed CHF invoice leaves no currency behind
    expect(Object.keys(totals)).toEqual(['GBP', 'USD']);
    expect(totals.GBP).toMatchObject({ current: 120_00n, '1-30': 200_00n, '31-60': 500_00n, total: 820_00n });
  });

  it('serves the stored figures until a row they come from is written, then the new ones at once', async () => {
    expect(await served()).toEqual(await fresh());
    const stored = await sql<{ n: number }>`select count(*)::int as n from dashboard_figures where org_id = ${orgId}`.execute(database.db);
    expect(stored.rows[0]!.n).toBe(1);
    // read back, not recomputed: the stored text is what is served
    await sql`update dashboard_figures set figures = replace(figures, '"82000"', '"1"') where org_id = ${orgId}`.execute(database.db);
    const tampered = await computeDashboard(database.db, { id: orgId }, today);
    expect(tampered.currencies.find((c) => c.currency === 'GBP')!.owed).toBe(1n);
    await sql`update dashboard_figures set figures = replace(figures, '"1"', '"82000"') where org_id = ${orgId}`.execute(database.db);

    const writes: Array<[string, () => Promise<unknown>]> = [
      ['a payment recorded', () => recordPayment(database.db, orgId, { customerId: acme.id, receivedOn: today, amount: 200_00n, allocations: [{ invoiceId: open.id, amount: 200_00n }], actor: 'test', now: instantOn(today) })],
      ['a dispute opened', () => makeDispute(database, open, { amount: 50_00n })],
      ['a hold placed', () => placeHold(database.db, orgId, { customerId: acme.id, invoiceId: open.id, reason: 'waiting for the insurer', today, now: instantOn(today), actor: 'test' })],
      ['a charge added', () => makeCharge(database, open, 15_00n, due(-1))],
    ];
    let before = await served();
    for (const [what, write] of writes) {
      await write();
      const after = await served();
      expect(after, what).toEqual(await fresh());
      expect(after, what).not.toEqual(before);
      before = after;
    }
    // 820.00 − 200.00 paid + 15.00 charged, of which 50.00 now disputed: 585.00
    expect(before.totals.GBP!.total).toBe(585_00n);
    expect(before.totals.GBP!.chaseable).toBe(200_00n); // only the partly disputed invoice: the other is held
  });

  it('keeps the newer figures when figures from an older snapshot come to be stored', async () => {
    const now = await computeDashboard(database.db, { id: orgId }, today);
    const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(seen)::text as xmin from dashboard_figures where org_id = ${orgId}`.execute(database.db);
    const older = BigInt(rows[0]!.xmin) - 1n;
    await saveDashboardFigures(database.db, orgId, today, `${older}:${older}:`, '{}');
    expect(await computeDashboard(database.db, { id: orgId }, today)).toEqual(now);
  });

  it('notes a write on every table the figures are computed from', async () => {
    // every statement the stored figures run, as compiled, then the tables in each one's plan
    const statements: CompiledQuery[] = [];
    const executor = database.db.getExecutor();
    const recorder: KyselyPlugin = {
      transformQuery: ({ node, queryId }): RootOperationNode => {
        statements.push(executor.compileQuery(node, queryId));
        return node;
      },
      transformResult: async ({ result }) => result,
    };
    await computeLedgerFigures(database.db.withPlugin(recorder), orgId, today);
    const read = new Set<string>();
    const walk = (plan: { 'Relation Name'?: string; Plans?: unknown[] }) => {
      if (plan['Relation Name']) read.add(plan['Relation Name']);
      for (const child of plan.Plans ?? []) walk(child as typeof plan);
    };
    for (const statement of statements) {
      const { rows } = await database.db.executeQuery<{ 'QUERY PLAN': unknown }>(CompiledQuery.raw(`explain (format json) ${statement.sql}`, [...statement.parameters]));
      const cell = rows[0]!['QUERY PLAN'];
      walk(((typeof cell === 'string' ? JSON.parse(cell) : cell) as Array<{ Plan: Parameters<typeof walk>[0] }>)[0]!.Plan);
    }
    expect([...read]).toEqual(expect.arrayContaining(['invoices', 'allocations', 'charges', 'disputes', 'holds']));
    const { rows } = await sql<{ table_name: string; events: string }>`
      select event_object_table as table_name, string_agg(distinct event_manipulation, ',' order by event_manipulation) as events
        from information_schema.triggers
       where action_statement like '%note_ledger_change%'
       group by event_object_table`.execute(database.db);
    const noted = new Map(rows.map((row) => [row.table_name, row.events]));
    for (const table of read) expect(noted.get(table), `writes to ${table} must make the stored figures stale`).toBe('DELETE,INSERT,UPDATE');
  });
});
