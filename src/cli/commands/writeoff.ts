// `arrears writeoff <invoice> --reason-code …`, `writeoff reverse <id> --reason …`, `writeoff list`,
// `writeoff export --from D --to D --format xero|quickbooks|csv`: giving up a debt, with a reason,
// on the record and out of the overdue figures; and the credit-note file for the accounting system.
import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { exportWriteOffs } from '../../app/arrangements/export-write-offs.ts';
import { reverseWriteOff } from '../../app/arrangements/reverse-write-off.ts';
import { writeOffInvoice } from '../../app/arrangements/write-off-invoice.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { invoiceByNumber } from '../../app/shared/invoice-by-number.ts';
import { listWriteOffs, type WriteOffRow } from '../../db/queries/write-offs.ts';
import { writeOffExportFormats, type WriteOffExportFormat } from '../../domain/arrangements/write-off-export.ts';
import { writeOffReasonCodes } from '../../domain/arrangements/write-off-rules.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { idArgument } from '../id-argument.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function writeOffJson(row: WriteOffRow) {
  return {
    id: String(row.id),
    invoice: { id: String(row.invoice_id), number: row.invoice_number },
    customer: { id: String(row.customer_id), externalId: row.customer_external_id, name: row.customer_name },
    amount: row.amount,
    currency: row.currency,
    reasonCode: row.reason_code,
    note: row.note,
    writtenOffOn: row.written_off_on,
    createdBy: row.created_by,
    settlementId: row.settlement_id === null ? null : String(row.settlement_id),
    reversedOn: row.reversed_on,
    reversedBy: row.reversed_by,
    reversalReason: row.reversal_reason,
  };
}

export function registerWriteOffCommand(program: Command): void {
  const writeoff = program
    .command('writeoff')
    .description('write an invoice off (owner): its balance is given up, with a reason code, and leaves the overdue figures')
    .argument('<invoice>', 'the invoice number')
    .addOption(new Option('--reason-code <code>', 'why (required)').choices(writeOffReasonCodes))
    .option('--note <text>', 'more about why (required with --reason-code other)')
    .option('--json', 'print JSON')
    .action(async (number: string, options: { reasonCode?: string; note?: string; json?: boolean }, command: Command) => {
      if (options.reasonCode === undefined) throw new AppError('invalid_input', `give the reason with --reason-code, one of ${writeOffReasonCodes.join(', ')}`);
      // the command line has no login: it acts as the owner, as the other owner-only commands do
      const row = await withOrg(command, async (database, org, config) => {
        const invoice = await invoiceByNumber(database.db, org.id, number);
        return writeOffInvoice(database.db, org.id, { invoiceId: invoice.id, reasonCode: options.reasonCode!, note: options.note ?? null, role: 'owner', today: orgToday(org, config), now: currentInstant(config), actor: cliActor() });
      });
      if (options.json) return printJson(writeOffJson(row));
      process.stdout.write(`Write-off ${row.id}: invoice ${row.invoice_number} of ${row.customer_name} (${row.customer_external_id}) written off, ${formatMoney(row.amount, row.currency)} (${row.reason_code}). It is no longer chased or in the overdue figures; reverse it with \`arrears writeoff reverse ${row.id} --reason …\`.\n`);
    });

  writeoff
    .command('reverse')
    .description('reverse a write-off (owner): the invoice is open and chased again')
    .argument('<writeoff-id>', 'the write-off’s id (see `arrears writeoff list`)')
    .option('--reason <text>', 'why (required)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const writeOffId = idArgument('write-off id', id, 'arrears writeoff list');
      const row = await withOrg(command, (database, org, config) => reverseWriteOff(database.db, org.id, { writeOffId, reason: options.reason, role: 'owner', today: orgToday(org, config), now: currentInstant(config), actor: cliActor() }));
      if (json) return printJson(writeOffJson(row));
      process.stdout.write(`Write-off ${row.id} of invoice ${row.invoice_number} reversed: the invoice is chased again from the next cycle.\n`);
    });

  writeoff
    .command('list')
    .description('list write-offs, oldest first')
    .option('--customer <external-id>', 'only this customer’s')
    .option('--from <date>', 'written off on or after this date')
    .option('--to <date>', 'written off on or before this date')
    .option('--json', 'print JSON')
    .action(async (options: { customer?: string; from?: string; to?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const from = dateOption('--from', options.from);
      const to = dateOption('--to', options.to);
      const rows = await withOrg(command, async (database, org) => {
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        return listAll((page) => listWriteOffs(database.db, org.id, { customerId, from, to }, page));
      });
      if (json) return printJson(rows.map(writeOffJson));
      if (rows.length === 0) return void process.stdout.write('No write-offs.\n');
      process.stdout.write(
        `${formatTable(
          ['Id', 'Date', 'Invoice', 'Customer', 'Amount', 'Reason', 'Reversed'],
          rows.map((row) => [String(row.id), row.written_off_on, row.invoice_number, `${row.customer_name} (${row.customer_external_id})`, formatMoney(row.amount, row.currency), row.reason_code, row.reversed_on ?? '']),
          new Set([4]),
        )}\n`,
      );
    });

  writeoff
    .command('export')
    .description('the write-offs of a period as a credit-note import file for your accounting system')
    .option('--from <date>', 'the first day, YYYY-MM-DD (required)')
    .option('--to <date>', 'the last day, YYYY-MM-DD (required)')
    .addOption(new Option('--format <format>', 'the accounting system').choices(writeOffExportFormats).default('csv'))
    .option('--account <code>', 'your bad-debt account (xero: its account code; quickbooks: the product/service); required for xero and quickbooks')
    .option('--tax-type <name>', 'xero: the tax rate name for the credit notes', 'Tax Exempt')
    .option('--out <file>', 'write to this file (default: standard output)')
    .action(async (options: { from?: string; to?: string; format: WriteOffExportFormat; account?: string; taxType: string; out?: string }, command: Command) => {
      const from = dateOption('--from', options.from);
      const to = dateOption('--to', options.to);
      if (from === undefined || to === undefined) throw new AppError('invalid_input', 'give the period with --from YYYY-MM-DD and --to YYYY-MM-DD');
      const { text, count } = await withOrg(command, (database, org) => exportWriteOffs(database.db, org.id, { from, to, format: options.format, account: options.account, taxType: options.taxType }));
      if (options.out === undefined) return void process.stdout.write(text);
      writeFileSync(options.out, text);
      process.stdout.write(`${count} write-off(s) from ${from} to ${to} written to ${options.out} (${options.format}).\n`);
    });
}
