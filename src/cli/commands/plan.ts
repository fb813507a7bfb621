// `arrears plan propose|accept|cancel|list|show`: payment plans. While a plan runs, its invoices
// are not chased by the playbook; the daily cycle follows the instalments (docs/arrangements.md).
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { acceptPlan } from '../../app/arrangements/accept-plan.ts';
import { arrangementPolicyOf } from '../../app/arrangements/arrangement-policy-of.ts';
import { cancelPlan } from '../../app/arrangements/cancel-plan.ts';
import { setArrangementPolicy } from '../../app/arrangements/set-arrangement-policy.ts';
import { proposePlan } from '../../app/arrangements/propose-plan.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { invoiceByNumber } from '../../app/shared/invoice-by-number.ts';
import { findPlanDetail, listPlans, type PlanDetail, type PlanRow } from '../../db/queries/payment-plans.ts';
import { planFrequencies, type PlanFrequency, type PlanScheduleInput } from '../../domain/arrangements/plan-schedule.ts';
import { instalmentStatus, planStatuses, type PlanStatus } from '../../domain/arrangements/plan-standing.ts';
import { parseScheduleCsv } from '../../domain/arrangements/schedule-csv.ts';
import { segmentPolicy, type ArrangementPolicy } from '../../domain/arrangements/policy.ts';
import { describeConditions } from '../../domain/playbooks/describe-conditions.ts';
import { formatMoney } from '../../domain/money.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { amountOption } from '../amount-option.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { idArgument } from '../id-argument.ts';
import { listAll } from '../list-all.ts';
import { formatTable, printJson } from '../output.ts';

function planJson(row: PlanRow) {
  return {
    id: String(row.id),
    customer: { id: String(row.customer_id), externalId: row.customer_external_id, name: row.customer_name },
    status: row.status,
    total: row.total,
    currency: row.currency,
    graceDays: row.grace_days,
    withinPolicy: row.within_policy,
    policyProblems: row.policy_problems,
    note: row.note,
    proposedBy: row.proposed_by,
    proposedOn: row.proposed_on,
    acceptedBy: row.accepted_by,
    acceptedOn: row.accepted_on,
    missedInstalment: row.missed_seq,
    brokenOn: row.broken_on,
    resolvedOn: row.resolved_on,
    resolvedBy: row.resolved_by,
    resolution: row.resolution,
  };
}

function detailJson(detail: PlanDetail) {
  return {
    ...planJson(detail.plan),
    invoices: detail.invoices.map((invoice) => ({ id: String(invoice.id), number: invoice.number, dueDate: invoice.due_date, balance: invoice.balance, status: invoice.status })),
    instalments: detail.instalments.map((i) => ({ seq: i.seq, kind: i.seq === 0 ? 'down_payment' : 'instalment', dueOn: i.due_on, amount: i.amount, paid: i.paid, paidOn: i.paid_on, status: instalmentStatus(i) })),
  };
}

/** The policy in force for each segment (first match wins) and for everyone else; `*` marks what a segment sets itself. */
function describePolicy(policy: ArrangementPolicy): string {
  const amounts = (byCurrency: Record<string, string>) => Object.entries(byCurrency).map(([currency, amount]) => `${amount} ${currency}`).join(', ') || 'none';
  const block = (title: string, inForce: Omit<ArrangementPolicy, 'segments'>, sets: ReadonlySet<string>) => {
    const mark = (field: string) => (sets.has(field) ? '*' : '');
    return [
      title,
      `  planMaxMonths${mark('planMaxMonths')}: ${inForce.planMaxMonths}`,
      `  planMinInstalment${mark('planMinInstalment')}: ${amounts(inForce.planMinInstalment)}`,
      `  planGraceDays${mark('planGraceDays')}: ${inForce.planGraceDays}`,
      `  planAutoAccept${mark('planAutoAccept')}: ${inForce.planAutoAccept}`,
      `  settlementApprovalPercent${mark('settlementApprovalPercent')}: ${inForce.settlementApprovalPercent}`,
      `  settlementApprovalAmount${mark('settlementApprovalAmount')}: ${amounts(inForce.settlementApprovalAmount)}`,
    ].join('\n');
  };
  const segments = policy.segments.map((segment, index) =>
    block(`Segment ${index + 1}: ${describeConditions(segment.conditions)}`, segmentPolicy(policy, index), new Set(Object.keys(segment).filter((key) => key !== 'conditions'))),
  );
  const rest = block(policy.segments.length ? 'Every other customer (the organisation\'s policy)' : 'Every customer (the organisation\'s policy; no segments)', policy, new Set());
  return `${[...segments, rest].join('\n\n')}\n${segments.length ? '\n* set by the segment; the rest is the organisation\'s\n' : ''}`;
}

const who = (row: PlanRow) => `${row.customer_name} (${row.customer_external_id})`;

