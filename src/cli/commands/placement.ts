// `arrears placement create --agency NAME --commission PCT <customers…> --out placement.zip`,
// `placement recall <id>`, `placement payment <id> --amount … --date …`, `placement list`,
// `placement show <id>`, `placement download <id> --out file.zip`: handing accounts to a
// collection agency (docs/hand-over.md).
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { createPlacement } from '../../app/placements/create-placement.ts';
import { agencyPaymentView, placementView } from '../../app/placements/placement-view.ts';
import { recallPlacement } from '../../app/placements/recall-placement.ts';
import { recordAgencyPayment } from '../../app/placements/record-agency-payment.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { findPlacementDetail, listPlacements, placementArchive, type PlacementDetail } from '../../db/queries/placements.ts';
import { formatMoney, sumByCurrency } from '../../domain/money.ts';
import { commissionPercentText } from '../../domain/placements/commission.ts';
import { placementStatuses, type PlacementStatus } from '../../domain/placements/placement-status.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { amountOption } from '../amount-option.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { idArgument } from '../id-argument.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function detailJson(detail: PlacementDetail) {
  return {
    ...placementView(detail.placement),
    invoices: detail.invoices.map((i) => ({ id: String(i.invoice_id), number: i.number, customer: { id: String(i.customer_id), externalId: i.customer_external_id, name: i.customer_name }, currency: i.currency, balancePlaced: i.balance_placed, balance: i.balance, status: i.status })),
    payments: detail.payments.map(agencyPaymentView),
  };
}

const moneyList = (items: Array<{ amount: bigint; currency: string }>) =>
  [...sumByCurrency(items)].map(([currency, amount]) => formatMoney(amount, currency)).join(' + ') || 'nothing';

function describe(detail: PlacementDetail): string {
  const p = detail.placement;
  const state = p.status === 'placed' ? 'with the agency: Arrears does not chase these invoices' : `recalled on ${p.recalled_on}${p.recall_reason ? ` (${p.recall_reason})` : ''}: chased again`;
  const lines = [
    `Placement ${p.id} with ${p.agency}, placed ${p.placed_on}, commission ${commissionPercentText(p.commission_bp)}%: ${state}.`,
    `${p.accounts} ${p.accounts === 1 ? 'account' : 'accounts'}, ${moneyList(detail.invoices.map((i) => ({ amount: i.balance_placed, currency: i.currency })))} placed, ${moneyList(detail.invoices.map((i) => ({ amount: i.balance, currency: i.currency })))} still owed.`,
  ];
  if (detail.payments.length > 0) {
    lines.push(`Collected by the agency: ${moneyList(detail.payments)}, its commission ${moneyList(detail.payments.map((x) => ({ amount: x.commission, currency: x.currency })))}.`);
  }
  lines.push(`The file handed over: SHA-256 ${p.archive_sha256} (${p.archive_size} bytes); \`arrears placement download ${p.id} --out file.zip\` writes it again.`);
  return `${lines.join('\n')}\n`;
}

