// `arrears task list | show <id> | outcome <id> <code>`: the worklist of calls and reviews, a call's
// script with what is owed, and one command to record how the call went.
import type { Command } from 'commander';
import { callScript } from '../../app/call-script.ts';
import { recordCallOutcome } from '../../app/record-call-outcome.ts';
import { listActions } from '../../db/queries/actions.ts';
import { callOutcomeCodes } from '../../domain/calls/call-outcomes.ts';
import { AppError } from '../../errors.ts';
import { idArgument } from '../id-argument.ts';
import { amountOption } from '../amount-option.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption } from '../dates.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

interface OutcomeOptions {
  note?: string;
  amount?: string;
  currency?: string;
  date?: string;
  reasonCode?: string;
  reason?: string;
  at?: string;
  json?: boolean;
}

export function registerTaskCommand(program: Command): void {
  const task = program.command('task').description('work for a person: calls and reviews');
  task
    .command('list')
    .description('the open tasks (calls and reviews), oldest first')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const rows = await withOrg(command, async (database, org) => {
        const all = await Promise.all(
          (['ready', 'deferred'] as const).map((status) => listAll((page) => listActions(database.db, org.id, { kind: 'task', status }, page))),
        );
        return all.flat().sort((a, b) => a.due_at.localeCompare(b.due_at));
      });
      const list = rows.map((r) => ({ id: r.id.toString(), customer: r.customer_external_id, channel: r.channel, step: r.step_name, status: r.status, dueAt: r.due_at, invoices: r.invoice_numbers }));
      if (options.json) printJson(list);
      else process.stdout.write(`${formatTable(['id', 'customer', 'task', 'step', 'status', 'due'], list.map((r) => [r.id, r.customer, r.channel, r.step, r.status, r.dueAt]))}\n`);
    });
  task
    .command('show')
    .description("a call task's script, voicemail script, numbers and what is owed")
    .argument('<id>', 'the task (action) id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const taskId = idArgument('task id', id, 'arrears task list');
      const script = await withOrg(command, (database, org, config) => callScript(database.db, org, taskId, currentInstant(config)));
      if (options.json) return printJson(script);
      process.stdout.write(
        [
          `Call ${script.customer.name} (${script.customer.externalId})${script.contactName ? `, ask for ${script.contactName}` : ''}: ${script.phones.join(', ') || 'no usable number on file'}`,
          '',
          script.script,
          '',
          ...(script.voicemail ? ['If you reach voicemail, leave only this:', script.voicemail, ''] : []),
          `Afterwards: arrears task outcome ${script.actionId} <${callOutcomeCodes.join('|')}>`,
          '',
        ].join('\n'),
      );
    });
  task
    .command('outcome')
    .description(`record how a call went: ${callOutcomeCodes.join(', ')}`)
    .argument('<id>', 'the call task (action) id')
    .argument('<outcome>', callOutcomeCodes.join(' | '))
    .option('--note <text>', 'what was said, in a sentence')
    .option('--amount <amount>', 'promise: the amount promised, e.g. 250.00')
    .option('--currency <code>', "promise: the currency (default: the customer's)")
    .option('--date <date>', 'promise: the date promised, YYYY-MM-DD')
    .option('--reason-code <code>', 'dispute: the reason code')
    .option('--reason <text>', 'dispute: what the customer says is wrong')
    .option('--at <time>', 'call_back: when, ISO 8601 with offset, e.g. 2026-11-24T15:00:00-05:00')
    .option('--json', 'print JSON')
    .action(async (id: string, outcome: string, options: OutcomeOptions, command: Command) => {
      const taskId = idArgument('task id', id, 'arrears task list');
      const result = await withOrg(command, async (database, org, config) => {
        const currency = options.currency?.toUpperCase() ?? org.default_currency;
        return recordCallOutcome(database.db, org, {
          actionId: taskId,
          outcome,
          note: options.note,
          promise: outcome === 'promise' ? promiseOf(options, currency) : undefined,
          dispute: outcome === 'dispute' ? { reasonCode: options.reasonCode ?? 'other', reason: options.reason ?? '' } : undefined,
          callBackAt: options.at,
          actor: cliActor(),
          now: currentInstant(config),
        });
      });
      if (options.json) printJson({ actionId: result.action.id.toString(), outcome: result.outcome, effects: result.effects, callBackActionId: result.callBackActionId });
      else process.stdout.write(`Call ${result.action.id}: ${result.outcome.replace('_', ' ')} recorded.${result.effects.map((e) => `\n  ${e}`).join('')}\n`);
    });
}

function promiseOf(options: OutcomeOptions, currency: string) {
  if (options.amount === undefined || options.date === undefined) throw new AppError('invalid_input', 'a promise needs --amount (e.g. 250.00) and --date YYYY-MM-DD');
  return { amount: amountOption('--amount', options.amount, currency), currency: options.currency?.toUpperCase(), dueOn: dateOption('--date', options.date)! };
}

