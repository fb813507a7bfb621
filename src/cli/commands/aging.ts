// `arrears aging`: who owes what, by how overdue, per currency. --json prints the report as the API returns it.
import type { Command } from 'commander';
import { computeAging, type AgingReport } from '../../app/reports/compute-aging.ts';
import { agingBuckets } from '../../domain/aging.ts';
import { formatMoney } from '../../domain/money.ts';
import { withOrg } from '../context.ts';
import { dateOption, orgToday } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

export function registerAgingCommand(program: Command): void {
  program
    .command('aging')
    .description('aged receivables per customer and currency: current, 1-30, 31-60, 61-90, 91+ days past due')
    .option('--as-of <date>', 'age as of this date, YYYY-MM-DD (default: today in the organisation’s time zone)')
    .option('--json', 'print the report as JSON (amounts in minor units)')
    .action(async (options: { asOf?: string; json?: boolean }, command: Command) => {
      const asOfOption = dateOption('--as-of', options.asOf);
      await withOrg(command, async (database, org, config) => {
        const report = await computeAging(database.db, org.id, asOfOption ?? orgToday(org, config));
        if (options.json) printJson(report);
        else process.stdout.write(formatAgingText(report));
      });
    });
}

export function formatAgingText(report: AgingReport): string {
  const currencies = Object.keys(report.totals);
  if (currencies.length === 0) return `Nothing outstanding as of ${report.asOf}.\n`;
  const amountColumns = [...agingBuckets, 'total', 'chaseable'] as const;
  const right = new Set(amountColumns.map((_, index) => index + 2));
  const sections = currencies.map((currency) => {
    const money = (amount: bigint) => formatMoney(amount, currency);
    const rows = report.customers
      .filter((row) => row.currency === currency)
      .map((row) => [row.name, row.externalId, ...amountColumns.map((column) => money(row[column]))]);
    const total = report.totals[currency]!;
    rows.push(['Total', '', ...amountColumns.map((column) => money(total[column]))]);
    return `${currency}\n${formatTable(['Customer', 'External id', ...amountColumns.map(label)], rows, right)}`;
  });
  const totals = formatTable(
    ['Currency', ...amountColumns.map(label)],
    currencies.map((currency) => [currency, ...amountColumns.map((column) => formatMoney(report.totals[currency]![column], currency))]),
    new Set(amountColumns.map((_, index) => index + 1)),
  );
  return `Aging as of ${report.asOf} (days past due; disputed amounts excluded; Chased: what of the overdue is being chased, not on hold or promised)\n\n${sections.join('\n\n')}\n\nTotals\n${totals}\n`;
}

function label(column: string): string {
  return column === 'current' ? 'Current' : column === 'total' ? 'Total' : column === 'chaseable' ? 'Chased' : column;
}
