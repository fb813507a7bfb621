// `arrears cycle` and `arrears simulate`: run the daily cycle for a date, or preview it over a range.
import type { Command } from 'commander';
import { runCycle, type CycleAction, type CycleProgress, type CycleReport } from '../../app/cycle/run-cycle.ts';
import { simulateCycle } from '../../app/cycle/simulate-cycle.ts';
import { refreshStakesAfterCycle } from '../../app/tasks/worklist-entries.ts';
import { channelsOff } from '../../app/dispatch/channel-senders.ts';
import { listOrgs } from '../../db/queries/orgs.ts';
import { resolveOrg } from '../../app/orgs/resolve-org.ts';
import { toDecimalString } from '../../domain/money.ts';
import { globalOptions, withDatabase, withOrg } from '../context.ts';
import { dateOption, orgToday } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

export function registerCycleCommands(program: Command): void {
  program
    .command('cycle')
    .description("run the daily collection cycle: decide today's step for every overdue customer (idempotent)")
    .option('--date <date>', "the day to run, YYYY-MM-DD (default: today in each organisation's time zone)")
    .option('--dry-run', 'show what would be planned, writing nothing')
    .option('--json', 'print the result as JSON')
    .action(async (options: { date?: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const date = dateOption('--date', options.date);
      const reports = await withDatabase(command, async (database, config) => {
        const slug = globalOptions(command).org;
        // With --org (or a single organisation) one run; otherwise every organisation, each on its own today.
        const orgs = slug ? [await resolveOrg(database.db, slug)] : await listOrgs(database.db);
        const results: CycleReport[] = [];
        for (const org of orgs) {
          const onProgress = ({ planned, toPlan, quiet }: CycleProgress) => {
            process.stderr.write(`cycle: ${org.slug}: ${planned} customers planned (of ${toPlan} looked up; ${quiet} quiet, not read)\n`);
          };
          const day = date ?? orgToday(org, config);
          const report = await runCycle(database.db, org, day, { dryRun: options.dryRun, onProgress, channelsOff: channelsOff(config) });
          if (!report.dryRun) {
            const failed = await refreshStakesAfterCycle(database.db, org.id, day);
            if (failed) process.stderr.write(`cycle: ${org.slug}: the worklist's stakes were not brought up to date (${failed instanceof Error ? failed.message : String(failed)}); the next worklist load does it\n`);
          }
          results.push(report);
        }
        return results;
      });
      if (options.json) printJson(reports.length === 1 ? reports[0] : reports);
      else if (reports.length === 0) process.stdout.write(noOrganisations);
      else process.stdout.write(reports.map(describeCycle).join('\n'));
    });

  program
    .command('simulate')
    .description('preview the cycle day by day over a range, assuming nobody responds or pays (nothing is written): the steps, and the payment plans’ instalments missed and defaults')
    .requiredOption('--from <date>', 'first day, YYYY-MM-DD')
    .requiredOption('--to <date>', 'last day, YYYY-MM-DD')
    .option('--json', 'print the result as JSON')
    .action(async (options: { from: string; to: string; json?: boolean }, command: Command) => {
      const from = dateOption('--from', options.from)!;
      const to = dateOption('--to', options.to)!;
      const report = await withOrg(command, (database, org, config) => simulateCycle(database.db, org, from, to, { channelsOff: channelsOff(config) }));
      if (options.json) printJson({ days: report.days });
      else
        process.stdout.write(
          report.days
            .filter((day) => day.actions.length > 0 || day.planEvents.length > 0)
            .map((day) => `${day.date}\n${day.planEvents.map((event) => `${event.customerExternalId}: ${event.summary}\n`).join('')}${day.actions.length > 0 ? `${actionTable(day.actions)}\n` : ''}`)
            .join('\n') || `Nothing would happen between ${from} and ${to}.\n`,
        );
    });
}

const noOrganisations = 'There is no organisation yet, so there is nothing to run. Create one with `arrears org create --name "<business name>" --owner-email <email>`, or run `arrears start` once for the demo.\n';

function amountsText(amounts: Record<string, bigint>): string {
  return Object.entries(amounts)
    .map(([currency, amount]) => `${toDecimalString(amount, currency)} ${currency}`)
    .join(' + ');
}

function actionTable(actions: CycleAction[]): string {
  return formatTable(
    ['customer', 'step', 'tone', 'channel', 'status', 'due', 'amounts'],
    actions.map((a) => [a.customerExternalId, a.step, a.tone, a.channel, a.status, a.dueAt.slice(0, 16), amountsText(a.amounts)]),
  );
}

export function describeCycle(report: CycleReport): string {
  const s = report.summary;
  const lines = [
    `${report.org}: cycle for ${report.date}${report.dryRun ? ' (dry run: nothing written)' : ''}`,
    `  ${s.customers} customer(s) with something to chase; ${s.created} action(s) created, ${s.existing} already planned; ${s.ready} ready, ${s.deferred} deferred, ${s.blocked} blocked`,
    `  ${s.quiet} of them unchanged with nothing new due since last planned (not read again)`,
    `  not chased: ${s.skipped.excluded} excluded, ${s.skipped.on_hold} on hold, ${s.skipped.promise_pending} with a promise pending`,
    `  cases: ${s.casesOpened} opened, ${s.casesClosed} closed; promises: ${s.promisesKept} kept, ${s.promisesBroken} broken; charges: ${s.chargesCreated}`,
    `  payment plans: ${s.plans.instalmentsPaid} instalment(s) paid, ${s.plans.completed} completed, ${s.plans.broken} broken, ${s.plans.resumed} back on track, ${s.plans.defaulted} defaulted; settlements: ${s.settlements.paid} paid, ${s.settlements.lapsed} lapsed; small balances written off: ${s.writeOffs.smallBalance}`,
  ];
  const notable = report.actions.filter((a) => a.created || a.status !== 'ready');
  if (notable.length > 0) lines.push('', actionTable(notable));
  return `${lines.join('\n')}\n`;
}
