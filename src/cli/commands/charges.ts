// `arrears charges preview | policy set | policy clear | policy show | liable`: late charges (fees,
// interest, compensation). The daily cycle applies them at a step with applyCharges; these commands
// show what that would add and set who is charged what. See docs/charges.md.
import type { Command } from 'commander';
import { previewCharges, type ChargePreview } from '../../app/charges/preview-charges.ts';
import { setChargesLiable } from '../../app/charges/set-charges-liable.ts';
import { setCustomerChargePolicy, setOrgChargePolicy, type ChargePolicyChange } from '../../app/charges/set-charge-policy.ts';
import { showChargePolicy, type ChargePolicyView } from '../../app/charges/show-charge-policy.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { withOrg } from '../context.ts';
import { dateOption, orgToday } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

export function registerChargesCommand(program: Command): void {
  const charges = program.command('charges').description('late fees, interest and compensation: preview, policy, consumer liability');
  charges
    .command('preview')
    .description('what applying charges to a customer would add, with each calculation (writes nothing)')
    .argument('<customer>', "the customer's external id")
    .option('--date <date>', 'charge date, YYYY-MM-DD (default: today in the organisation’s time zone)')
    .option('--json', 'print JSON (amounts in minor units)')
    .action(async (customer: string, options: { date?: string; json?: boolean }, command: Command) => {
      const dateGiven = dateOption('--date', options.date);
      const preview = await withOrg(command, (database, org, config) => previewCharges(database.db, org.id, customer, dateGiven ?? orgToday(org, config)));
      if (options.json) printJson(preview);
      else process.stdout.write(formatPreview(preview));
    });

  const policy = charges.command('policy').description("the organisation's charge policy, or a customer's own");
  policy
    .command('set')
    .description('set the charge policy (JSON), for the organisation or, with --customer, for one customer')
    .argument('<json>', `e.g. '{"type":"uk_late_payment"}', '{"type":"fixed_fee","amounts":{"GBP":"25.00"}}', '{"type":"simple_interest","annualPercent":"8"}'`)
    .option('--customer <id>', "a customer's external id: set its own policy, which overrides the organisation's")
    .option('--json', 'print JSON')
    .action(async (text: string, options: { customer?: string; json?: boolean }, command: Command) => {
      const value = parseJsonArgument(text);
      const change = await withOrg(command, (database, org) =>
        options.customer === undefined ? setOrgChargePolicy(database.db, org.id, value) : setCustomerChargePolicy(database.db, org.id, options.customer, value),
      );
      printChange(change, options.json);
    });
  policy
    .command('clear')
    .description("remove a customer's own policy: the organisation's applies again")
    .requiredOption('--customer <id>', "the customer's external id")
    .option('--json', 'print JSON')
    .action(async (options: { customer: string; json?: boolean }, command: Command) => {
      const change = await withOrg(command, (database, org) => setCustomerChargePolicy(database.db, org.id, options.customer, null));
      printChange(change, options.json);
    });
  policy
    .command('show')
    .description('show the charge policy of the organisation and, with --customer, what applies to that customer')
    .option('--customer <id>', "a customer's external id")
    .option('--json', 'print JSON')
    .action(async (options: { customer?: string; json?: boolean }, command: Command) => {
      const view = await withOrg(command, (database, org) => showChargePolicy(database.db, org.id, options.customer));
      if (options.json) printJson(view);
      else process.stdout.write(formatPolicyView(view));
    });

  charges
    .command('liable')
    .description('mark a consumer as contractually liable for late charges (--off: take the mark away)')
    .argument('<customer>', "the customer's external id")
    .option('--off', 'the customer is not liable for charges')
    .option('--json', 'print JSON')
    .action(async (customer: string, options: { off?: boolean; json?: boolean }, command: Command) => {
      const result = await withOrg(command, (database, org) => setChargesLiable(database.db, org.id, customer, !options.off));
      if (options.json) printJson(result);
      else process.stdout.write(`Customer ${customer} is ${result.chargesLiable ? 'now' : 'no longer'} marked as contractually liable for charges.\n`);
    });
}

function parseJsonArgument(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError('invalid_input', `the policy is not JSON (${(error as Error).message}); write e.g. '{"type":"uk_late_payment"}' in single quotes`);
  }
}

function printChange(change: ChargePolicyChange, json: boolean | undefined): void {
  if (json) return printJson(change);
  const who = change.scope === 'organisation' ? 'The organisation' : `Customer ${change.customerExternalId}`;
  const lines = [change.policy === null ? `${who} now follows the organisation's charge policy.` : `${who} now charges: ${change.label}.`];
  for (const warning of change.warnings) lines.push(`Note: ${warning}.`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

function formatPolicyView(view: ChargePolicyView): string {
  const described = (p: { label: string } | { invalid: string }) => ('label' in p ? p.label : `not valid: ${p.invalid}`);
  const lines = [`Organisation: ${described(view.organisation)}`];
  if (view.customer) {
    const c = view.customer;
    lines.push(`Customer ${c.name} (${c.externalId}), ${c.kind}${c.kind === 'consumer' ? (c.chargesLiable ? ', contractually liable for charges' : ', not liable for charges') : ''}`);
    lines.push(`  own policy: ${c.own === null ? 'none set (follows the organisation)' : described(c.own)}`);
    lines.push(`  applies: ${'label' in c.applies ? `${c.applies.label} (${c.applies.origin}'s policy)` : `nothing is charged: ${c.applies.nothing}`}`);
  }
  return `${lines.join('\n')}\n`;
}

interface PeriodView {
  from: string;
  to: string;
  days: number;
  principal: string;
  annualRatePercent: string;
  interest: string;
}

export function formatPreview(preview: ChargePreview): string {
  const { customer } = preview;
  const out = [`Charges for ${customer.name} (${customer.externalId}) on ${preview.date}`];
  out.push(preview.policy ? `Policy: ${preview.policy.label} (${preview.policy.origin})` : 'Policy: nothing is charged to this customer');
  if (preview.charges.length > 0) {
    out.push('', formatTable(['Invoice', 'Kind', 'Amount'], preview.charges.map((c) => [c.invoiceNumber, c.kind, formatMoney(c.amount, c.currency)]), new Set([2])));
    for (const [currency, amount] of Object.entries(preview.total)) out.push(`Total ${currency}: ${formatMoney(amount, currency)}`);
    for (const charge of preview.charges) {
      const calc = charge.calculation;
      out.push('', `${charge.invoiceNumber} ${charge.kind}: ${String(calc.method)}`);
      if (charge.kind === 'interest') {
        const periods = calc.periods as PeriodView[];
        out.push(
          formatTable(
            ['From', 'To', 'Days', 'Principal', 'Rate %', 'Interest'],
            periods.map((p) => [p.from, p.to, String(p.days), p.principal, p.annualRatePercent, p.interest]),
            new Set([2, 3, 4, 5]),
          ),
          `accrued ${String(calc.accrued)} (exactly ${String(calc.accruedExact)}, rounded once, half-up) − already charged ${String(calc.alreadyCharged)} = ${String(calc.charge)}`,
        );
      } else {
        const figures = Object.entries(calc).filter(([key]) => ['debt', 'unpaid', 'percent', 'fee', 'compensation', 'source'].includes(key));
        out.push(figures.map(([key, value]) => `  ${key}: ${String(value)}`).join('\n'));
      }
    }
  }
  if (preview.skipped.length > 0) out.push('', 'Not charged:', ...preview.skipped.map((reason) => `- ${reason}`));
  out.push('', 'Nothing was written (preview).');
  return `${out.join('\n')}\n`;
}