export function registerPlacementCommand(program: Command): void {
  const placement = program.command('placement').description('agency placements: hand accounts to a collection agency, recall them, record what it collects');

  placement
    .command('create')
    .description('place customers’ open invoices with an agency and write the file for it (owner): Arrears stops chasing them')
    .argument('<customers...>', 'the customers’ external ids')
    .option('--agency <name>', 'the agency (required)')
    .option('--commission <percent>', 'its commission on what it collects, e.g. 25 or 12.5 (required)')
    .option('--out <file>', 'where to write the ZIP for the agency (required)')
    .option('--json', 'print JSON')
    .action(async (externalIds: string[], options: { agency?: string; commission?: string; out?: string; json?: boolean }, command: Command) => {
      if (options.agency === undefined) throw new AppError('invalid_input', 'name the agency with --agency NAME');
      if (options.commission === undefined) throw new AppError('invalid_input', 'give the agency’s commission with --commission PERCENT, e.g. --commission 25');
      if (options.out === undefined) throw new AppError('invalid_input', 'say where to write the file for the agency with --out placement.zip');
      const out = options.out;
      const detail = await withOrg(command, async (database, org, config) => {
        const customers = await Promise.all(externalIds.map((id) => customerByExternalId(database.db, org.id, id)));
        const created = await createPlacement(database.db, org, {
          agency: options.agency!,
          commissionPercent: options.commission!,
          customerIds: customers.map((customer) => customer.id),
          role: 'owner',
          today: orgToday(org, config), now: currentInstant(config),
          actor: cliActor(),
        });
        writeFileSync(out, created.archive);
        return (await findPlacementDetail(database.db, org.id, created.id))!;
      });
      if (options.json) return printJson(detailJson(detail));
      process.stdout.write(describe(detail) + `Wrote ${out}.\n`);
    });

  placement
    .command('recall')
    .description('take a placement back from the agency (owner): Arrears chases its invoices again')
    .argument('<placement-id>', 'the placement’s id (see `arrears placement list`)')
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const placementId = idArgument('placement id', id, 'arrears placement list');
      const detail = await withOrg(command, (database, org, config) =>
        recallPlacement(database.db, org.id, { placementId, reason: options.reason, role: 'owner', today: orgToday(org, config), now: currentInstant(config), actor: cliActor() }),
      );
      if (json) return printJson(detailJson(detail));
      process.stdout.write(describe(detail));
    });

  placement
    .command('payment')
    .description('record a payment the agency reports collecting, with its commission')
    .argument('<placement-id>', 'the placement’s id')
    .option('--amount <amount>', 'what the debtor paid the agency, before its commission (required)')
    .option('--date <date>', 'when the debtor paid, YYYY-MM-DD (required)')
    .option('--customer <external-id>', 'which account paid (needed when the placement holds several)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { amount?: string; date?: string; customer?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const placementId = idArgument('placement id', id, 'arrears placement list');
      if (options.amount === undefined) throw new AppError('invalid_input', 'give the amount collected with --amount, e.g. --amount 250.00');
      const receivedOn = dateOption('--date', options.date);
      if (receivedOn === undefined) throw new AppError('invalid_input', 'give the date the debtor paid with --date YYYY-MM-DD');
      const result = await withOrg(command, async (database, org, config) => {
        const found = await findPlacementDetail(database.db, org.id, placementId);
        if (!found) throw new AppError('not_found', `there is no placement ${placementId}; see \`arrears placement list\``);
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        // the amount is read in the currency of the account's placed invoices
        const currency = found.invoices.find((invoice) => customerId === undefined || invoice.customer_id === customerId)?.currency ?? org.default_currency;
        return recordAgencyPayment(database.db, org.id, {
          placementId,
          customerId,
          amount: amountOption('--amount', options.amount!, currency),
          receivedOn,
          today: orgToday(org, config), now: currentInstant(config),
          actor: cliActor(),
        });
      });
      if (json) return printJson({ paymentId: String(result.paymentId), commission: result.commission, currency: result.currency, placement: detailJson(result.detail) });
      process.stdout.write(`Payment ${result.paymentId} recorded; the agency's commission is ${formatMoney(result.commission, result.currency)}.\n${describe(result.detail)}`);
    });

  placement
    .command('list')
    .description('list placements, oldest first')
    .addOption(new Option('--status <status>', 'only placements with this status').choices(placementStatuses))
    .option('--customer <external-id>', 'only placements holding this customer')
    .option('--json', 'print JSON')
    .action(async (options: { status?: PlacementStatus; customer?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const rows = await withOrg(command, async (database, org) => {
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        return listAll((page) => listPlacements(database.db, org.id, { status: options.status, customerId }, page));
      });
      if (json) return printJson(rows.map(placementView));
      if (rows.length === 0) return void process.stdout.write('No placements.\n');
      process.stdout.write(
        `${formatTable(
          ['Id', 'Agency', 'Commission', 'Accounts', 'Placed', 'Status'],
          rows.map((row) => [String(row.id), row.agency, `${commissionPercentText(row.commission_bp)}%`, String(row.accounts), row.placed_on, row.recalled_on ? `recalled ${row.recalled_on}` : row.status]),
          new Set([2, 3]),
        )}\n`,
      );
    });

  placement
    .command('show')
    .description('show a placement with its invoices and the payments the agency reported')
    .argument('<placement-id>', 'the placement’s id')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const placementId = idArgument('placement id', id, 'arrears placement list');
      const detail = await withOrg(command, async (database, org) => {
        const found = await findPlacementDetail(database.db, org.id, placementId);
        if (!found) throw new AppError('not_found', `there is no placement ${placementId}; see \`arrears placement list\``);
        return found;
      });
      if (json) return printJson(detailJson(detail));
      process.stdout.write(describe(detail));
    });

  placement
    .command('download')
    .description('write the file handed to the agency again, byte for byte')
    .argument('<placement-id>', 'the placement’s id')
    .option('--out <file>', 'where to write the ZIP (required)')
    .action(async (id: string, options: { out?: string }, command: Command) => {
      const placementId = idArgument('placement id', id, 'arrears placement list');
      if (options.out === undefined) throw new AppError('invalid_input', 'say where to write the ZIP with --out file.zip');
      const found = await withOrg(command, (database, org) => placementArchive(database.db, org.id, placementId));
      if (!found) throw new AppError('not_found', `there is no placement ${placementId}; see \`arrears placement list\``);
      writeFileSync(options.out, found.archive);
      process.stdout.write(`Wrote ${options.out} (SHA-256 ${found.archive_sha256}).\n`);
    });
}
