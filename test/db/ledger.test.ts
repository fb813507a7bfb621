import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeCustomer, makeInvoice, makeOrg } from '../support/fixtures.ts';

describeEachEngine('ledger', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('keeps the invoice balance as total + charges − allocations and marks it paid when settled', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id);
    const invoice = await makeInvoice(database, org.id, customer.id, { dueDate: '2026-10-01', total: 100_00n });
    const payment = await database.db
      .insertInto('payments')
      .values({ org_id: org.id, customer_id: customer.id, external_id: null, received_on: '2026-10-05', amount: 100_00n, currency: 'GBP', method: null, reference: null, import_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('charges')
      .values({ org_id: org.id, invoice_id: invoice.id, kind: 'fee', amount: 40_00n, charged_on: '2026-10-02', calculation: '{}' })
      .execute();
    await database.db
      .insertInto('allocations')
      .values([
        { org_id: org.id, invoice_id: invoice.id, payment_id: payment.id, credit_note_id: null, amount: 60_00n, allocated_on: '2026-10-05' },
        { org_id: org.id, invoice_id: invoice.id, payment_id: payment.id, credit_note_id: null, amount: 40_00n, allocated_on: '2026-10-06' },
      ])
      .execute();
    let row = await database.db.selectFrom('invoices').selectAll().where('id', '=', invoice.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ total: 100_00n, charged: 40_00n, allocated: 100_00n, balance: 40_00n, status: 'open', paid_on: null });
    const second = await database.db
      .insertInto('payments')
      .values({ org_id: org.id, customer_id: customer.id, external_id: null, received_on: '2026-10-09', amount: 40_00n, currency: 'GBP', method: null, reference: null, import_id: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('allocations')
      .values({ org_id: org.id, invoice_id: invoice.id, payment_id: second.id, credit_note_id: null, amount: 40_00n, allocated_on: '2026-10-09' })
      .execute();
    row = await database.db.selectFrom('invoices').selectAll().where('id', '=', invoice.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ balance: 0n, status: 'paid', paid_on: '2026-10-09' });
    const paymentRow = await database.db.selectFrom('payments').select('allocated').where('id', '=', payment.id).executeTakeFirstOrThrow();
    expect(paymentRow.allocated).toBe(100_00n);
  });

  it('refuses to edit or delete allocations, charges and activities', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id);
    const invoice = await makeInvoice(database, org.id, customer.id, { dueDate: '2026-10-01', total: 100_00n });
    await database.db
      .insertInto('charges')
      .values({ org_id: org.id, invoice_id: invoice.id, kind: 'fee', amount: 5_00n, charged_on: '2026-10-02', calculation: '{}' })
      .execute();
    await expect(database.db.updateTable('charges').set({ amount: 1n }).where('org_id', '=', org.id).execute()).rejects.toThrow(/append-only/);
    await expect(database.db.deleteFrom('charges').where('org_id', '=', org.id).execute()).rejects.toThrow(/append-only/);
  });

  it('cannot point a row of one organisation at another organisation’s customer', async () => {
    const a = await makeOrg(database);
    const b = await makeOrg(database);
    const customerOfA = await makeCustomer(database, a.org.id);
    await expect(makeInvoice(database, b.org.id, customerOfA.id, { dueDate: '2026-10-01', total: 1n })).rejects.toThrow(/foreign key/);
  });
});
