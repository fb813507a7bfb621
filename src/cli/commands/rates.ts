// `arrears rates list | add`: the reference rates behind statutory interest — the table Arrears
// ships with the organisation's own rows over it. The shipped table must be kept up to date; add a
// half-year's rate here as soon as it is known (docs/charges.md).
import { Option, type Command } from 'commander';
import { addReferenceRate } from '../../app/charges/add-reference-rate.ts';
import { listReferenceRates } from '../../app/charges/list-reference-rates.ts';
import { rateSchemes, statutoryMarginPercent, type RateScheme } from '../../domain/charges/reference-rates.ts';
import { Exact } from '../../domain/charges/rounding.ts';
import { withOrg } from '../context.ts';
import { formatTable, printJson } from '../output.ts';

export function registerRatesCommand(program: Command): void {
  const rates = program.command('rates').description('reference rates for statutory late-payment interest (rate + 8 points)');
  rates
    .command('list')
    .description('the reference rate of each half-year, shipped or added by the organisation (its rows win)')
    .addOption(new Option('--scheme <scheme>', 'only this scheme').choices([...rateSchemes]))
    .option('--json', 'print JSON')
    .action(async (options: { scheme?: RateScheme; json?: boolean }, command: Command) => {
      const list = await withOrg(command, (database, org) => listReferenceRates(database.db, org.id, options.scheme));
      if (options.json) return printJson(list);
      process.stdout.write(
        `${formatTable(
          ['Scheme', 'Half-year from', 'Rate %', 'Origin', 'Source'],
          list.map((r) => [r.scheme, r.effectiveFrom, r.ratePercent, r.origin, r.source]),
          new Set([2]),
        )}\nA half-year missing here gets no statutory interest: add its rate with \`arrears rates add\`.\n`,
      );
    });
  rates
    .command('add')
    .description("add the reference rate of a half-year (it wins over a shipped one for the same half-year)")
    .addOption(new Option('--scheme <scheme>', 'uk_late_payment: Bank of England Bank Rate; eu_late_payment: ECB main refinancing rate').choices([...rateSchemes]).makeOptionMandatory())
    .requiredOption('--from <date>', 'first day of the half-year: YYYY-01-01 or YYYY-07-01')
    .requiredOption('--rate <percent>', 'the reference rate in percent, e.g. 5.25 (8 points are added to it)')
    .requiredOption('--source <text>', 'where it is published, e.g. "Bank of England Bank Rate on 30 June 2026"')
    .option('--replace', "change the organisation's existing row for that half-year")
    .option('--json', 'print JSON')
    .action(async (options: { scheme: string; from: string; rate: string; source: string; replace?: boolean; json?: boolean }, command: Command) => {
      const added = await withOrg(command, (database, org) => addReferenceRate(database.db, org.id, options));
      if (options.json) return printJson(added);
      const { rate, overrides } = added;
      const note = overrides ? ` It takes the place of the shipped ${overrides.ratePercent}%.` : '';
      process.stdout.write(`${rate.scheme}: ${rate.ratePercent}% for the half-year from ${rate.effectiveFrom} (statutory rate ${new Exact(rate.ratePercent).plus(statutoryMarginPercent).toString()}%).${note}\n`);
    });
}
