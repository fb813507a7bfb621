// `arrears hold <customer> --reason … [--until …] [--invoice …]`, `hold list`, `hold release <id>`:
// pause collection on a customer (named by external id) or one of its invoices (by number).
import type { Command } from 'commander';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { invoiceByNumber } from '../../app/shared/invoice-by-number.ts';
import { placeHold } from '../../app/pauses/place-hold.ts';
import { releaseHold } from '../../app/pauses/release-hold.ts';
import { listHolds, type HoldRow } from '../../db/queries/holds.ts';
import type { IsoDate } from '../../domain/calendar.ts';
import { isHoldActive } from '../../domain/pauses.ts';
import { AppError } from '../../errors.ts';
import { idArgument } from '../id-argument.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function holdJson(row: HoldRow, today: IsoDate) {
  return {
    id: String(row.id),
    customer: { id: String(row.customer_id), externalId: row.customer_external_id, name: row.customer_name },
    invoice: row.invoice_id === null ? null : { id: String(row.invoice_id), number: row.invoice_number },
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    releasedOn: row.released_on,
    active: isHoldActive({ startsOn: row.starts_on, endsOn: row.ends_on, releasedOn: row.released_on }, today),
    createdBy: row.created_by,
  };
}

const who = (row: HoldRow) => `${row.customer_name} (${row.customer_external_id})`;
const what = (row: HoldRow) => (row.invoice_number ? `invoice ${row.invoice_number} of ${who(row)}` : who(row));

export function registerHoldCommand(program: Command): void {
  const hold = program
    .command('hold')
    .description('pause collection on a customer, or one of its invoices: nothing it covers is chased until the end date or release')
    .argument('<customer>', 'the customer’s external id (the id in your accounting system)')
    .option('--reason <text>', 'why collection is paused (required), e.g. "waiting for their insurer"')
    .option('--until <date>', 'the last day of the pause, YYYY-MM-DD (default: until released)')
    .option('--invoice <number>', 'hold only this invoice of the customer')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { reason?: string; until?: string; invoice?: string; json?: boolean }, command: Command) => {
      // Checked here rather than as a required option, which commander would also demand of `hold list`.
      if (options.reason === undefined) throw new AppError('invalid_input', 'give the reason for the hold with --reason "…", e.g. --reason "waiting for their insurer"');
      const endsOn = dateOption('--until', options.until) ?? null;
      const { row, today } = await withOrg(command, async (database, org, config) => {
        const today = orgToday(org, config);
        const customer = await customerByExternalId(database.db, org.id, externalId);
        const invoice = options.invoice === undefined ? null : await invoiceByNumber(database.db, org.id, options.invoice);
        const row = await placeHold(database.db, org.id, { customerId: customer.id, invoiceId: invoice?.id ?? null, reason: options.reason!, endsOn, today, now: currentInstant(config), actor: cliActor() });
        return { row, today };
      });
      if (options.json) return printJson(holdJson(row, today));
      const until = row.ends_on ? `until ${row.ends_on} (inclusive)` : 'until released';
      process.stdout.write(`Hold ${row.id}: ${what(row)} is on hold ${until}: ${row.reason}. It is not chased meanwhile.\n`);
    });

  hold
    .command('list')
    .description('list the holds in force today (--all: also ended and released ones)')
    .option('--all', 'include holds that have ended or were released')
    .option('--customer <external-id>', 'only this customer’s holds')
    .option('--json', 'print JSON')
    .action(async (options: { all?: boolean; customer?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const { rows, today } = await withOrg(command, async (database, org, config) => {
        const today = orgToday(org, config);
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        const filters = { customerId, active: options.all ? undefined : true };
        return { rows: await listAll((page) => listHolds(database.db, org.id, filters, today, page)), today };
      });
      if (json) return printJson(rows.map((row) => holdJson(row, today)));
      if (rows.length === 0) return void process.stdout.write(options.all ? 'No holds.\n' : `Nothing is on hold today (${today}).\n`);
      const state = (row: HoldRow) =>
        row.released_on ? `released ${row.released_on}` : isHoldActive({ startsOn: row.starts_on, endsOn: row.ends_on, releasedOn: null }, today) ? 'active' : 'ended';
      process.stdout.write(
        `${formatTable(
          ['Id', 'Customer', 'Invoice', 'Reason', 'From', 'Until', 'Status'],
          rows.map((row) => [String(row.id), who(row), row.invoice_number ?? '(all)', row.reason, row.starts_on, row.ends_on ?? 'open-ended', state(row)]),
        )}\n`,
      );
    });

  hold
    .command('release')
    .description('end a hold early: collection resumes today')
    .argument('<hold-id>', 'the hold’s id (see `arrears hold list`)')
    .option('--note <text>', 'why, for the timeline')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { note?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const holdId = idArgument('hold id', id, 'arrears hold list');
      const { row, today } = await withOrg(command, async (database, org, config) => {
        const today = orgToday(org, config);
        return { row: await releaseHold(database.db, org.id, { holdId, note: options.note ?? null, today, now: currentInstant(config), actor: cliActor() }), today };
      });
      if (json) return printJson(holdJson(row, today));
      process.stdout.write(`Hold ${row.id} released: collection of ${what(row)} resumes today (${today}).\n`);
    });
}
