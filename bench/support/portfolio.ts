// The synthetic portfolio a benchmark loads: the demo generator at the requested size, written as
// generic-format CSV files (not timed), then imported through the same code path as `arrears import`.
import { Temporal } from 'temporal-polyfill';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Database } from '../../src/db/engine.ts';
import type { Kysely } from 'kysely';
import { createOrg } from '../../src/app/orgs/create-org.ts';
import { generatePortfolio } from '../../src/app/demo/portfolio-generator.ts';
import { writePortfolioCsv, type PortfolioFiles } from '../../src/app/demo/write-portfolio-csv.ts';
import { importFile, type ImportReport } from '../../src/app/import/import-file.ts';
import { importStepsFor } from '../../src/app/import/import-steps.ts';
import type { ImportKind } from '../../src/domain/import-kinds.ts';
import type { DB } from '../../src/db/schema.ts';

/** A fixed "today", so every run on every machine generates the very same portfolio. */
export const benchToday = '2026-06-30';
export const benchSeed = 'arrears-bench';
const orgCurrency = 'USD';

export interface BenchFiles extends PortfolioFiles {
  dir: string;
  writeMs: number;
  dispose(): Promise<void>;
}

export async function writeBenchPortfolio(options: { invoices: number; customers: number; openShare?: number }): Promise<BenchFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'arrears-bench-csv-'));
  const started = performance.now();
  const portfolio = generatePortfolio({ seed: benchSeed, today: benchToday, ...options });
  const files = await writePortfolioCsv(portfolio, dir);
  return { ...files, dir, writeMs: performance.now() - started, dispose: () => rm(dir, { recursive: true, force: true }) };
}

export async function createBenchOrg(db: Kysely<DB>): Promise<bigint> {
  const { org } = await createOrg(db, { name: 'Bench Org', slug: 'bench', currency: orgCurrency, timeZone: 'UTC', ownerEmail: 'bench@example.com' });
  return org.id;
}

/** `arrears import <kind> <file>` as the CLI runs it, minus the progress bar; refuses a rejected import. */
export async function importBenchFile(db: Kysely<DB>, orgId: bigint, kind: ImportKind, path: string, database?: Database): Promise<ImportReport> {
  const steps = database && importStepsFor(database);
  const report = await importFile(db, { orgId, kind, format: 'generic', fileName: path, source: path, today: benchToday, at: Temporal.Instant.from(`${benchToday}T12:00:00Z`), currency: orgCurrency, steps });
  if (report.status !== 'completed' || report.problemCount > 0) {
    throw new Error(`the ${kind} import was ${report.status} with ${report.problemCount} problem(s): ${JSON.stringify(report.problems.slice(0, 3))}`);
  }
  return report;
}
