// `arrears promise <customer> --amount … --date …`, `promise list`, `promise cancel <id>`: a
// customer's promise to pay; while pending they are not chased, and the daily cycle decides from
// the payments whether it was kept or broken.
import { Option, type Command } from 'commander';
import { cancelPromise } from '../../app/arrangements/cancel-promise.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { recordPromise } from '../../app/arrangements/record-promise.ts';
import { listPromises, type PromiseRow } from '../../db/queries/promises.ts';
import { formatMoney, parseCurrency } from '../../domain/money.ts';
import { promiseStatuses, type PromiseStatus } from '../../domain/pauses.ts';
import { AppError } from '../../errors.ts';
import { idArgument } from '../id-argument.ts';
import { cliActor } from '../actor.ts';
import { amountOption } from '../amount-option.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function promiseJson(row: PromiseRow) {
  return {
    id: String(row.id),
    customer: { id: String(row.customer_id), externalId: row.customer_external_id, name: row.customer_name },
    amount: row.amount,
    currency: row.currency,
    madeOn: row.made_on,
    dueOn: row.due_on,
    status: row.status,
    resolvedOn: row.resolved_on,
    note: row.note,
    createdBy: row.created_by,
  };
}

const who = (row: PromiseRow) => `${row.customer_name} (${row.customer_external_id})`;

export function registerPromiseCommand(program: Command): void {
  const promise = program
    .command('promise')
    .description('record a customer’s promise to pay an amount by a date: they are not chased while it is pending')
    .argument('<customer>', 'the customer’s external id (the id in your accounting system)')
    .option('--amount <amount>', 'the amount promised, e.g. 250.00 (required)')
    .option('--currency <code>', 'its currency (default: the customer’s)')
    .option('--date <date>', 'the date promised, YYYY-MM-DD, today or later (required)')
    .option('--note <text>', 'what was said, for the timeline')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { amount?: string; currency?: string; date?: string; note?: string; json?: boolean }, command: Command) => {
      // Checked here rather than as required options, which commander would also demand of `promise list`.
      if (options.amount === undefined) throw new AppError('invalid_input', 'give the amount promised with --amount, e.g. --amount 250.00');
      const dueOn = dateOption('--date', options.date);
      if (dueOn === undefined) throw new AppError('invalid_input', 'give the date promised with --date YYYY-MM-DD, e.g. --date 2026-12-01');
      let currency: string | undefined;
      if (options.currency !== undefined) {
        const parsed = parseCurrency(options.currency);
        if (!parsed.ok) throw new AppError('invalid_input', `--currency "${options.currency}" ${parsed.message}`);
        currency = parsed.value;
      }
      const recorded = await withOrg(command, async (database, org, config) => {
        const customer = await customerByExternalId(database.db, org.id, externalId);
        const inCurrency = currency ?? customer.currency;
        const amount = amountOption('--amount', options.amount!, inCurrency);
        return recordPromise(database.db, org.id, { customerId: customer.id, amount, currency: inCurrency, dueOn, note: options.note ?? null, today: orgToday(org, config), now: currentInstant(config), actor: cliActor() });
      });
      const { promise: row, superseded } = recorded;
      if (options.json) return printJson({ ...promiseJson(row), superseded: superseded && promiseJson(superseded) });
      const replaced = superseded
        ? `\nIt supersedes promise ${superseded.id} (${formatMoney(superseded.amount, superseded.currency)} by ${superseded.due_on}), now cancelled.`
        : '';
      process.stdout.write(`Promise ${row.id}: ${who(row)} promised to pay ${formatMoney(row.amount, row.currency)} by ${row.due_on}. They are not chased while it is pending.${replaced}\n`);
    });

  promise
    .command('list')
    .description('list promises to pay, newest last')
    .addOption(new Option('--status <status>', 'only promises with this status').choices(promiseStatuses))
    .option('--customer <external-id>', 'only this customer’s promises')
    .option('--json', 'print JSON')
    .action(async (options: { status?: PromiseStatus; customer?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const rows = await withOrg(command, async (database, org) => {
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        return listAll((page) => listPromises(database.db, org.id, { customerId, status: options.status }, page));
      });
      if (json) return printJson(rows.map(promiseJson));
      if (rows.length === 0) return void process.stdout.write(options.status ? `No ${options.status} promises.\n` : 'No promises.\n');
      process.stdout.write(
        `${formatTable(
          ['Id', 'Customer', 'Amount', 'Made', 'Due', 'Status'],
          rows.map((row) => [String(row.id), who(row), formatMoney(row.amount, row.currency), row.made_on, row.due_on, row.resolved_on ? `${row.status} ${row.resolved_on}` : row.status]),
          new Set([2]),
        )}\n`,
      );
    });

  promise
    .command('cancel')
    .description('cancel a pending promise (not the same as broken: no firmer step follows)')
    .argument('<promise-id>', 'the promise’s id (see `arrears promise list`)')
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const promiseId = idArgument('promise id', id, 'arrears promise list');
      const row = await withOrg(command, (database, org, config) =>
        cancelPromise(database.db, org.id, { promiseId, reason: options.reason ?? null, today: orgToday(org, config), now: currentInstant(config), actor: cliActor() }),
      );
      if (json) return printJson(promiseJson(row));
      process.stdout.write(`Promise ${row.id} of ${who(row)} cancelled; they are chased again from the next cycle.\n`);
    });
}
