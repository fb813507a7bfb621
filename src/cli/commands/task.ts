// `arrears task list | show <id> | outcome <id> <code>`: the worklist of calls and reviews; a call's
// script with what is owed, or a review with the balance and the case's history; and one command
// to record how the call went or what the review decided.
import type { Command } from 'commander';
import { callScript } from '../../app/tasks/call-script.ts';
import { listTasks, taskChannel, type TaskListItem } from '../../app/tasks/list-tasks.ts';
import { recordCallOutcome } from '../../app/tasks/record-call-outcome.ts';
import { recordReviewDecision, type ReviewDecisionResult } from '../../app/tasks/record-review-decision.ts';
import { showReviewTask, type ReviewTask } from '../../app/tasks/show-review-task.ts';
import { callOutcomeCodes } from '../../domain/calls/call-outcomes.ts';
import { formatMoney } from '../../domain/money.ts';
import { reviewOutcomeCodes } from '../../domain/reviews/review-outcomes.ts';
import type { Executor } from '../../db/executor.ts';
import { AppError } from '../../errors.ts';
import { idArgument } from '../id-argument.ts';
import { amountOption } from '../amount-option.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { localTime } from '../local-time.ts';
import { formatTable, printJson } from '../output.ts';

interface OutcomeOptions {
  note?: string;
  amount?: string;
  currency?: string;
  date?: string;
  reasonCode?: string;
  reason?: string;
  at?: string;
  until?: string;
  json?: boolean;
}

export function registerTaskCommand(program: Command): void {
  const task = program.command('task').description('work for a person: calls and reviews');
  task
    .command('list')
    .description("the open tasks (calls and reviews) and the sends that need a person (failed, or a letter held for a return address), soonest first: the customer, what is at stake and when, in the customer's time zone")
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const { rows, zone, now } = await withOrg(command, async (database, org, config) => ({ rows: await listTasks(database.db, org.id), zone: org.time_zone, now: currentInstant(config) }));
      if (options.json) {
        return printJson(
          rows.map((r) => ({
            id: r.id.toString(),
            kind: r.channel,
            customer: { externalId: r.customer.externalId, name: r.customer.name, timeZone: r.customer.timeZone ?? zone },
            step: r.stepName,
            status: r.status,
            dueAt: r.dueAt,
            dueLocal: localTime(r.dueAt, r.customer.timeZone ?? zone, now),
            atStake: r.atStake,
            invoices: r.invoiceNumbers,
            why: r.why,
          })),
        );
      }
      if (rows.length === 0) return void process.stdout.write('No open tasks.\n');
      const table = formatTable(
        ['id', 'kind', 'customer', 'at stake', 'due (customer’s time)', 'step', 'status', 'why'],
        rows.map((r) => [r.id.toString(), r.channel, `${r.customer.name} (${r.customer.externalId})`, atStake(r), localTime(r.dueAt, r.customer.timeZone ?? zone, now), r.stepName, r.status, r.why ?? '']),
      );
      process.stdout.write(`${table}\n`);
    });
  task
    .command('show')
    .description("a call task's script, numbers and what is owed; a review task's balance, case history and the decisions allowed")
    .argument('<id>', 'the task (action) id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const taskId = idArgument('task id', id, 'arrears task list');
      const shown = await withOrg(command, async (database, org, config) =>
        (await taskKind(database.db, org.id, taskId)) === 'review'
          ? { review: await showReviewTask(database.db, org, taskId, orgToday(org, config)) }
          : { call: await callScript(database.db, org, taskId, currentInstant(config)) },
      );
      if (shown.review) {
        if (options.json) return printJson(shown.review);
        return void process.stdout.write(describeReview(shown.review));
      }
      const script = shown.call!;
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
    .description(`record how a call went (${callOutcomeCodes.join(', ')}) or what a review decided (${reviewOutcomeCodes.join(', ')})`)
    .argument('<id>', 'the task (action) id')
    .argument('<outcome>', `a call: ${callOutcomeCodes.join(' | ')}; a review: ${reviewOutcomeCodes.join(' | ')}`)
    .option('--note <text>', 'what was said or why, in a sentence')
    .option('--amount <amount>', 'promise: the amount promised, e.g. 250.00')
    .option('--currency <code>', "promise: the currency (default: the customer's)")
    .option('--date <date>', 'promise: the date promised, YYYY-MM-DD')
    .option('--reason-code <code>', 'dispute: the reason code')
    .option('--reason <text>', 'dispute: what the customer says is wrong')
    .option('--at <time>', 'call_back: when, ISO 8601 with offset, e.g. 2026-11-24T15:00:00-05:00')
    .option('--until <date>', 'pause_until: the last day of the pause, YYYY-MM-DD')
    .option('--json', 'print JSON')
    .action(async (id: string, outcome: string, options: OutcomeOptions, command: Command) => {
      const taskId = idArgument('task id', id, 'arrears task list');
      const result = await withOrg(command, async (database, org, config) => {
        if ((await taskKind(database.db, org.id, taskId)) === 'review') {
          // The command line is the operator's own: it decides with the owner's authority.
          const until = dateOption('--until', options.until) ?? null;
          return { review: await recordReviewDecision(database.db, org, { actionId: taskId, outcome, until, note: options.note, role: 'owner', actor: cliActor(), now: currentInstant(config) }) };
        }
        if (options.until !== undefined) throw new AppError('invalid_input', '--until goes with a review decision (pause_until); for a call that should ring again, use call_back --at');
        const currency = options.currency?.toUpperCase() ?? org.default_currency;
        return {
          call: await recordCallOutcome(database.db, org, {
            actionId: taskId,
            outcome,
            note: options.note,
            promise: outcome === 'promise' ? promiseOf(options, currency) : undefined,
            dispute: outcome === 'dispute' ? { reasonCode: options.reasonCode ?? 'other', reason: options.reason ?? '' } : undefined,
            callBackAt: options.at,
            actor: cliActor(),
            now: currentInstant(config),
          }),
        };
      });
      if (result.review) {
        if (options.json) return printJson(reviewJson(result.review));
        return void process.stdout.write(describeDecision(result.review));
      }
      const call = result.call!;
      if (options.json) printJson({ actionId: call.action.id.toString(), outcome: call.outcome, effects: call.effects, callBackActionId: call.callBackActionId });
      else process.stdout.write(`Call ${call.action.id}: ${call.outcome.replace('_', ' ')} recorded.${call.effects.map((e) => `\n  ${e}`).join('')}\n`);
    });
}

