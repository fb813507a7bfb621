// `arrears settlement offer <customer> --amount A | --percent P [--invoices …] --expires D`,
// `settlement approve|decline <id> --reason …`, `settlement list`: settling for less than owed.
import { Option, type Command } from 'commander';
import { decideSettlement } from '../../app/arrangements/decide-settlement.ts';
import { offerSettlement } from '../../app/arrangements/offer-settlement.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { invoiceByNumber } from '../../app/shared/invoice-by-number.ts';
import { findSettlementDetail, listSettlements, type SettlementDetail, type SettlementRow } from '../../db/queries/settlements.ts';
import { settlementStatuses, type SettlementStatus } from '../../domain/arrangements/settlement-rules.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { amountOption } from '../amount-option.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { idArgument } from '../id-argument.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function settlementJson(row: SettlementRow) {
  return {
    id: String(row.id),
    customer: { id: String(row.customer_id), externalId: row.customer_external_id, name: row.customer_name },
    status: row.status,
    owed: row.owed,
    amount: row.amount,
    currency: row.currency,
    expiresOn: row.expires_on,
    offeredBy: row.offered_by,
    offeredOn: row.offered_on,
    decidedBy: row.decided_by,
    decidedOn: row.decided_on,
    decisionReason: row.decision_reason,
    paidOn: row.paid_on,
    resolvedOn: row.resolved_on,
  };
}

function detailJson(detail: SettlementDetail) {
  return { ...settlementJson(detail.settlement), invoices: detail.invoices.map((i) => ({ id: String(i.id), number: i.number, balanceOffered: i.balance_offered, balance: i.balance, status: i.status })) };
}

const who = (row: SettlementRow) => `${row.customer_name} (${row.customer_external_id})`;

function describe(detail: SettlementDetail): string {
  const s = detail.settlement;
  const state =
    s.status === 'awaiting_approval'
      ? `waits for an owner's approval (\`arrears settlement approve ${s.id} --reason …\`)`
      : s.status === 'offered'
        ? `on offer until ${s.expires_on}; paid in full by then, the rest is written off`
        : `${s.status.replace('_', ' ')}${s.resolved_on ? ` on ${s.resolved_on}` : ''}`;
  return `Settlement ${s.id} of ${who(s)}: ${formatMoney(s.amount, s.currency)} to settle ${formatMoney(s.owed, s.currency)} on ${detail.invoices.map((i) => i.number).join(', ')}; ${state}.\n`;
}

export function registerSettlementCommand(program: Command): void {
  const settlement = program.command('settlement').description('settlements: settling invoices for less than owed, by an expiry date');

  settlement
    .command('offer')
    .description('offer a settlement; under the organisation’s threshold it waits for an owner’s approval')
    .argument('<customer>', 'the customer’s external id')
    .option('--amount <amount>', 'the amount that settles the invoices')
    .option('--percent <percent>', 'or: a percentage of their balance, e.g. 60')
    .option('--invoices <numbers>', 'the invoice numbers, comma-separated (default: every open invoice not under another arrangement)')
    .option('--expires <date>', 'the last day to pay, YYYY-MM-DD (required)')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { amount?: string; percent?: string; invoices?: string; expires?: string; json?: boolean }, command: Command) => {
      const expiresOn = dateOption('--expires', options.expires);
      if (expiresOn === undefined) throw new AppError('invalid_input', 'give the last day to pay with --expires YYYY-MM-DD');
      if ((options.amount === undefined) === (options.percent === undefined)) throw new AppError('invalid_input', 'give --amount or --percent (one of them)');
      if (options.percent !== undefined && !/^\d+(\.\d{1,2})?$/.test(options.percent)) throw new AppError('invalid_input', `--percent must be a number such as 60 or 62.5 (got "${options.percent}")`);
      const numbers = options.invoices?.split(',').map((n) => n.trim()).filter((n) => n !== '');
      const detail = await withOrg(command, async (database, org, config) => {
        const customer = await customerByExternalId(database.db, org.id, externalId);
        const invoices = numbers ? await Promise.all(numbers.map((number) => invoiceByNumber(database.db, org.id, number))) : null;
        const currency = invoices?.[0]?.currency ?? customer.currency;
        return offerSettlement(database.db, org.id, {
          customerId: customer.id,
          invoiceIds: invoices ? invoices.map((invoice) => invoice.id) : null,
          currency,
          amount: options.amount === undefined ? undefined : amountOption('--amount', options.amount, currency),
          percent: options.percent === undefined ? undefined : Number(options.percent),
          expiresOn,
          role: 'owner',
          today: orgToday(org, config), now: currentInstant(config),
          actor: cliActor(),
        });
      });
      if (options.json) return printJson(detailJson(detail));
      process.stdout.write(describe(detail));
    });

  for (const decision of ['approve', 'decline'] as const) {
    settlement
      .command(decision)
      .description(decision === 'approve' ? 'approve a settlement awaiting approval (owner): it is on offer' : 'decline a settlement awaiting approval (owner): its invoices are chased again')
      .argument('<settlement-id>', 'the settlement’s id (see `arrears settlement list`)')
      .option('--reason <text>', 'why (required)')
      .option('--json', 'print JSON')
      .action(async (id: string, options: { reason?: string }, command: Command) => {
        const json = command.optsWithGlobals<{ json?: boolean }>().json;
        const settlementId = idArgument('settlement id', id, 'arrears settlement list');
        const detail = await withOrg(command, (database, org, config) =>
          decideSettlement(database.db, org.id, { settlementId, decision, reason: options.reason, role: 'owner', today: orgToday(org, config), now: currentInstant(config), actor: cliActor() }),
        );
        if (json) return printJson(detailJson(detail));
        process.stdout.write(describe(detail));
      });
  }

  settlement
    .command('list')
    .description('list settlements, oldest first')
    .addOption(new Option('--status <status>', 'only settlements with this status').choices(settlementStatuses))
    .option('--customer <external-id>', 'only this customer’s')
    .option('--json', 'print JSON')
    .action(async (options: { status?: SettlementStatus; customer?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const rows = await withOrg(command, async (database, org) => {
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        return listAll((page) => listSettlements(database.db, org.id, { customerId, status: options.status }, page));
      });
      if (json) return printJson(rows.map(settlementJson));
      if (rows.length === 0) return void process.stdout.write('No settlements.\n');
      process.stdout.write(
        `${formatTable(
          ['Id', 'Customer', 'Amount', 'Owed', 'Expires', 'Status'],
          rows.map((row) => [String(row.id), who(row), formatMoney(row.amount, row.currency), formatMoney(row.owed, row.currency), row.expires_on, row.resolved_on ? `${row.status} ${row.resolved_on}` : row.status.replace('_', ' ')]),
          new Set([2, 3]),
        )}\n`,
      );
    });

  settlement
    .command('show')
    .description('show a settlement with its invoices')
    .argument('<settlement-id>', 'the settlement’s id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const settlementId = idArgument('settlement id', id, 'arrears settlement list');
      const detail = await withOrg(command, async (database, org) => {
        const found = await findSettlementDetail(database.db, org.id, settlementId);
        if (!found) throw new AppError('not_found', `there is no settlement ${settlementId}; see \`arrears settlement list\``);
        return found;
      });
      if (json) return printJson(detailJson(detail));
      process.stdout.write(describe(detail));
    });
}
