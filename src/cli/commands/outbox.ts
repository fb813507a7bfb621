// `arrears dispatch [--once]` sends what is due; `arrears outbox list | retry | cancel` shows and
// steers the sends: what waits, what is retrying and why, what failed.
import type { Command } from 'commander';
import { cancelSend } from '../../app/outbox/cancel-send.ts';
import { createChannelSenders, outboxDir } from '../../app/dispatch/channel-senders.ts';
import { dispatchBatch, emptySummary, newWorkerId, type DispatchSummary } from '../../app/dispatch/dispatch-batch.ts';
import { readFileSync } from 'node:fs';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { recordBounce, type RecordedBounce } from '../../app/outbox/record-bounce.ts';
import { readDeliveryStatus } from '../../channels/email/delivery-status.ts';
import { retrySend } from '../../app/outbox/retry-send.ts';
import { sendMessage } from '../../app/outbox/send-message.ts';
import { listActions, type ActionRow } from '../../db/queries/actions.ts';
import { actionStatuses, type ActionStatus } from '../../domain/actions/action-status.ts';
import { startDispatcher } from '../../jobs/dispatcher.ts';
import { createLogger } from '../../logger.ts';
import { AppError } from '../../errors.ts';
import { idArgument } from '../id-argument.ts';
import { cliActor } from '../actor.ts';
import { withDatabase, withOrg } from '../context.ts';
import { currentInstant } from '../dates.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

const statuses: readonly ActionStatus[] = actionStatuses.filter((status) => status !== 'done');

export function registerOutboxCommands(program: Command): void {
  program
    .command('dispatch')
    .description('send the emails, letters and SMS that are due (every organisation); runs until stopped unless --once')
    .option('--once', 'send what is due now, then exit')
    .option('--json', 'with --once: print the summary as JSON')
    .action(async (options: { once?: boolean; json?: boolean }, command: Command) => {
      await withDatabase(command, async (database, config) => {
        const logger = createLogger(config);
        const senders = createChannelSenders(config);
        const now = () => currentInstant(config);
        try {
          if (!config.smtpUrl) process.stderr.write(`No SMTP_URL: emails are written to ${outboxDir(config)} and marked not delivered.\n`);
          if (options.once) {
            const total = emptySummary();
            const workerId = newWorkerId();
            for (;;) {
              const summary = await dispatchBatch({ db: database.db, senders, logger, now, workerId });
              add(total, summary);
              if (summary.claimed === 0) break;
            }
            if (options.json) printJson(total);
            else process.stdout.write(describe(total));
            return;
          }
          const dispatcher = await startDispatcher(database, { senders, logger, now });
          process.stderr.write('Dispatching; Ctrl-C stops.\n');
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await dispatcher.stop();
        } finally {
          senders.close();
        }
      });
    });

  program
    .command('send')
    .description('send one message now (e.g. a notice allowed after a cease request); the contact rules decide: now, later, or refused with why')
    .argument('<customer>', 'the customer’s external id')
    .requiredOption('--template <name>', 'the template, e.g. cease-efforts-end')
    .requiredOption('--channel <channel>', 'email, letter or sms')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { template: string; channel: string; json?: boolean }, command: Command) => {
      const row = await withOrg(command, async (database, org, config) => {
        const customer = await customerByExternalId(database.db, org.id, externalId);
        return sendMessage(database.db, org, { customerId: customer.id, template: options.template, channel: options.channel, actor: cliActor(), now: currentInstant(config) });
      });
      if (options.json) printJson(outboxRow(row));
      else process.stdout.write(row.status === 'ready' ? `Queued: ${row.channel} "${row.template}" (send ${row.id}); the dispatcher sends it now.\n` : `Deferred to ${row.due_at}: ${row.reason}\n`);
    });

  const outbox = program.command('outbox').description('the sends: waiting, retrying, failed, sent');
  outbox
    .command('list')
    .description('list the sends, newest last')
    .option('--status <status>', `only this status: ${statuses.join(', ')}`)
    .option('--json', 'print JSON')
    .action(async (options: { status?: string; json?: boolean }, command: Command) => {
      if (options.status && !(statuses as readonly string[]).includes(options.status)) {
        throw new AppError('invalid_input', `--status must be one of ${statuses.join(', ')}; got "${options.status}"`);
      }
      const rows = await withOrg(command, (database, org) => listAll((page) => listActions(database.db, org.id, { kind: 'send', status: options.status as ActionStatus | undefined }, page)));
      if (options.json) printJson(rows.map(outboxRow));
      else process.stdout.write(`${formatTable(['id', 'customer', 'channel', 'step', 'status', 'due', 'attempts', 'why'], rows.map((r) => [r.id.toString(), r.customer_external_id, r.channel, r.step_name, r.status, r.due_at, String(r.attempts), r.last_error ?? r.reason ?? '']))}\n`);
    });
  outbox
    .command('retry')
    .description('queue a failed, blocked or cancelled send again, now')
    .argument('<id>', 'the action id')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const actionId = idArgument('action id', id, 'arrears outbox list');
      const row = await withOrg(command, (database, org, config) => retrySend(database.db, org.id, actionId, cliActor(), currentInstant(config)));
      if (options.json) printJson(outboxRow(row));
      else process.stdout.write(`Send ${row.id} (${row.channel}, "${row.step_name}") is queued again.\n`);
    });
  outbox
    .command('cancel')
    .description('withdraw a send that has not gone out')
    .argument('<id>', 'the action id')
    .requiredOption('--reason <text>', 'why it must not go out (on the timeline)')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { reason: string; json?: boolean }, command: Command) => {
      const actionId = idArgument('action id', id, 'arrears outbox list');
      const row = await withOrg(command, (database, org, config) => cancelSend(database.db, org.id, actionId, options.reason, cliActor(), currentInstant(config)));
      if (options.json) printJson(outboxRow(row));
      else process.stdout.write(`Send ${row.id} (${row.channel}, "${row.step_name}") is cancelled.\n`);
    });
  bounceCommand(outbox);
}

