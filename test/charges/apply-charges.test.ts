// applyCharges against real databases: ledger entries with calculations, the balance through the
// trigger, idempotency, recalculation after payments, who is never charged, organisation rates and
// tenant isolation.
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { addReferenceRate } from '../../src/app/charges/add-reference-rate.ts';
import { Readable } from 'node:stream';
import { applyCharges, chargeKey } from '../../src/app/charges/apply-charges.ts';
import { importFile } from '../../src/app/import/import-file.ts';
import { previewCharges } from '../../src/app/charges/preview-charges.ts';
import { setChargesLiable } from '../../src/app/charges/set-charges-liable.ts';
import { setCustomerChargePolicy, setOrgChargePolicy } from '../../src/app/charges/set-charge-policy.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeDispute, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';

describeEachEngine('applyCharges', (engine) => {
  let database: Database;
  let orgId: bigint;

  beforeAll(async () => {
    database = await openTestDatabase(engine);
    orgId = (await makeOrg(database)).org.id;
    await setOrgChargePolicy(database.db, orgId, { type: 'uk_late_payment' });
  });
  afterAll(() => database?.close());

  /** The running example: £10,000 due 2026-01-31, £4,000 paid 2026-03-02. */
  async function example(inOrg = orgId, kind: 'business' | 'consumer' = 'business') {
    const customer = await makeCustomer(database, inOrg, { kind });
    const invoice = await makeInvoice(database, inOrg, customer.id, { dueDate: '2026-01-31', total: 10_000_00n });
    await makePayment(database, invoice, 4_000_00n, '2026-03-02');
    return { customer, invoice };
  }

  const ledger = (invoiceId: bigint) =>
    database.db.selectFrom('charges').select(['kind', 'amount', 'charged_on', 'calculation', 'idempotency_key']).where('org_id', '=', orgId).where('invoice_id', '=', invoiceId).orderBy('id').execute();
  const invoiceRow = (id: bigint) => database.db.selectFrom('invoices').select(['total', 'charged', 'allocated', 'balance', 'status']).where('id', '=', id).executeTakeFirstOrThrow();

  it('adds interest and compensation as ledger entries with their calculation; the balance follows, the total does not change', async () => {
    const { customer, invoice } = await example();
    const result = await applyCharges(database.db, orgId, [{ customerId: customer.id, invoiceIds: [invoice.id], date: '2026-04-30', key: 'action:demand-1' }]);
    // 650,000 pound-days × 11.75% / 365 = £209.25; £100 compensation (debt of £10,000)
    expect(result).toEqual({ created: 2, total: { GBP: 309_25n }, skipped: [] });
    const entries = await ledger(invoice.id);
    expect(entries.map((e) => [e.kind, e.amount, e.charged_on, e.idempotency_key])).toEqual([
      ['interest', 209_25n, '2026-04-30', chargeKey('action:demand-1', invoice.id, 'interest')],
      ['compensation', 100_00n, '2026-04-30', chargeKey('action:demand-1', invoice.id, 'compensation')],
    ]);
    expect(entries[0]!.calculation).toMatchObject({ accrued: '209.25', periods: [{ days: 29, principal: '10000.00' }, { days: 60, principal: '6000.00' }] });
    expect(await invoiceRow(invoice.id)).toEqual({ total: 10_000_00n, charged: 309_25n, allocated: 4_000_00n, balance: 6_309_25n, status: 'open' });
  });

  it('counts what the accounting system had collected before the import (opening paid) like a payment on that day', async () => {
    const file = [
      'Invoice Number,Customer ID,Customer,Invoice Date,Due Date,Currency,Total,Amount Paid,Paid Date,Status',
      'OP-1,OPENING-1,Opening Paid Ltd,2026-01-01,2026-01-31,GBP,10000.00,4000.00,2026-03-02,Authorised',
    ].join('\n');
    const imported = await importFile(database.db, {
      orgId, kind: 'invoices', format: 'generic', fileName: 'opening.csv', source: Readable.from([file]), today: '2026-04-01', at: Temporal.Instant.from('2026-04-01T12:00:00Z'), currency: 'GBP',
    });
    expect(imported).toMatchObject({ status: 'completed', counts: { openingPaid: 1, paymentsRecorded: 0 } });
    const invoice = await database.db.selectFrom('invoices').select(['id', 'customer_id']).where('org_id', '=', orgId).where('number', '=', 'OP-1').executeTakeFirstOrThrow();
    const result = await applyCharges(database.db, orgId, [{ customerId: invoice.customer_id, invoiceIds: [invoice.id], date: '2026-04-30', key: 'opening' }]);
    // The running example's figures: £4,000 of the £10,000 paid on 2026-03-02.
    expect(result).toEqual({ created: 2, total: { GBP: 309_25n }, skipped: [] });
    expect((await ledger(invoice.id))[0]!.calculation).toMatchObject({ periods: [{ days: 29, principal: '10000.00' }, { days: 60, principal: '6000.00' }] });
  });

  it('charges nothing twice for the same key, even on a later day', async () => {
    const { customer, invoice } = await example();
    const request = { customerId: customer.id, invoiceIds: [invoice.id], date: '2026-04-30', key: 'action:again' };
    expect((await applyCharges(database.db, orgId, [request])).created).toBe(2);
    const same = await applyCharges(database.db, orgId, [request]);
    expect(same.created).toBe(0);
    expect(same.skipped.map((s) => s.reason)).toEqual([
      `invoice ${invoice.number}: no interest has accrued since the interest already charged`,
      `invoice ${invoice.number} already has a compensation (charged once per invoice)`,
    ]);
    const later = await applyCharges(database.db, orgId, [{ ...request, date: '2026-05-15' }]);
    expect(later.created).toBe(0);
    expect(later.skipped.map((s) => s.reason)).toContain(`the interest on invoice ${invoice.number} was already applied under ${chargeKey('action:again', invoice.id, 'interest')}`);
    expect((await invoiceRow(invoice.id)).charged).toBe(309_25n);
  });

  it('charges only the newly accrued interest at a later step, after a partial payment', async () => {
    const { customer, invoice } = await example();
    await applyCharges(database.db, orgId, [{ customerId: customer.id, invoiceIds: [invoice.id], date: '2026-04-30', key: 'step:1' }]);
    await makePayment(database, invoice, 6_000_00n, '2026-05-10');
    const result = await applyCharges(database.db, orgId, [{ customerId: customer.id, invoiceIds: [invoice.id], date: '2026-05-31', key: 'step:2' }]);
    // accrued to 31 May on the payment history = 82,720 / 365 = £226.63; £209.25 already charged → £17.38
    expect(result.created).toBe(1);
    expect(result.total).toEqual({ GBP: 17_38n });
    const entries = await ledger(invoice.id);
    expect(entries.at(-1)!.calculation).toMatchObject({ accrued: '226.63', alreadyCharged: '209.25', charge: '17.38' });
    // what is left is the charges: £10,000 + £326.63 − £10,000
    expect(await invoiceRow(invoice.id)).toMatchObject({ charged: 326_63n, balance: 326_63n, status: 'open' });
  });

  it('skips a consumer not marked liable, and statutory schemes for any consumer, with the reason', async () => {
    const { customer, invoice } = await example(orgId, 'consumer');
    const request = { customerId: customer.id, invoiceIds: [invoice.id], date: '2026-04-30', key: 'consumer:1' };
    expect(await applyCharges(database.db, orgId, [request])).toEqual({
      created: 0,
      total: {},
      skipped: [{ customerId: customer.id, reason: 'consumer debt: charges are applied only to a consumer marked as contractually liable for them (charges_liable)' }],
    });
    await setChargesLiable(database.db, orgId, customer.external_id, true);
    const statutory = await applyCharges(database.db, orgId, [request]);
    expect(statutory.created).toBe(0);
    expect(statutory.skipped[0]!.reason).toMatch(/business debts only/);
    await setCustomerChargePolicy(database.db, orgId, customer.external_id, { type: 'fixed_fee', amounts: { GBP: '25.00' } });
    expect(await applyCharges(database.db, orgId, [{ ...request, key: 'consumer:2' }])).toMatchObject({ created: 1, total: { GBP: 25_00n } });
    await expect(setCustomerChargePolicy(database.db, orgId, customer.external_id, { type: 'eu_late_payment' })).rejects.toThrow(/consumer: .*business debts only/);
  });

  it('skips disputed and settled invoices', async () => {
    const { customer, invoice } = await example();
    await makeDispute(database, invoice, { amount: null });
    const paid = await makeInvoice(database, orgId, customer.id, { dueDate: '2026-01-31', total: 100_00n });
    await makePayment(database, paid, 100_00n, '2026-02-05');
    const result = await applyCharges(database.db, orgId, [{ customerId: customer.id, invoiceIds: [invoice.id, paid.id], date: '2026-04-30', key: 'mixed' }]);
    expect(result.created).toBe(0);
    expect(result.skipped.map((s) => [s.invoiceId, s.reason])).toEqual([
      [invoice.id, `invoice ${invoice.number} has an open dispute`],
      [paid.id, `invoice ${paid.number} is paid, not open`],
    ]);
  });

  it("uses the organisation's reference rate over the shipped one", async () => {
    const own = (await makeOrg(database)).org.id;
    await setOrgChargePolicy(database.db, own, { type: 'uk_late_payment' });
    await addReferenceRate(database.db, own, { scheme: 'uk_late_payment', from: '2026-01-01', rate: '4.00', source: 'test: our own figure' });
    const { customer, invoice } = await example(own);
    const result = await applyCharges(database.db, own, [{ customerId: customer.id, invoiceIds: [invoice.id], date: '2026-04-30', key: 'rates' }]);
    // 650,000 × 12% / 365 = £213.70 (instead of £209.25 at the shipped 3.75%)
    expect(result.total).toEqual({ GBP: 213_70n + 100_00n });
    const [interest] = await database.db.selectFrom('charges').select('calculation').where('org_id', '=', own).where('kind', '=', 'interest').execute();
    expect(JSON.stringify(interest!.calculation)).toContain('reference rate 4.00% for the half-year from 2026-01-01 + 8 (organisation: test: our own figure)');
  });

  it("never charges another organisation's invoice, whatever ids are passed", async () => {
    const other = (await makeOrg(database)).org.id;
    await setOrgChargePolicy(database.db, other, { type: 'uk_late_payment' });
    const theirs = await example(other);
    const ours = await example();
    const result = await applyCharges(database.db, orgId, [
      { customerId: theirs.customer.id, invoiceIds: [theirs.invoice.id], date: '2026-04-30', key: 'x:1' },
      { customerId: ours.customer.id, invoiceIds: [theirs.invoice.id], date: '2026-04-30', key: 'x:2' },
    ]);
    expect(result.created).toBe(0);
    expect(result.skipped).toEqual([
      { customerId: theirs.customer.id, reason: 'there is no such customer in this organisation' },
      { customerId: ours.customer.id, invoiceId: theirs.invoice.id, reason: `invoice ${theirs.invoice.id} is not an invoice of this customer in this organisation` },
    ]);
    expect((await invoiceRow(theirs.invoice.id)).charged).toBe(0n);
    expect(await database.db.selectFrom('charges').select('id').where('invoice_id', '=', theirs.invoice.id).execute()).toEqual([]);
  });

  it('charges a batch of customers in one call and runs inside the caller’s transaction', async () => {
    const a = await example();
    const b = await example();
    const result = await database.db.transaction().execute((tx) =>
      applyCharges(tx, orgId, [
        { customerId: a.customer.id, invoiceIds: [a.invoice.id], date: '2026-04-30', key: 'batch:a' },
        { customerId: b.customer.id, invoiceIds: [b.invoice.id, b.invoice.id], date: '2026-03-31', key: 'batch:b' },
      ]),
    );
    // b to 31 March: 29 days × £10,000 + 30 days × £6,000 = 470,000 × 11.75% / 365 = 55,225 / 365 = £151.30
    expect(result.created).toBe(4);
    expect(result.total).toEqual({ GBP: 209_25n + 100_00n + 151_30n + 100_00n });
    expect(result.skipped).toEqual([{ customerId: b.customer.id, invoiceId: b.invoice.id, reason: `invoice ${b.invoice.number} was already charged in this run` }]);
  });

  it.runIf(engine === 'postgres')('charges accrued interest once when two runs with different keys race on one invoice', async () => {
    const { customer, invoice } = await example();
    const run = (key: string) => database.db.transaction().execute((tx) => applyCharges(tx, orgId, [{ customerId: customer.id, invoiceIds: [invoice.id], date: '2026-04-30', key }]));
    const results = await Promise.all([run('race:a'), run('race:b')]);
    // the second waits for the first's row lock, then sees its charges: nothing left to add
    expect(results.map((r) => r.created).sort()).toEqual([0, 2]);
    expect((await invoiceRow(invoice.id)).charged).toBe(309_25n);
  });

  it('previews what would be charged without writing anything', async () => {
    const { customer, invoice } = await example();
    const preview = await previewCharges(database.db, orgId, customer.external_id, '2026-04-30');
    expect(preview).toMatchObject({
      customer: { externalId: customer.external_id },
      policy: { type: 'uk_late_payment', origin: 'organisation' },
      total: { GBP: 309_25n },
      skipped: [],
    });
    expect(preview.charges.map((c) => [c.invoiceNumber, c.kind, c.amount])).toEqual([
      [invoice.number, 'interest', 209_25n],
      [invoice.number, 'compensation', 100_00n],
    ]);
    expect(await ledger(invoice.id)).toEqual([]);
  });
});
