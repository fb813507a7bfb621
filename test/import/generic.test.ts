import { Temporal } from 'temporal-polyfill';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile, type ImportFileInput } from '../../src/app/import/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/generic/${name}`, import.meta.url));

function csv(text: string): Readable {
  return Readable.from([Buffer.from(text)]);
}

async function ledgerSnapshot(database: Database, orgId: bigint) {
  const invoices = await sql`select number, status, total, allocated, opening_paid, opening_paid_on, balance, paid_on, due_date, currency from invoices
                              where org_id = ${orgId} order by number`.execute(database.db);
  const payments = await sql`select external_id, amount, allocated, received_on, source from payments where org_id = ${orgId} order by external_id`.execute(database.db);
  const customers = await sql`select external_id, name, kind, country, currency, tags, updated_at from customers where org_id = ${orgId} order by external_id`.execute(database.db);
  const contacts = await sql`select customer_id, email, phone, updated_at from contacts where org_id = ${orgId} order by customer_id`.execute(database.db);
  const allocations = await sql`select count(*) as n from allocations where org_id = ${orgId}`.execute(database.db);
  return { invoices: invoices.rows, payments: payments.rows, customers: customers.rows, contacts: contacts.rows, allocations: allocations.rows };
}

describeEachEngine('generic import', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  async function setUp() {
    const { org } = await makeOrg(database, { currency: 'GBP' });
    const run = (input: Partial<ImportFileInput> & Pick<ImportFileInput, 'kind' | 'source'>) =>
      importFile(database.db, {
        orgId: org.id,
        format: 'generic',
        fileName: typeof input.source === 'string' ? input.source.split('/').pop()! : 'upload.csv',
        today: '2026-11-23',
        at: Temporal.Instant.from('2026-11-23T12:00:00Z'),
        currency: 'GBP',
        ...input,
      });
    return { org, run };
  }

  it('imports customers with every field, and a re-import changes nothing', async () => {
    const { org, run } = await setUp();
    const report = await run({ kind: 'customers', source: fixture('customers.csv') });
    expect(report).toMatchObject({ status: 'completed', rows: 6, problemCount: 0, counts: { customersCreated: 6, contactsCreated: 6 } });
    const acme = await database.db.selectFrom('customers').selectAll().where('org_id', '=', org.id).where('external_id', '=', 'C-1001').executeTakeFirstOrThrow();
    expect(acme).toMatchObject({
      name: 'Acme Widgets Ltd',
      kind: 'business',
      country: 'GB',
      time_zone: 'Europe/London',
      language: 'en-GB',
      currency: 'GBP',
      customer_since: '2019-03-01',
      tags: ['key', 'wholesale'],
      credit_limit: 2_500_000n,
    });
    const jane = await database.db.selectFrom('customers').selectAll().where('org_id', '=', org.id).where('external_id', '=', 'C-1003').executeTakeFirstOrThrow();
    expect(jane).toMatchObject({ kind: 'consumer', country: 'GB', region: 'West Yorkshire' });
    const sakura = await database.db.selectFrom('customers').selectAll().where('org_id', '=', org.id).where('external_id', '=', 'C-1005').executeTakeFirstOrThrow();
    expect(sakura.credit_limit).toBe(5_000_000n); // JPY has no minor unit
    const contact = await database.db.selectFrom('contacts').selectAll().where('org_id', '=', org.id).where('customer_id', '=', jane.id).executeTakeFirstOrThrow();
    expect(contact).toMatchObject({
      email: 'jane.whitfield@example.com',
      email_source: 'import:generic:customers.csv',
      phone: '+44 7700 900123',
      address_line1: 'Flat 2, 17 Church Lane',
      city: 'Leeds',
      postal_code: 'LS1 4AB',
    });

    const before = await ledgerSnapshot(database, org.id);
    const again = await run({ kind: 'customers', source: fixture('customers.csv') });
    expect(again.counts).toMatchObject({ customersCreated: 0, customersUpdated: 0, contactsCreated: 0, contactsUpdated: 0 });
    expect(await ledgerSnapshot(database, org.id)).toEqual(before);
  });

  it('imports invoices: creates their customers, skips drafts, keeps voids out of what is owed, keeps what was already paid as the opening paid amount', async () => {
    const { org, run } = await setUp();
    const report = await run({ kind: 'invoices', source: fixture('invoices.csv') });
    expect(report).toMatchObject({
      status: 'completed',
      rows: 9,
      problemCount: 0,
      counts: { invoicesCreated: 8, customersCreated: 6, openingPaid: 2, paymentsRecorded: 0, skipped: 1 },
    });
    const { invoices, payments } = await ledgerSnapshot(database, org.id);
    const byNumber = Object.fromEntries(invoices.map((row: any) => [row.number, row]));
    expect(byNumber['INV-2026-0108']).toBeUndefined(); // draft
    expect(byNumber['INV-2026-0109']).toMatchObject({ status: 'void' });
    expect(byNumber['INV-2026-0101']).toMatchObject({ status: 'open', total: 420_000n, balance: 420_000n });
    // What the accounting system had collected before the import is the invoice's opening paid
    // amount (dated the import day when the file gives no date): no payment rows for it.
    expect(byNumber['INV-2026-0102']).toMatchObject({
      status: 'open', total: 115_050n, allocated: 50_000n, opening_paid: 50_000n, opening_paid_on: '2026-11-23', balance: 65_050n, paid_on: null,
    });
    expect(byNumber['INV-2026-0105']).toMatchObject({ status: 'paid', balance: 0n, opening_paid: 1_840_000n, paid_on: '2026-11-23', currency: 'EUR' });
    expect(byNumber['INV-2026-0106']).toMatchObject({ total: 1_250_000n, currency: 'JPY', opening_paid: 0n, opening_paid_on: null });
    expect(byNumber['INV-2026-0109']).toMatchObject({ status: 'void', opening_paid: 0n, allocated: 0n });
    expect(payments).toEqual([]);
    const customer = await database.db.selectFrom('customers').selectAll().where('org_id', '=', org.id).where('external_id', '=', 'C-1004').executeTakeFirstOrThrow();
    expect(customer).toMatchObject({ name: 'Müller Maschinenbau GmbH', currency: 'EUR', kind: 'business' });
  });

  it('re-importing the same invoice file changes nothing; a newer export updates balances', async () => {
    const { org, run } = await setUp();
    await run({ kind: 'invoices', source: fixture('invoices.csv') });
    const before = await ledgerSnapshot(database, org.id);
    const again = await run({ kind: 'invoices', source: fixture('invoices.csv') });
    expect(again.counts).toMatchObject({ invoicesCreated: 0, invoicesUpdated: 0, paymentsRecorded: 0, customersCreated: 0, customersUpdated: 0 });
    expect(await ledgerSnapshot(database, org.id)).toEqual(before);

    const newer = [
      'Invoice Number,Customer ID,Customer,Invoice Date,Due Date,Currency,Total,Amount Paid,Balance,Paid Date,Status',
      'INV-2026-0101,C-1001,Acme Widgets Ltd,2026-08-01,2026-08-31,GBP,"4,200.00","1,200.00","3,000.00",2026-11-20,Authorised',
      'INV-2026-0104,C-1003,Jane Whitfield,2026-07-20,2026-08-03,GBP,349.99,349.99,0.00,2026-11-21,Paid',
      'INV-2026-0107,C-1006,Carlos Mendez,2026-09-01,2026-09-30,USD,129.00,0.00,129.00,,Open',
      'INV-2026-0102,C-1001,Acme Widgets Ltd,2026-09-15,2026-10-15,GBP,"1,150.50",800.00,350.50,2026-11-22,Authorised',
    ].join('\n');
    const update = await run({ kind: 'invoices', source: csv(newer), fileName: 'newer.csv' });
    expect(update).toMatchObject({ status: 'completed', counts: { paymentsRecorded: 3, openingPaid: 0, invoicesUpdated: 1 } });
    const rows = await database.db
      .selectFrom('invoices')
      .select(['number', 'status', 'balance', 'paid_on', 'due_date'])
      .where('org_id', '=', org.id)
      .where('number', 'in', ['INV-2026-0101', 'INV-2026-0104', 'INV-2026-0107'])
      .orderBy('number')
      .execute();
    expect(rows).toEqual([
      { number: 'INV-2026-0101', status: 'open', balance: 300_000n, paid_on: null, due_date: '2026-08-31' },
      { number: 'INV-2026-0104', status: 'paid', balance: 0n, paid_on: '2026-11-21', due_date: '2026-08-03' },
      { number: 'INV-2026-0107', status: 'open', balance: 12_900n, paid_on: null, due_date: '2026-09-30' },
    ]);
    const payment = (externalId: string) =>
      database.db.selectFrom('payments').select(['amount', 'received_on']).where('org_id', '=', org.id).where('external_id', '=', externalId).executeTakeFirstOrThrow();
    expect(await payment('generic:INV-2026-0101:paid:120000')).toEqual({ amount: 120_000n, received_on: '2026-11-20' });
    // Paid before the first import (500.00, the opening amount), 800.00 now: the 300.00 paid
    // since is a payment, and the invoice's allocated is opening + allocations.
    expect(await payment('generic:INV-2026-0102:paid:80000')).toEqual({ amount: 30_000n, received_on: '2026-11-22' });
    const inv0102 = await database.db
      .selectFrom('invoices')
      .select(['allocated', 'opening_paid', 'balance'])
      .where('org_id', '=', org.id)
      .where('number', '=', 'INV-2026-0102')
      .executeTakeFirstOrThrow();
    expect(inv0102).toEqual({ allocated: 80_000n, opening_paid: 50_000n, balance: 35_050n });
  });

  it('imports payments: to the named invoice first, the rest to the oldest open invoices; a re-import adds nothing', async () => {
    const { org, run } = await setUp();
    await run({ kind: 'invoices', source: fixture('invoices.csv') });
    const at = Temporal.Instant.from('2031-03-10T09:15:00Z'); // far from the real date: the database's clock cannot pass for it
    const report = await run({ kind: 'payments', source: fixture('payments.csv'), at });
    expect(report).toMatchObject({ status: 'completed', counts: { paymentsCreated: 3, allocationsCreated: 3 } });
    const timeline = await database.db.selectFrom('activities').select('occurred_at').where('org_id', '=', org.id).where('kind', '=', 'payment').execute();
    expect(timeline.map((row) => new Date(row.occurred_at).toISOString())).toEqual(Array(3).fill('2031-03-10T09:15:00.000Z'));
    const balances = await database.db
      .selectFrom('invoices')
      .select(['number', 'balance', 'status'])
      .where('org_id', '=', org.id)
      .where('number', 'in', ['INV-2026-0101', 'INV-2026-0103', 'INV-2026-0107'])
      .orderBy('number')
      .execute();
    expect(balances).toEqual([
      { number: 'INV-2026-0101', balance: 320_000n, status: 'open' },
      { number: 'INV-2026-0103', balance: 0n, status: 'paid' }, // PAY-5002 named no invoice: FIFO
      { number: 'INV-2026-0107', balance: 10_000n, status: 'open' },
    ]);
    const unallocated = await database.db.selectFrom('payments').select(['amount', 'allocated']).where('org_id', '=', org.id).where('external_id', '=', 'PAY-5002').executeTakeFirstOrThrow();
    expect(unallocated).toEqual({ amount: 300_000n, allocated: 289_000n }); // 110.00 stays on account

    const before = await ledgerSnapshot(database, org.id);
    const again = await run({ kind: 'payments', source: fixture('payments.csv') });
    expect(again.counts).toMatchObject({ paymentsCreated: 0, paymentsUnchanged: 3, allocationsCreated: 0 });
    expect(await ledgerSnapshot(database, org.id)).toEqual(before);
  });

  it('allocates a payment without an invoice oldest-due first, across several invoices', async () => {
    const { org, run } = await setUp();
    await run({
      kind: 'invoices',
      source: csv(
        ['Invoice Number,Customer,Invoice Date,Due Date,Total', 'A-1,Zed Ltd,2026-01-01,2026-03-01,100.00', 'A-2,Zed Ltd,2026-01-01,2026-02-01,50.00', 'A-3,Zed Ltd,2026-01-01,2026-04-01,80.00'].join('\n'),
      ),
    });
    await run({ kind: 'payments', source: csv('Customer,Date,Amount,Reference\nZed Ltd,2026-05-01,120.00,cheque 123\n') });
    const rows = await database.db.selectFrom('invoices').select(['number', 'balance']).where('org_id', '=', org.id).orderBy('number').execute();
    expect(rows).toEqual([
      { number: 'A-1', balance: 30_00n },
      { number: 'A-2', balance: 0n },
      { number: 'A-3', balance: 80_00n },
    ]);
  });

  it('a dry run reports what would change and writes nothing', async () => {
    const { org, run } = await setUp();
    const report = await run({ kind: 'invoices', source: fixture('invoices.csv'), dryRun: true });
    expect(report).toMatchObject({ status: 'dry_run', importId: null, counts: { invoicesCreated: 8, customersCreated: 6 } });
    const count = await database.db.selectFrom('invoices').select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(count.n).toBe(0n);
  });

  describe('bad input', () => {
    async function rejected(text: string, extra: Partial<ImportFileInput> = {}) {
      const { org, run } = await setUp();
      const report = await run({ kind: 'invoices', source: csv(text), fileName: 'bad.csv', ...extra });
      const stored = await database.db.selectFrom('invoices').select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
      const customers = await database.db.selectFrom('customers').select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
      return { report, invoicesStored: stored.n, customersStored: customers.n, run, org };
    }
    const header = 'Invoice Number,Customer,Invoice Date,Due Date,Currency,Total';

    it('an empty file', async () => {
      const { report, invoicesStored } = await rejected('');
      expect(report.status).toBe('rejected');
      expect(report.problems).toEqual([{ file: 'bad.csv', line: 1, column: null, value: null, message: expect.stringMatching(/file is empty/) }]);
      expect(invoicesStored).toBe(0n);
    });

    it('a file in another format says which columns are missing and which format it looks like', async () => {
      const xero = '*ContactName,EmailAddress,*InvoiceNumber,*InvoiceDate,*DueDate,InvoiceAmountDue,LineAmount,Currency\nAcme,a@b.co,INV-1,01/10/2026,31/10/2026,10.00,10.00,GBP\n';
      const { report, invoicesStored } = await rejected(xero);
      expect(report.status).toBe('rejected');
      expect(report.problems[0]).toMatchObject({ line: 1, column: null, message: expect.stringMatching(/no column for "total".*use --format xero/) });
      expect(invoicesStored).toBe(0n);
    });

    it('an unknown currency', async () => {
      const { report, invoicesStored } = await rejected(`${header}\nX-1,Acme,2026-10-01,2026-10-31,GBP,10.00\nX-2,Acme,2026-10-01,2026-10-31,XYZ,10.00\n`);
      expect(report.problems).toEqual([
        { file: 'bad.csv', line: 3, column: 'Currency', value: 'XYZ', message: expect.stringMatching(/not an ISO 4217 currency code/) },
      ]);
      expect(invoicesStored).toBe(0n);
    });

    it('unparseable dates, naming the layout expected', async () => {
      const { report, invoicesStored, customersStored } = await rejected(`${header}\nX-1,Acme,2026-10-01,31/10/2026,GBP,10.00\nX-2,Acme,2026-02-30,2026-03-31,GBP,10.00\n`);
      expect(report.problems).toEqual([
        { file: 'bad.csv', line: 2, column: 'Due Date', value: '31/10/2026', message: expect.stringMatching(/not a date in the format YYYY-MM-DD.*--date-format/) },
        { file: 'bad.csv', line: 3, column: 'Invoice Date', value: '2026-02-30', message: expect.stringMatching(/not a date in the format YYYY-MM-DD|not a real calendar date/) },
      ]);
      expect(invoicesStored).toBe(0n);
      expect(customersStored).toBe(0n);
    });

    it('dates in another layout are read with --date-format', async () => {
      const { report, invoicesStored } = await rejected(`${header}\nX-1,Acme,01/10/2026,31/10/2026,GBP,10.00\n`, { dateFormat: 'DD/MM/YYYY' });
      expect(report.status).toBe('completed');
      expect(invoicesStored).toBe(1n);
    });

    it('unparseable amounts, and more decimals than the currency has', async () => {
      const { report } = await rejected(`${header}\nX-1,Acme,2026-10-01,2026-10-31,GBP,ten pounds\nX-2,Acme,2026-10-01,2026-10-31,JPY,100.5\nX-3,Acme,2026-10-01,2026-10-31,GBP,"1.234,50"\n`);
      expect(report.problems.map((p) => [p.line, p.column, p.value])).toEqual([
        [2, 'Total', 'ten pounds'],
        [3, 'Total', '100.5'],
        [4, 'Total', '1.234,50'],
      ]);
      expect(report.problems[1]!.message).toMatch(/JPY has 0/);
    });

    it('negative totals are refused: credits are credit notes', async () => {
      const { report, invoicesStored } = await rejected(`${header}\nX-1,Acme,2026-10-01,2026-10-31,GBP,-25.00\n`);
      expect(report.problems).toEqual([{ file: 'bad.csv', line: 2, column: 'Total', value: '-25.00', message: expect.stringMatching(/negative.*credit note/) }]);
      expect(invoicesStored).toBe(0n);
    });

    it('duplicate invoice numbers with different data are refused on every line; identical repeats are fine', async () => {
      const text = `${header}\nX-1,Acme,2026-10-01,2026-10-31,GBP,10.00\nX-2,Acme,2026-10-01,2026-10-31,GBP,20.00\nX-1,Acme,2026-10-01,2026-10-31,GBP,12.00\nX-2,Acme,2026-10-01,2026-10-31,GBP,20.00\n`;
      const { report, invoicesStored } = await rejected(text);
      expect(report.problems.map((p) => [p.line, p.column, p.value])).toEqual([
        [2, 'invoice number', 'X-1'],
        [4, 'invoice number', 'X-1'],
      ]);
      expect(report.problems[1]!.message).toMatch(/also on line 2 with different data \(total 1000 vs 1200\)/);
      expect(invoicesStored).toBe(0n);
    });

    it('the same customer twice with different details is refused on each of its lines; an identical repeat is fine', async () => {
      const { org, run } = await setUp();
      const text = 'Customer ID,Name,Email\nC-1,Acme,a@acme.test\nC-2,Brightside,b@bright.test\nC-1,Acme,other@acme.test\nC-2,Brightside,b@bright.test\n';
      const report = await run({ kind: 'customers', source: csv(text), fileName: 'customers.csv' });
      expect(report.status).toBe('rejected');
      expect(report.problems.map((p) => [p.line, p.column, p.value])).toEqual([
        [2, 'customer id', 'C-1'],
        [4, 'customer id', 'C-1'],
      ]);
      expect(report.problems[0]!.message).toMatch(/customer C-1 is on lines 2, 4 with different details/);
      const stored = await database.db.selectFrom('customers').select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
      expect(stored.n).toBe(0n);
    });

    it('with --partial the valid rows are written and the bad ones listed', async () => {
      const text = `${header}\nX-1,Acme,2026-10-01,2026-10-31,GBP,10.00\nX-2,Acme,2026-10-01,2026-10-31,GBP,oops\nX-3,Acme,2026-10-01,2026-10-31,XYZ,5.00\nX-4,Acme,2026-10-01,2026-10-31,GBP,40.00\n`;
      const { report, invoicesStored } = await rejected(text, { partial: true });
      expect(report).toMatchObject({ status: 'completed', problemCount: 2, counts: { invoicesCreated: 2 } });
      expect(report.problems.map((p) => p.line)).toEqual([3, 4]);
      expect(invoicesStored).toBe(2n);
    });

    it('a missing required value and a due date before the invoice date', async () => {
      const { report } = await rejected(`${header}\n,Acme,2026-10-01,2026-10-31,GBP,10.00\nX-2,Acme,2026-10-01,2026-09-30,GBP,10.00\n`);
      expect(report.problems).toEqual([
        { file: 'bad.csv', line: 2, column: 'Invoice Number', value: '', message: 'is empty; every row needs Invoice Number' },
        { file: 'bad.csv', line: 3, column: 'Due Date', value: '2026-09-30', message: 'is before the invoice date 2026-10-01; check the two dates' },
      ]);
    });

    it('a payment for an unknown invoice or customer names it', async () => {
      const { run, org } = await setUp();
      const report = await run({ kind: 'payments', source: csv('Customer,Date,Amount,Invoice Number\nNobody Ltd,2026-10-01,10.00,\nAcme,2026-10-01,10.00,NOPE-1\n'), fileName: 'p.csv' });
      expect(report.status).toBe('rejected');
      expect(report.problems.map((p) => [p.line, p.column, p.value])).toEqual([
        [2, 'customer', 'Nobody Ltd'],
        [3, 'invoice number', 'NOPE-1'],
      ]);
      const stored = await database.db.selectFrom('payments').select(sql<bigint>`count(*)`.as('n')).where('org_id', '=', org.id).executeTakeFirstOrThrow();
      expect(stored.n).toBe(0n);
    });
  });
});
