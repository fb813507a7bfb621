// Today's completed months kept apart (migration 0029, docs/kpis.md "What a write recomputes"): a
// write dated in the current month (a payment, a charge, a new invoice, a dispute) leaves the
// stored months in place and the figures shown are still exactly those computed from the whole
// ledger; a write that reaches back (a back-dated payment, a voided old invoice, a write-off) has
// the months computed again.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { writeOffInvoice } from '../../src/app/arrangements/write-off-invoice.ts';
import { recordPayment } from '../../src/app/ledger/record-payment.ts';
import { computeDashboard, computeLedgerFigures } from '../../src/app/reports/compute-dashboard.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCharge, makeCustomer, makeDispute, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

const today = '2026-11-23';

describeEachEngine('Today’s completed months', (engine) => {
  let database: Database;
  let orgId: bigint;
  let acme: { id: bigint };
  let june: { id: bigint; org_id: bigint; customer_id: bigint; currency: string };
  let september: { id: bigint; org_id: bigint; customer_id: bigint; currency: string };

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    acme = await makeCustomer(database, orgId, { name: 'Acme' });
    june = await makeInvoice(database, orgId, acme.id, { issueDate: '2026-06-10', dueDate: '2026-07-10', total: 1000_00n });
    september = await makeInvoice(database, orgId, acme.id, { issueDate: '2026-09-05', dueDate: '2026-10-05', total: 2000_00n });
    await makePayment(database, september, 500_00n, '2026-09-20');
    // issued this month and not yet due: the current month's sales and not-yet-due part, with a
    // payment dated before it was issued (counted from the issue date)
    const november = await makeInvoice(database, orgId, acme.id, { issueDate: '2026-11-02', dueDate: '2026-12-02', total: 300_00n });
    await makePayment(database, november, 30_00n, '2026-10-28');
    // what the current month reads of earlier invoices: an opening paid amount and a write-off dated in it
    const october = await makeInvoice(database, orgId, acme.id, { issueDate: '2026-10-20', dueDate: '2026-11-19', total: 600_00n });
    await sql`update invoices set opening_paid = 10000, opening_paid_on = '2026-11-05' where id = ${october.id}`.execute(database.db);
    const small = await makeInvoice(database, orgId, acme.id, { issueDate: '2026-10-01', dueDate: '2026-10-31', total: 20_00n });
    await writeOffInvoice(database.db, orgId, { invoiceId: small.id, reasonCode: 'uncollectable', role: 'owner', today: '2026-11-08', now: instantOn('2026-11-08'), actor: 'test' });
    await makeInvoice(database, orgId, acme.id, { issueDate: '2026-08-01', dueDate: '2026-08-31', total: 700_00n, currency: 'USD' });
    await makeInvoice(database, orgId, acme.id, { issueDate: '2025-12-15', dueDate: '2026-01-14', total: 400_00n });
  });

  afterAll(async () => {
    await database?.close();
  });

  const served = async () => {
    const { currencies, trend } = await computeDashboard(database.db, { id: orgId }, today);
    return { totals: Object.fromEntries(currencies.map((c) => [c.currency, c.aging])), trend };
  };
  const fresh = () => computeLedgerFigures(database.db, orgId, today);
  const pastComputedAt = async () => {
    const { rows } = await sql<{ at: string | null }>`select past_computed_at::text as at from dashboard_figures where org_id = ${orgId}`.execute(database.db);
    return rows[0]!.at;
  };
  const month = (figures: Awaited<ReturnType<typeof fresh>>, name: string) => figures.trend.find((m) => m.month === name)!;

  it('keeps the completed months through writes dated this month, and shows exactly the ledger’s figures', async () => {
    expect(await served()).toEqual(await fresh());
    const kept = await pastComputedAt();
    expect(kept).not.toBeNull();

    const writes: Array<[string, () => Promise<unknown>]> = [
      ['a payment today', () => recordPayment(database.db, orgId, { customerId: acme.id, receivedOn: today, amount: 250_00n, allocations: [{ invoiceId: june.id, amount: 250_00n }], actor: 'test', now: instantOn(today) })],
      ['a payment that pays an invoice off', () => recordPayment(database.db, orgId, { customerId: acme.id, receivedOn: '2026-11-20', amount: 1500_00n, allocations: [{ invoiceId: september.id, amount: 1500_00n }], actor: 'test', now: instantOn(today) })],
      ['a charge dated this month', () => makeCharge(database, june, 40_00n, '2026-11-10')],
      ['a dispute', () => makeDispute(database, june, { amount: 100_00n })],
      ['an invoice issued today', () => makeInvoice(database, orgId, acme.id, { issueDate: today, dueDate: '2026-12-23', total: 900_00n, currency: 'USD' })],
    ];
    let before = await served();
    for (const [what, write] of writes) {
      await write();
      const after = await served();
      expect(after, what).toEqual(await fresh());
      expect(after, what).not.toEqual(before);
      expect(await pastComputedAt(), what).toBe(kept);
      before = after;
    }
    const { rows } = await sql<{ status: string }>`select status from invoices where id = ${september.id}`.execute(database.db);
    expect(rows[0]!.status).toBe('paid');
  });

  it('computes the months again when a write reaches back into them', async () => {
    const writes: Array<[string, string, () => Promise<unknown>]> = [
      ['a payment received in September', '2026-09', () => recordPayment(database.db, orgId, { customerId: acme.id, receivedOn: '2026-09-25', amount: 100_00n, allocations: [{ invoiceId: june.id, amount: 100_00n }], actor: 'test', now: instantOn(today) })],
      ['an old invoice voided', '2026-01', () => sql`update invoices set status = 'void' where org_id = ${orgId} and issue_date = '2025-12-15'`.execute(database.db)],
      ['an invoice written off today', '2026-07', () => writeOffInvoice(database.db, orgId, { invoiceId: june.id, reasonCode: 'uncollectable', role: 'owner', today, now: instantOn(today), actor: 'test' })],
    ];
    let before = await served();
    for (const [what, touched, write] of writes) {
      const computedAt = await pastComputedAt();
      await write();
      const after = await served();
      expect(after, what).toEqual(await fresh());
      expect(month(after, touched), what).not.toEqual(month(before, touched));
      expect(await pastComputedAt(), what).not.toBe(computedAt);
      before = after;
    }
  });

  it('notes how far back each write reaches', async () => {
    const since = async (write: () => Promise<unknown>) => {
      await served();
      await write();
      const { rows } = await sql<{ since: string | null }>`
        select since::text as since from ledger_changes where org_id = ${orgId} order by xid desc limit 1`.execute(database.db);
      return rows[0]!.since;
    };
    const usd = await makeInvoice(database, orgId, acme.id, { issueDate: '2026-10-01', dueDate: '2026-10-31', total: 50_00n, currency: 'USD' });
    expect(await since(() => makeCharge(database, usd, 5_00n, '2026-11-03'))).toBe('2026-11-03');
    expect(await since(() => makeDispute(database, usd, { amount: null }))).toBeNull();
    expect(await since(() => sql`update invoices set updated_at = now() where id = ${usd.id}`.execute(database.db))).toBeNull();
    expect(await since(() => sql`update invoices set due_date = '2026-11-30' where id = ${usd.id}`.execute(database.db))).toBe('2026-10-01');
    expect(await since(() => makePayment(database, usd, 10_00n, '2026-10-15'))).toBe('2026-10-15');
  });
});