/** call or review; anything else is a send, which the outbox commands steer. */
async function taskKind(db: Executor, orgId: bigint, id: bigint): Promise<'call' | 'review'> {
  const channel = await taskChannel(db, orgId, id);
  if (channel === 'call' || channel === 'review') return channel;
  throw new AppError('invalid_input', `action ${id} is not a task but a send (${channel}); see \`arrears outbox list\``);
}

function atStake(task: TaskListItem): string {
  return task.atStake.map((a) => formatMoney(a.amount, a.currency)).join(' + ') || 'settled';
}

export function reviewJson(result: ReviewDecisionResult) {
  return { actionId: result.action.id.toString(), outcome: result.outcome, effects: result.effects, notBuilt: result.notBuilt, caseStatus: result.caseStatus, holdId: result.holdId };
}

function describeDecision(result: ReviewDecisionResult): string {
  const lines = [`Review ${result.action.id}: ${result.outcome.replace('_', ' ')} recorded.`, ...result.effects.map((e) => `  ${e}`)];
  if (result.notBuilt) lines.push(`  Not done by Arrears: ${result.notBuilt}`);
  return `${lines.join('\n')}\n`;
}

function describeReview(review: ReviewTask): string {
  const c = review.customer;
  const lines = [`Review ${review.actionId} (${review.status}): ${review.stepName}`, `Customer: ${c.name} (${c.externalId}), ${c.kind}`];
  if (review.balances.length === 0) lines.push('Balance: nothing open any more.');
  for (const b of review.balances) {
    lines.push(`Balance: ${formatMoney(b.balance, b.currency)} on ${b.invoices} open ${b.invoices === 1 ? 'invoice' : 'invoices'}, ${formatMoney(b.overdue, b.currency)} of it overdue`);
  }
  const k = review.case;
  if (!k) lines.push('Case: none.');
  else {
    lines.push(`Case ${k.id}: ${k.status}, opened ${k.openedOn} (${k.daysOpen} days ago)`);
    if (k.steps.length === 0) lines.push('  nothing sent or done yet');
    for (const step of k.steps) lines.push(`  ${step.on}  ${step.channel.padEnd(6)}  ${step.stepName} (${step.status})`);
    lines.push(`  Promises: ${k.promises.kept} kept, ${k.promises.broken} broken, ${k.promises.pending} pending. Open disputes: ${k.openDisputes}.`);
    lines.push(
      k.paidSinceOpened.length === 0
        ? '  Paid since the case opened: nothing.'
        : `  Paid since the case opened: ${k.paidSinceOpened.map((p) => `${formatMoney(p.amount, p.currency)} (last on ${p.lastOn})`).join(', ')}.`,
    );
  }
  if (review.rule) lines.push(`Why in review: ${review.rule.label}. ${review.rule.reason}`);
  for (const estimate of review.estimates) {
    lines.push(`What each route would recover of ${formatMoney(estimate.balance, estimate.currency)} (suggested: ${estimate.suggested}):`);
    for (const r of estimate.routes) {
      const net = r.net === null ? 'no estimate' : formatMoney(r.net, estimate.currency);
      lines.push(`  ${r.route.padEnd(12)}  ${net.padStart(14)}  ${r.basis}${r.enabled ? '' : ' (not enabled for this organisation)'}`);
    }
  }
  lines.push('', `Decide: arrears task outcome ${review.actionId} <decision> [--until YYYY-MM-DD] [--note "…"]`);
  const width = Math.max(...review.outcomes.map((o) => o.code.length));
  for (const o of review.outcomes) lines.push(`  ${o.code.padEnd(width)}  ${o.label}${o.role === 'owner' ? ' (owner)' : ''} — ${o.does}`);
  return `${lines.join('\n')}\n`;
}

function promiseOf(options: OutcomeOptions, currency: string) {
  if (options.amount === undefined || options.date === undefined) throw new AppError('invalid_input', 'a promise needs --amount (e.g. 250.00) and --date YYYY-MM-DD');
  return { amount: amountOption('--amount', options.amount, currency), currency: options.currency?.toUpperCase(), dueOn: dateOption('--date', options.date)! };
}

