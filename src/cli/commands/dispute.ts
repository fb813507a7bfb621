// `arrears dispute open <invoice> …`, `dispute resolve <invoice> …`, `dispute list`: a customer
// contests an invoice (named by its number); while open, the disputed amount is not chased.
import { Option, type Command } from 'commander';
import { invoiceByNumber } from '../../app/shared/invoice-by-number.ts';
import { openDispute } from '../../app/pauses/open-dispute.ts';
import { resolveDispute } from '../../app/pauses/resolve-dispute.ts';
import { findOpenDisputeOfInvoice, listDisputes, type DisputeRow } from '../../db/queries/disputes.ts';
import { formatMoney } from '../../domain/money.ts';
import { disputeOutcomes, disputeReasonCodes } from '../../domain/pauses.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { amountOption } from '../amount-option.ts';
import { withOrg } from '../context.ts';
import { currentInstant, orgToday } from '../dates.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function disputeJson(row: DisputeRow) {
  return {
    id: String(row.id),
    invoice: { id: String(row.invoice_id), number: row.invoice_number, balance: row.invoice_balance, currency: row.currency },
    customer: { id: String(row.customer_id), externalId: row.customer_external_id, name: row.customer_name },
    status: row.status,
    reasonCode: row.reason_code,
    reason: row.reason,
    amount: row.amount,
    openedOn: row.opened_on,
    resolvedOn: row.resolved_on,
    outcome: row.outcome,
    resolution: row.resolution,
  };
}

const disputed = (row: DisputeRow) => (row.amount === null ? `all of ${formatMoney(row.invoice_balance, row.currency)}` : formatMoney(row.amount, row.currency));

export function registerDisputeCommand(program: Command): void {
  const dispute = program.command('dispute').description('disputes on invoices: while one is open, the disputed amount is not chased');

  dispute
    .command('open')
    .description('open a dispute on an open invoice (one open dispute per invoice)')
    .argument('<invoice>', 'the invoice number')
    .addOption(new Option('--reason-code <code>', 'why, in one word').choices(disputeReasonCodes).makeOptionMandatory())
    .requiredOption('--reason <text>', 'what the customer says, e.g. "two of the ten chairs arrived broken"')
    .option('--amount <amount>', 'the part disputed, e.g. 12.34 in the invoice’s currency (default: the whole balance)')
    .option('--json', 'print JSON')
    .action(async (number: string, options: { reasonCode: string; reason: string; amount?: string; json?: boolean }, command: Command) => {
      const row = await withOrg(command, async (database, org, config) => {
        const invoice = await invoiceByNumber(database.db, org.id, number);
        const amount = options.amount === undefined ? null : amountOption('--amount', options.amount, invoice.currency);
        return openDispute(database.db, org.id, { invoiceId: invoice.id, reasonCode: options.reasonCode, reason: options.reason, amount, today: orgToday(org, config), now: currentInstant(config), actor: cliActor() });
      });
      if (options.json) return printJson(disputeJson(row));
      process.stdout.write(
        `Dispute ${row.id} opened on invoice ${row.invoice_number} of ${row.customer_name} (${row.customer_external_id}): ${disputed(row)} disputed (${row.reason_code}). It is not chased while the dispute is open.\n`,
      );
    });

  dispute
    .command('resolve')
    .description('resolve the open dispute on an invoice; the ledger does not change (record a credit note for that)')
    .argument('<invoice>', 'the invoice number')
    .addOption(new Option('--outcome <outcome>', 'how it ended').choices(disputeOutcomes).makeOptionMandatory())
    .requiredOption('--resolution <text>', 'what was decided, e.g. "credit of £40 agreed for the broken chairs"')
    .option('--json', 'print JSON')
    .action(async (number: string, options: { outcome: string; resolution: string; json?: boolean }, command: Command) => {
      const resolved = await withOrg(command, async (database, org, config) => {
        const invoice = await invoiceByNumber(database.db, org.id, number);
        const open = await findOpenDisputeOfInvoice(database.db, org.id, invoice.id);
        if (!open) throw new AppError('not_found', `invoice ${number} has no open dispute; \`arrears dispute list\` shows the disputes`);
        return resolveDispute(database.db, org.id, { disputeId: open.id, outcome: options.outcome, resolution: options.resolution, today: orgToday(org, config), now: currentInstant(config), actor: cliActor() });
      });
      if (options.json) return printJson({ ...disputeJson(resolved.dispute), notice: resolved.notice });
      process.stdout.write(`Dispute ${resolved.dispute.id} on invoice ${number} resolved (${options.outcome.replaceAll('_', ' ')}).\n${resolved.notice}\n`);
    });

  dispute
    .command('list')
    .description('list disputes, newest last')
    .addOption(new Option('--status <status>', 'only open or only resolved disputes').choices(['open', 'resolved']))
    .option('--json', 'print JSON')
    .action(async (options: { status?: 'open' | 'resolved'; json?: boolean }, command: Command) => {
      const rows = await withOrg(command, (database, org) => listAll((page) => listDisputes(database.db, org.id, { status: options.status }, page)));
      if (options.json) return printJson(rows.map(disputeJson));
      if (rows.length === 0) return void process.stdout.write(options.status ? `No ${options.status} disputes.\n` : 'No disputes.\n');
      process.stdout.write(
        `${formatTable(
          ['Id', 'Invoice', 'Customer', 'Disputed', 'Code', 'Opened', 'Status', 'Outcome'],
          rows.map((row) => [
            String(row.id),
            row.invoice_number,
            `${row.customer_name} (${row.customer_external_id})`,
            disputed(row),
            row.reason_code,
            row.opened_on,
            row.status === 'open' ? 'open' : `resolved ${row.resolved_on}`,
            row.outcome?.replaceAll('_', ' ') ?? '',
          ]),
          new Set([3]),
        )}\n`,
      );
    });
}
