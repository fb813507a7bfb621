// A large import is written a chunk of whole customers per transaction, so that on PGlite (one
// connection) other requests are answered while it runs. These tests hold it to what that promises:
// another request is answered between an import's steps; a failure part-way leaves the chunks
// before it whole, nothing of the rest, and says how many were written; importing the same file
// again finishes it without writing anything twice; in one chunk (the default, PostgreSQL's), a
// failure leaves nothing at all.
import { Temporal } from 'temporal-polyfill';
import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importFile } from '../../src/app/import/import-file.ts';
import type { Database } from '../../src/db/engine.ts';
import type { ImportProgress } from '../../src/db/schema.ts';
import { describeEachEngine, openTestDatabase } from '../support/engines.ts';
import { makeOrg } from '../support/fixtures.ts';

const customers = 80;
const invoicesEach = 5;
/** 10 customers of 5 invoices per chunk: 8 chunks. */
const chunkRows = 50;

/** Customers C00–C79, each with its 5 invoices on consecutive lines, the second of them half paid. */
function invoicesCsv(): string {
  const lines = ['Invoice Number,Customer ID,Customer,Email,Invoice Date,Due Date,Currency,Total,Amount Paid,Balance,Status,Terms'];
  for (let c = 0; c < customers; c++) {
    const id = `C${String(c).padStart(2, '0')}`;
    for (let k = 0; k < invoicesEach; k++) {
      const paid = k === 1 ? '50.00' : '0.00';
      lines.push(`INV-${id}-${k},${id},Customer ${id},${id.toLowerCase()}@example.com,2026-09-01,2026-10-01,GBP,100.00,${paid},,Open,Net 30`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describeEachEngine('import in chunks', (engine) => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase(engine);
  });
  afterAll(() => database.close());

  const run = (orgId: bigint, chunkRows: number | undefined) =>
    importFile(database.db, {
      orgId,
      kind: 'invoices',
      format: 'generic',
      fileName: 'invoices.csv',
      source: Readable.from([Buffer.from(invoicesCsv())]),
      today: '2026-11-23',
      at: Temporal.Instant.from('2026-11-23T12:00:00Z'),
      currency: 'GBP',
      steps: chunkRows === undefined ? undefined : { chunkRows },
    });

  const stored = async (orgId: bigint) =>
    (
      await sql<{ customer: string; invoices: number; numbers: number; opening_paid: string }>`
        select c.external_id as customer, count(i.id)::int as invoices, count(distinct i.number)::int as numbers, coalesce(sum(i.opening_paid), 0)::text as opening_paid
          from customers c left join invoices i on i.org_id = c.org_id and i.customer_id = c.id
         where c.org_id = ${orgId} group by c.external_id order by c.external_id`.execute(database.db)
    ).rows;

  it('answers another request between its chunks, and each chunk it has written is whole', async () => {
    const { org } = await makeOrg(database);
    const importing = run(org.id, chunkRows);
    let done = false;
    void importing.finally(() => (done = true)).catch(() => {});
    // A request of another person, again and again while the import runs: what it sees mid-way.
    const midWay: Array<{ progress: ImportProgress; invoices: number }> = [];
    while (!done) {
      await nextTurn(); // as a request does, arriving from the network between two of the import's steps
      const seen = await database.db
        .selectFrom('imports')
        .select(['status', 'progress', sql<number>`(select count(*)::int from invoices where org_id = ${org.id})`.as('invoices')])
        .where('org_id', '=', org.id)
        .executeTakeFirst();
      if (seen?.status === 'running' && seen.progress?.phase === 'writing') midWay.push({ progress: seen.progress, invoices: seen.invoices });
    }
    const report = await importing;
    expect(report).toMatchObject({ status: 'completed', rows: customers * invoicesEach, counts: { invoicesCreated: 400, customersCreated: 80, openingPaid: 80 } });
    const between = midWay.filter(({ progress }) => progress.chunksWritten > 0 && progress.chunksWritten < progress.chunks);
    expect(between.length).toBeGreaterThan(0);
    for (const { progress, invoices } of between) {
      expect(progress.chunks).toBe(8);
      // what another request sees is whole chunks: every invoice of the customers written so far
      expect(invoices).toBe(progress.chunksWritten * chunkRows);
      expect(progress.rowsWritten).toBe(progress.chunksWritten * chunkRows);
    }
    const log = await database.db.selectFrom('imports').select(['status', 'progress']).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'completed', progress: { phase: 'done', chunks: 8, chunksWritten: 8, rowsWritten: 400 } });
  });

  it('fails part-way leaving the chunks before whole and nothing of the rest; the same file again finishes it', async () => {
    const { org } = await makeOrg(database);
    // A failure the checks cannot foresee, in the third chunk (customers C20–C29): C25's fourth invoice.
    const failing = `INV-C25-3`;
    await sql.raw(`create function fail_test_invoice_${org.id}() returns trigger language plpgsql as $$
         begin if new.org_id = ${org.id} and new.number = '${failing}' then raise exception 'disk full (test)'; end if; return new; end $$`).execute(database.db);
    await sql.raw(`create trigger fail_test_invoice_${org.id} before insert on invoices for each row execute function fail_test_invoice_${org.id}()`).execute(database.db);
    try {
      await expect(run(org.id, chunkRows)).rejects.toThrow(/disk full/);
    } finally {
      await sql.raw(`drop trigger if exists fail_test_invoice_${org.id} on invoices`).execute(database.db);
      await sql.raw(`drop function if exists fail_test_invoice_${org.id}()`).execute(database.db);
    }
    const log = await database.db.selectFrom('imports').select(['status', 'summary']).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(log.status).toBe('failed');
    expect(log.summary).toMatchObject({ error: expect.stringMatching(/disk full/), chunks: 8, chunksWritten: 2, rowsWritten: 100 });
    // Chunks 1 and 2 whole (customers C00–C19, every invoice, their opening paid amounts); nothing of C20 on.
    const after = await stored(org.id);
    expect(after.map((row) => row.customer)).toEqual(Array.from({ length: 20 }, (_, c) => `C${String(c).padStart(2, '0')}`));
    for (const row of after) expect(row).toMatchObject({ invoices: 5, numbers: 5, opening_paid: '5000' });
    // The stage is gone with the import.
    const stages = await sql<{ n: number }>`select count(*)::int as n from pg_tables where tablename like 'import_stage_%'`.execute(database.db);
    expect(stages.rows[0]!.n).toBe(0);

    const again = await run(org.id, chunkRows);
    expect(again).toMatchObject({ status: 'completed', counts: { invoicesCreated: 300, invoicesUpdated: 0, customersCreated: 60, paymentsRecorded: 0 } });
    const finished = await stored(org.id);
    expect(finished).toHaveLength(80);
    for (const row of finished) expect(row).toMatchObject({ invoices: 5, numbers: 5, opening_paid: '5000' });
  });

  it('in one chunk (the default), a failure leaves nothing written', async () => {
    const { org } = await makeOrg(database);
    const failing = `INV-C79-4`; // the very last row
    await sql.raw(`create function fail_test_invoice_${org.id}() returns trigger language plpgsql as $$
         begin if new.org_id = ${org.id} and new.number = '${failing}' then raise exception 'disk full (test)'; end if; return new; end $$`).execute(database.db);
    await sql.raw(`create trigger fail_test_invoice_${org.id} before insert on invoices for each row execute function fail_test_invoice_${org.id}()`).execute(database.db);
    try {
      await expect(run(org.id, undefined)).rejects.toThrow(/disk full/);
    } finally {
      await sql.raw(`drop trigger if exists fail_test_invoice_${org.id} on invoices`).execute(database.db);
      await sql.raw(`drop function if exists fail_test_invoice_${org.id}()`).execute(database.db);
    }
    expect(await stored(org.id)).toEqual([]);
    const log = await database.db.selectFrom('imports').select(['status', 'summary']).where('org_id', '=', org.id).executeTakeFirstOrThrow();
    expect(log).toMatchObject({ status: 'failed', summary: { chunks: 1, chunksWritten: 0 } });
  });
});
