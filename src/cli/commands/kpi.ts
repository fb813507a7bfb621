// `arrears kpi`: collection effectiveness (CEI) and days sales outstanding (countback) for a period,
// per currency, with the figures they are computed from. Definitions: docs/kpis.md.
import type { Command } from 'commander';
import { computeKpis, type CurrencyKpis, type KpiReport } from '../../app/reports/compute-kpis.ts';
import { defaultKpiPeriod } from '../../domain/kpi.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { withOrg } from '../context.ts';
import { dateOption, orgToday } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

export function registerKpiCommand(program: Command): void {
  program
    .command('kpi')
    .description('collection KPIs per currency: CEI and DSO (countback), with their inputs')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (default: first day of the month three months before --to)')
    .option('--to <date>', 'last day of the period, YYYY-MM-DD (default: today in the organisation’s time zone)')
    .option('--json', 'print the report as JSON (amounts in minor units)')
    .action(async (options: { from?: string; to?: string; json?: boolean }, command: Command) => {
      const fromOption = dateOption('--from', options.from);
      const toOption = dateOption('--to', options.to);
      if (fromOption && toOption && fromOption > toOption) {
        throw new AppError('invalid_input', `--from (${fromOption}) is after --to (${toOption}); the period must start on or before its end`);
      }
      await withOrg(command, async (database, org, config) => {
        const to = toOption ?? orgToday(org, config);
        const from = fromOption ?? defaultKpiPeriod(to).from;
        if (from > to) throw new AppError('invalid_input', `--from (${from}) is after the default --to (today, ${to}); give --to as well`);
        const report = await computeKpis(database.db, org.id, { from, to });
        if (options.json) printJson(report);
        else process.stdout.write(formatKpiText(report));
      });
    });
}

export function formatKpiText(report: KpiReport): string {
  const head = `KPIs from ${report.from} to ${report.to}`;
  if (report.currencies.length === 0) return `${head}: no receivables or credit sales in the period.\n`;
  return `${head}\n\n${report.currencies.map((kpis) => currencySection(report, kpis)).join('\n\n')}\n`;
}

function currencySection(report: KpiReport, k: CurrencyKpis): string {
  const money = (amount: bigint) => formatMoney(amount, k.currency);
  const cei = k.cei.percent === null ? `n/a: ${k.cei.reason}` : `${k.cei.percent.toFixed(1)}%`;
  const periods = k.dso.periods.length === 1 ? '1 period' : `${k.dso.periods.length} periods`;
  const dso = `${k.dso.days.toFixed(1)} days (${periods} counted back${k.dso.note ? `; ${k.dso.note}` : ''})`;
  const rows = [
    [`Receivables at ${report.beginningAsOf}`, money(k.beginningReceivables)],
    ['Credit sales in the period', money(k.creditSales)],
    [`Receivables at ${report.to}`, money(k.endingReceivables)],
    [`  of which not yet due`, money(k.endingCurrentReceivables)],
    ['Written off in the period (W)', money(k.writtenOff)],
    ['Collected (B + S − E − W)', money(k.cei.numerator)],
    ['Collectable (B + S − not yet due)', money(k.cei.denominator)],
  ];
  return `${k.currency}\n${formatTable(['Figure', 'Amount'], rows, new Set([1]))}\nCEI: ${cei}\nDSO (countback): ${dso}`;
}