function describeDetail(detail: PlanDetail): string {
  const { plan } = detail;
  const lines = [
    `Payment plan ${plan.id} of ${who(plan)}: ${formatMoney(plan.total, plan.currency)}, ${plan.status}`,
    `  invoices: ${detail.invoices.map((i) => i.number).join(', ')}`,
    `  proposed by ${plan.proposed_by} on ${plan.proposed_on}${plan.accepted_on ? `; accepted by ${plan.accepted_by} on ${plan.accepted_on}` : ''}`,
  ];
  if (!plan.within_policy) lines.push(`  outside the plan policy (only an owner accepts it): ${plan.policy_problems.join('; ')}`);
  if (plan.resolved_on) lines.push(`  ${plan.status} on ${plan.resolved_on}${plan.resolution ? `: ${plan.resolution}` : ''}`);
  lines.push(
    '',
    formatTable(
      ['#', 'Due', 'Amount', 'Paid', 'Paid on', 'Status'],
      detail.instalments.map((i) => [i.seq === 0 ? 'down' : String(i.seq), i.due_on, formatMoney(i.amount, plan.currency), formatMoney(i.paid, plan.currency), i.paid_on ?? '', instalmentStatus(i).replace('_', ' ')]),
      new Set([2, 3]),
    ),
  );
  return `${lines.join('\n')}\n`;
}

interface ProposeOptions {
  invoices?: string;
  down?: string;
  instalments?: string;
  first?: string;
  every?: PlanFrequency;
  schedule?: string;
  note?: string;
  json?: boolean;
}