function bounceCommand(outbox: Command): void {
  outbox
    .command('bounce')
    .description('record emails that bounced after sending: from a bounce message (.eml, --dsn) or by hand; a permanent bounce marks the address')
    .option('--dsn <file>', 'a delivery status notification (the bounce email as received, .eml)')
    .option('--message-id <id>', 'by hand: the Message-ID of the email that bounced')
    .option('--address <email>', 'by hand: the recipient that bounced')
    .option('--soft', 'by hand: a temporary failure (only noted)')
    .option('--reason <text>', 'by hand: what the receiving server said', 'reported by hand')
    .option('--json', 'print JSON')
    .action(async (options: { dsn?: string; messageId?: string; address?: string; soft?: boolean; reason: string; json?: boolean }, command: Command) => {
      const failures = options.dsn
        ? readDeliveryStatus(readFileSync(options.dsn, 'utf8'))
        : options.messageId && options.address
          ? [{ messageId: options.messageId, address: options.address, permanent: !options.soft, reason: options.reason }]
          : null;
      if (failures === null) throw new AppError('invalid_input', 'give a bounce message with --dsn <file>, or --message-id and --address');
      if (failures.length === 0) throw new AppError('invalid_input', `${options.dsn} is not a delivery failure report (no failed recipient with a status 4.x.x or 5.x.x and the returned Message-ID)`);
      const recorded: RecordedBounce[] = await withOrg(command, async (database, org, config) => {
        const results: RecordedBounce[] = [];
        for (const failure of failures) results.push(await recordBounce(database.db, org.id, { ...failure, actor: cliActor(), now: currentInstant(config) }));
        return results;
      });
      if (options.json) printJson(recorded);
      else process.stdout.write(recorded.map((r) => `${r.address}: ${r.permanent ? `bounced, ${r.contactsMarked} contact(s) marked` : 'delayed, noted'} (customer ${r.customerId}).\n`).join(''));
    });
}


function outboxRow(row: ActionRow) {
  return {
    id: row.id.toString(),
    customerId: row.customer_id.toString(),
    customerExternalId: row.customer_external_id,
    channel: row.channel,
    step: row.step_key,
    stepName: row.step_name,
    template: row.template,
    status: row.status,
    dueAt: row.due_at,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    messageId: row.message_id,
    finishedAt: row.finished_at,
    rule: row.rule,
    reason: row.reason,
  };
}

function add(total: DispatchSummary, summary: DispatchSummary): void {
  for (const key of Object.keys(total) as (keyof DispatchSummary)[]) total[key] += summary[key];
}

function describe(s: DispatchSummary): string {
  return `${s.claimed} send(s) due: ${s.sent} sent, ${s.notDelivered} written to the outbox folder (not delivered), ${s.printed} letter(s) printed into the day's batch (to post), ${s.retrying} to retry, ${s.failed} failed, ${s.deferred} deferred, ${s.superseded} superseded, ${s.stopped} stopped.\n`;
}
