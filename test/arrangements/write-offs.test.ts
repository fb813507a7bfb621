// Write-offs: by an owner with a reason code, out of aging and the chase, reversible by an owner
// with a reason, and exported as credit notes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exportWriteOffs } from '../../src/app/arrangements/export-write-offs.ts';
import { acceptPlan } from '../../src/app/arrangements/accept-plan.ts';
import { proposePlan } from '../../src/app/arrangements/propose-plan.ts';
import { reverseWriteOff } from '../../src/app/arrangements/reverse-write-off.ts';
import { writeOffInvoice } from '../../src/app/arrangements/write-off-invoice.ts';
import { computeAging } from '../../src/app/reports/compute-aging.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { instantOn, makeCustomer, makeInvoice, makeOrg, makePayment } from '../support/fixtures.ts';
import { activitiesOf, expectAppError } from '../pauses/support.ts';

const today = '2026-11-23';
const actor = 'user:1';

describeEachEngine('write-offs', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  it('an owner writes off the balance with a reason code: out of aging, on the timeline; an owner reverses it with a reason', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id, { externalId: 'W1', name: 'Gone Ltd' });
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'W1-1', dueDate: '2026-08-31', total: 500_00n });
    await makePayment(database, inv, 120_00n, '2026-09-15');
    await expectAppError(writeOffInvoice(database.db, org.id, { invoiceId: inv.id, reasonCode: 'bankrupt', role: 'collector', today, now: instantOn(today), actor }), 'forbidden', /needs the owner role/);
    await expectAppError(writeOffInvoice(database.db, org.id, { invoiceId: inv.id, reasonCode: 'other', role: 'owner', today, now: instantOn(today), actor }), 'invalid_input', /"other" needs a note/);
    await expectAppError(writeOffInvoice(database.db, org.id, { invoiceId: inv.id, reasonCode: 'lost', role: 'owner', today, now: instantOn(today), actor }), 'invalid_input', /"lost" is not a write-off reason code; use one of settlement, uncollectable/);

    const writeOff = await writeOffInvoice(database.db, org.id, { invoiceId: inv.id, reasonCode: 'bankrupt', note: 'administration closed', role: 'owner', today, now: instantOn(today), actor });
    expect(writeOff).toMatchObject({ invoice_number: 'W1-1', amount: 380_00n, currency: 'GBP', reason_code: 'bankrupt', written_off_on: today, created_by: actor, reversed_on: null });
    expect((await database.db.selectFrom('invoices').select('status').where('id', '=', inv.id).executeTakeFirstOrThrow()).status).toBe('written_off');
    expect((await computeAging(database.db, org.id, today)).customers.find((c) => c.id === String(customer.id))).toBeUndefined();
    expect((await activitiesOf(database, org.id, 'write_off'))[0]).toMatchObject({ customer_id: customer.id, summary: 'Invoice W1-1 written off: £380.00, customer bankrupt or insolvent: administration closed' });
    await expectAppError(writeOffInvoice(database.db, org.id, { invoiceId: inv.id, reasonCode: 'bankrupt', role: 'owner', today, now: instantOn(today), actor }), 'conflict', /is written off; only an open invoice/);

    await expectAppError(reverseWriteOff(database.db, org.id, { writeOffId: writeOff.id, reason: 'paid after all', role: 'collector', today, now: instantOn(today), actor }), 'forbidden', /owner role/);
    await expectAppError(reverseWriteOff(database.db, org.id, { writeOffId: writeOff.id, reason: ' ', role: 'owner', today, now: instantOn(today), actor }), 'invalid_input', /give the reason/);
    const reversed = await reverseWriteOff(database.db, org.id, { writeOffId: writeOff.id, reason: 'administrator paid a dividend', role: 'owner', today: '2026-11-30', now: instantOn('2026-11-30'), actor });
    expect(reversed).toMatchObject({ reversed_on: '2026-11-30', reversed_by: actor, reversal_reason: 'administrator paid a dividend' });
    expect((await database.db.selectFrom('invoices').select('status').where('id', '=', inv.id).executeTakeFirstOrThrow()).status).toBe('open');
    expect((await computeAging(database.db, org.id, '2026-11-30')).customers.find((c) => c.id === String(customer.id))).toMatchObject({ total: 380_00n });
    await expectAppError(reverseWriteOff(database.db, org.id, { writeOffId: writeOff.id, reason: 'again', role: 'owner', today, now: instantOn(today), actor }), 'conflict', /already reversed on 2026-11-30/);
  });

  it('refuses an invoice under a running payment plan', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id, { externalId: 'W2' });
    const inv = await makeInvoice(database, org.id, customer.id, { number: 'W2-1', dueDate: '2026-08-31', total: 100_00n });
    const { plan } = await proposePlan(database.db, org.id, { customerId: customer.id, invoiceIds: [inv.id], schedule: { kind: 'equal', instalments: 2, first: '2026-12-01', every: 'month' }, today, now: instantOn(today), actor });
    await acceptPlan(database.db, org.id, { planId: plan.id, role: 'owner', today, now: instantOn(today), actor });
    await expectAppError(writeOffInvoice(database.db, org.id, { invoiceId: inv.id, reasonCode: 'uncollectable', role: 'owner', today, now: instantOn(today), actor }), 'conflict', /under a running payment plan, a settlement on offer or an agency placement; cancel \(or recall\) that first/);
  });

  it('exports the standing write-offs of a period as credit notes, and needs the account for xero', async () => {
    const { org } = await makeOrg(database);
    const customer = await makeCustomer(database, org.id, { externalId: 'W3', name: 'Small Co' });
    const a = await makeInvoice(database, org.id, customer.id, { number: 'W3-1', dueDate: '2026-08-31', total: 12_50n });
    const b = await makeInvoice(database, org.id, customer.id, { number: 'W3-2', dueDate: '2026-08-31', total: 30_00n });
    const c = await makeInvoice(database, org.id, customer.id, { number: 'W3-3', dueDate: '2026-08-31', total: 40_00n });
    const first = await writeOffInvoice(database.db, org.id, { invoiceId: a.id, reasonCode: 'small-balance', role: 'owner', today: '2026-11-02', now: instantOn('2026-11-02'), actor });
    const second = await writeOffInvoice(database.db, org.id, { invoiceId: b.id, reasonCode: 'uncollectable', role: 'owner', today: '2026-11-03', now: instantOn('2026-11-03'), actor });
    await writeOffInvoice(database.db, org.id, { invoiceId: c.id, reasonCode: 'uncollectable', role: 'owner', today: '2026-12-01', now: instantOn('2026-12-01'), actor }); // outside the period
    await reverseWriteOff(database.db, org.id, { writeOffId: second.id, reason: 'mistake', role: 'owner', today: '2026-11-04', now: instantOn('2026-11-04'), actor });

    const xero = await exportWriteOffs(database.db, org.id, { from: '2026-11-01', to: '2026-11-30', format: 'xero', account: '684', taxType: 'No VAT' });
    expect(xero.count).toBe(1);
    expect(xero.text).toBe(
      '*ContactName,*CreditNoteNumber,Reference,*CreditNoteDate,*Description,*Quantity,*UnitAmount,*AccountCode,*TaxType,Currency\r\n' +
        `Small Co,WO-${first.id},W3-1,02/11/2026,Write-off of invoice W3-1: balance too small to pursue,1,12.50,684,No VAT,GBP\r\n`,
    );
    await expectAppError(exportWriteOffs(database.db, org.id, { from: '2026-11-01', to: '2026-11-30', format: 'quickbooks' }), 'invalid_input', /needs the account .* --account/);
    await expectAppError(exportWriteOffs(database.db, org.id, { from: '2026-11-30', to: '2026-11-01', format: 'csv' }), 'invalid_input', /must not be after/);
  });
});