function scheduleFrom(options: ProposeOptions, currency: string): PlanScheduleInput {
  if (options.schedule !== undefined) {
    if (options.instalments !== undefined || options.first !== undefined || options.every !== undefined) {
      throw new AppError('invalid_input', 'give either --schedule FILE or --instalments, --first and --every, not both');
    }
    let text: string;
    try {
      text = readFileSync(options.schedule, 'utf8');
    } catch (error) {
      throw new AppError('invalid_input', `cannot read ${options.schedule}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
    }
    const rows = parseScheduleCsv(text, currency);
    if (!rows.ok) throw new AppError('invalid_input', `${options.schedule}: ${rows.message}`);
    return { kind: 'typed', rows: rows.value };
  }
  if (options.instalments === undefined || options.first === undefined || options.every === undefined) {
    throw new AppError('invalid_input', 'give --instalments K, --first YYYY-MM-DD and --every week|fortnight|month (or --schedule FILE with one date,amount line per instalment)');
  }
  if (!/^\d+$/.test(options.instalments)) throw new AppError('invalid_input', `--instalments must be a whole number (got "${options.instalments}")`);
  return { kind: 'equal', instalments: Number(options.instalments), first: dateOption('--first', options.first)!, every: options.every };
}

export function registerPlanCommand(program: Command): void {
  const plan = program.command('plan').description('payment plans: instalments over chosen invoices; their invoices are not chased while the plan runs');

  plan
    .command('propose')
    .description('propose a payment plan over invoices of one customer (accept it with `arrears plan accept`)')
    .argument('<customer>', 'the customer’s external id')
    .option('--invoices <numbers>', 'the invoice numbers it covers, comma-separated (required)')
    .option('--down <amount>', 'a down payment, due today')
    .option('--instalments <count>', 'the number of equal instalments (the remainder on the last)')
    .option('--first <date>', 'the first instalment’s date, YYYY-MM-DD')
    .addOption(new Option('--every <period>', 'how often').choices(planFrequencies))
    .option('--schedule <file>', 'instead: a CSV file with one date,amount line per instalment')
    .option('--note <text>', 'what was agreed, for the timeline')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: ProposeOptions, command: Command) => {
      if (options.invoices === undefined || options.invoices.trim() === '') throw new AppError('invalid_input', 'name the invoices the plan covers with --invoices, e.g. --invoices INV-1,INV-2');
      const numbers = options.invoices.split(',').map((n) => n.trim()).filter((n) => n !== '');
      const detail = await withOrg(command, async (database, org, config) => {
        const customer = await customerByExternalId(database.db, org.id, externalId);
        const invoices = await Promise.all(numbers.map((number) => invoiceByNumber(database.db, org.id, number)));
        const currency = invoices[0]!.currency;
        return proposePlan(database.db, org.id, {
          customerId: customer.id,
          invoiceIds: invoices.map((invoice) => invoice.id),
          down: options.down === undefined ? undefined : amountOption('--down', options.down, currency),
          schedule: scheduleFrom(options, currency),
          note: options.note ?? null,
          today: orgToday(org, config), now: currentInstant(config),
          actor: cliActor(),
        });
      });
      if (options.json) return printJson(detailJson(detail));
      process.stdout.write(describeDetail(detail));
      process.stdout.write(`\nProposed: accept it with \`arrears plan accept ${detail.plan.id}\` once the customer agrees.\n`);
    });

  plan
    .command('accept')
    .description('accept a proposed plan: its invoices are not chased while it runs')
    .argument('<plan-id>', 'the plan’s id (see `arrears plan list`)')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const planId = idArgument('plan id', id, 'arrears plan list');
      // the command line has no login: it acts as the owner, as the other owner-only commands do
      const detail = await withOrg(command, (database, org, config) => acceptPlan(database.db, org.id, { planId, role: 'owner', today: orgToday(org, config), now: currentInstant(config), actor: cliActor() }));
      if (json) return printJson(detailJson(detail));
      process.stdout.write(describeDetail(detail));
    });

  plan
    .command('cancel')
    .description('cancel a proposed or running plan: its invoices are chased again (no firmer step follows)')
    .argument('<plan-id>', 'the plan’s id (see `arrears plan list`)')
    .option('--reason <text>', 'why, for the timeline')
    .option('--json', 'print JSON')
    .action(async (id: string, options: { reason?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const planId = idArgument('plan id', id, 'arrears plan list');
      const detail = await withOrg(command, (database, org, config) =>
        cancelPlan(database.db, org.id, { planId, reason: options.reason ?? null, role: 'owner', today: orgToday(org, config), now: currentInstant(config), actor: cliActor() }),
      );
      if (json) return printJson(detailJson(detail));
      process.stdout.write(`Payment plan ${detail.plan.id} of ${who(detail.plan)} cancelled; its invoices are chased again from the next cycle.\n`);
    });

  plan
    .command('list')
    .description('list payment plans, oldest first')
    .addOption(new Option('--status <status>', 'only plans with this status').choices(planStatuses))
    .option('--customer <external-id>', 'only this customer’s plans')
    .option('--json', 'print JSON')
    .action(async (options: { status?: PlanStatus; customer?: string }, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const rows = await withOrg(command, async (database, org) => {
        const customerId = options.customer === undefined ? undefined : (await customerByExternalId(database.db, org.id, options.customer)).id;
        return listAll((page) => listPlans(database.db, org.id, { customerId, status: options.status }, page));
      });
      if (json) return printJson(rows.map(planJson));
      if (rows.length === 0) return void process.stdout.write(options.status ? `No ${options.status} payment plans.\n` : 'No payment plans.\n');
      process.stdout.write(
        `${formatTable(
          ['Id', 'Customer', 'Total', 'Proposed', 'Accepted', 'Status'],
          rows.map((row) => [String(row.id), who(row), formatMoney(row.total, row.currency), row.proposed_on, row.accepted_on ?? '', row.resolved_on ? `${row.status} ${row.resolved_on}` : row.status]),
          new Set([2]),
        )}\n`,
      );
    });

  const policy = plan
    .command('policy')
    .description('the arrangement policy (plans and settlements): the organisation\'s and each segment\'s in force, defaults filled in (--json: as stored, for `set`)')
    .option('--json', 'print JSON')
    .action(async (_options: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const value = await withOrg(command, (database, org) => arrangementPolicyOf(database.db, org.id));
      if (json) return printJson(value);
      process.stdout.write(describePolicy(value));
    });
  policy
    .command('set')
    .description('set the arrangement policy (JSON; the fields not given take their defaults; "segments": overrides per segment, first match wins; see docs/arrangements.md)')
    .argument('<json>', 'e.g. \'{"planMaxMonths": 12, "segments": [{"conditions": {"tagsAny": ["key-account"]}, "planAutoAccept": true}]}\'')
    .action(async (text: string, _options: unknown, command: Command) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new AppError('invalid_input', 'the policy must be JSON, e.g. \'{"planMaxMonths": 12}\'');
      }
      const saved = await withOrg(command, (database, org, config) => setArrangementPolicy(database.db, org.id, { value, role: 'owner', actor: cliActor(), at: currentInstant(config) }));
      printJson(saved);
    });

  plan
    .command('show')
    .description('show a plan with its instalments: amount, due date, paid amount, status')
    .argument('<plan-id>', 'the plan’s id (see `arrears plan list`)')
    .option('--json', 'print JSON')
    .action(async (id: string, _options: unknown, command: Command) => {
      const json = command.optsWithGlobals<{ json?: boolean }>().json;
      const planId = idArgument('plan id', id, 'arrears plan list');
      const detail = await withOrg(command, async (database, org) => {
        const found = await findPlanDetail(database.db, org.id, planId);
        if (!found) throw new AppError('not_found', `there is no payment plan ${planId}; see \`arrears plan list\``);
        return found;
      });
      if (json) return printJson(detailJson(detail));
      process.stdout.write(describeDetail(detail));
    });
}
