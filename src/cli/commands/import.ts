// `arrears import customers|invoices|payments <file>`: validates and imports a CSV export, with a
// progress bar on a terminal, and lists every problem with its line, column and value.
import { importFormats, type ImportFormat } from '../../app/import/types.ts';
import { importKinds, type ImportKind } from '../../domain/import-kinds.ts';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { Argument, Option, type Command } from 'commander';
import cliProgress from 'cli-progress';
import { importFile, type ImportReport } from '../../app/import/import-file.ts';
import { importStepsFor } from '../../app/import/import-steps.ts';
import { AppError } from '../../errors.ts';
import { withOrg } from '../context.ts';
import { currentInstant, orgToday } from '../dates.ts';
import { printJson } from '../output.ts';

interface ImportOptions {
  format: ImportFormat;
  dateFormat?: string;
  dryRun?: boolean;
  partial?: boolean;
  json?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import customers, invoices or payments from a CSV export')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(importKinds))
    .argument('<file>', 'the CSV file')
    .addOption(new Option('--format <format>', 'layout of the file').choices(importFormats).default('generic'))
    .option('--date-format <layout>', 'how dates are written, e.g. DD/MM/YYYY (default: ISO for generic, DD/MM/YYYY for xero, MM/DD/YYYY for quickbooks)')
    .option('--dry-run', 'check the file and show what would change, writing nothing')
    .option('--partial', 'write the valid rows and list the bad ones (default: any problem writes nothing)')
    .option('--json', 'print the report as JSON')
    .action(async (kind: ImportKind, file: string, options: ImportOptions, command: Command) => {
      const report = await withOrg(command, async (database, org, config) => {
        const size = fileSize(file);
        const bar =
          process.stderr.isTTY && !options.json
            ? new cliProgress.SingleBar(
                { format: `${basename(file)} [{bar}] {percentage}% | {rows} rows | {eta_formatted} left`, stream: process.stderr },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
        bar?.start(size, 0, { rows: 0 });
        try {
          return await importFile(database.db, {
            orgId: org.id,
            kind,
            format: options.format,
            fileName: file,
            source: file,
            dateFormat: options.dateFormat,
            dryRun: options.dryRun,
            partial: options.partial,
            today: orgToday(org, config),
            at: currentInstant(config),
            currency: org.default_currency,
            steps: importStepsFor(database),
            onProgress: bar ? ({ bytes, rows }) => bar.update(bytes, { rows }) : undefined,
          });
        } finally {
          bar?.stop();
        }
      });
      if (options.json) printJson(report);
      else process.stdout.write(describeReport(report));
      if (report.problemCount > 0) process.exitCode = new AppError('import_rejected', '').exitCode;
    });
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    throw new AppError('invalid_input', `cannot read ${file}: no such file`);
  }
}

const countLabels: Record<string, string> = {
  invoicesCreated: 'invoices created',
  invoicesUpdated: 'invoices updated',
  openingPaid: 'new invoices already (partly) paid in the accounting system',
  paymentsRecorded: 'payments recorded from the accounting system (on invoices already held)',
  closedByReport: 'invoices closed (no longer in the open-invoices report)',
  customersCreated: 'customers created',
  customersUpdated: 'customers updated',
  contactsCreated: 'contacts created',
  contactsUpdated: 'contacts updated',
  paymentsCreated: 'payments created',
  paymentsUnchanged: 'payments already imported',
  allocationsCreated: 'allocations made',
  creditNotesRead: 'credit notes read',
  creditNotesCreated: 'credit notes created',
  creditNotesApplied: 'credit notes applied to the invoice they name',
  creditNotesUnallocated: 'credit notes with credit left unallocated on the account',
  overpaymentsRead: 'overpayments read',
  overpaymentsCreated: 'payments on account created (overpayments)',
  invoicesTotalUnknown: 'invoices known only by their open balance (original total unknown; nothing recorded as paid)',
  skipped: 'rows skipped (drafts, subtotals, other transactions)',
};

export function describeReport(report: ImportReport): string {
  const lines: string[] = [];
  const verdict = {
    completed: report.problemCount > 0 ? 'imported the valid rows' : 'imported',
    dry_run: 'checked (dry run: nothing written)',
    rejected: 'rejected: nothing was written',
  }[report.status];
  lines.push(`${report.file}: ${report.rows} rows read; ${verdict}.`);
  for (const [key, value] of Object.entries(report.counts)) {
    if (value > 0) lines.push(`  ${value} ${countLabels[key] ?? key}`);
  }
  if (report.problemCount > 0) {
    lines.push(`${report.problemCount} problem(s)${report.problemCount > report.problems.length ? ` (the first ${report.problems.length} listed)` : ''}:`);
    for (const p of report.problems) {
      const where = [p.column ? `column "${p.column}"` : null, p.value !== null && p.value !== '' ? `value "${p.value}"` : null].filter(Boolean).join(', ');
      lines.push(`  ${p.file}:${p.line}: ${where ? `${where}: ` : ''}${p.message}`);
    }
    if (report.status === 'rejected') lines.push('Fix the file and import it again, or use --partial to import the valid rows.');
  }
  return `${lines.join('\n')}\n`;
}
