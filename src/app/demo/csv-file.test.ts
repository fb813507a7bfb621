import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { CsvFileWriter, csvField } from './csv-file.ts';
import { generatePortfolio } from './portfolio-generator.ts';
import { writePortfolioCsv } from './write-portfolio-csv.ts';

const dir = mkdtempSync(join(tmpdir(), 'arrears-csv-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('csvField', () => {
  it('quotes only what needs quoting, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('Flat 2, 17 Church Lane')).toBe('"Flat 2, 17 Church Lane"');
    expect(csvField('The "Best" Ltd')).toBe('"The ""Best"" Ltd"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(' padded')).toBe('" padded"');
    expect(csvField(null)).toBe('');
  });
});

describe('CsvFileWriter', () => {
  it('writes many rows through backpressure and they read back intact', async () => {
    const path = join(dir, 'many.csv');
    const writer = new CsvFileWriter(path, ['n', 'text'], 1024);
    for (let n = 0; n < 20_000; n++) await writer.row([String(n), `O'Brien, "${n}"\nMüller 株式会社`]);
    await writer.close();
    const rows = parse(readFileSync(path)) as string[][];
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]).toEqual(['19999', `O'Brien, "19999"\nMüller 株式会社`]);
  });
});

describe('writePortfolioCsv', () => {
  it('writes the three generic-format files, consistent with the portfolio', async () => {
    const portfolio = generatePortfolio({ seed: 7, customers: 40, invoices: 300, today: '2026-11-23' });
    const files = await writePortfolioCsv(portfolio, dir);
    const read = (path: string) => parse(readFileSync(path), { columns: true }) as Array<Record<string, string>>;
    const customers = read(files.customers);
    const invoices = read(files.invoices);
    const payments = read(files.payments);
    expect(customers).toHaveLength(40);
    expect(invoices).toHaveLength(300);
    expect(files.counts).toEqual({ customers: 40, invoices: 300, payments: payments.length });
    for (const row of invoices) {
      const decimals = row.Currency === 'JPY' ? 0 : 2;
      expect(row.Total).toMatch(decimals === 0 ? /^\d+$/ : /^\d+\.\d{2}$/);
      expect(['Open', 'Paid', 'Void', 'Draft']).toContain(row.Status);
    }
    const arrearsPayments = [...portfolio.invoices()].flatMap((i) => i.payments).filter((p) => p.via === 'arrears');
    expect(payments.map((p) => p['Payment ID'])).toEqual(arrearsPayments.map((p) => p.externalId));
  });
});
