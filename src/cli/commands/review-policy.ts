// `arrears review-policy show | set`: the review rules (when an account goes to a person for review)
// and the recovery figures its estimates use, each setting beside its default (docs/playbooks.md).
// `set` changes only the settings given; the rest stay as they are in force.
import type { Command } from 'commander';
import { reviewPolicyDefaults, setReviewPolicy, showReviewPolicy, type ReviewPolicyView } from '../../app/cycle/review-policy.ts';
import type { ReviewPolicy } from '../../domain/reviews/review-policy.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

type Amounts = Record<string, string>;

/** Each setting: its path in the policy, its option (never --no-…, which commander reads as a negation) and how it is read and shown. */
const settings = [
  { path: ['noResponseAfterFinalDays'], flag: '--after-final-days', kind: 'days', help: 'no response this many days after the final notice → review' },
  { path: ['brokenPromises'], flag: '--broken-promises', kind: 'count', help: 'this many promises broken in the case → review' },
  { path: ['daysOverdue'], flag: '--days-overdue', kind: 'days', help: 'the oldest invoice more than this many days overdue → review' },
  { path: ['largeBalance'], flag: '--large-balance', kind: 'amounts', help: 'a balance at or above this, per currency (CUR=AMOUNT, repeat; "none": no threshold) …' },
  { path: ['noContactDays'], flag: '--days-without-contact', kind: 'days', help: '… with nothing heard for this many days → review' },
  { path: ['recovery', 'settlement', 'ratePercent'], flag: '--settlement-rate', kind: 'percent', help: 'percent of the balance a settlement recovers' },
  { path: ['recovery', 'agency', 'ratePercent'], flag: '--agency-rate', kind: 'percent', help: 'percent of the balance an agency recovers' },
  { path: ['recovery', 'agency', 'commissionPercent'], flag: '--agency-commission', kind: 'percent', help: 'the agency’s commission, percent of what it recovers' },
  { path: ['recovery', 'smallClaims', 'ratePercent'], flag: '--claim-rate', kind: 'percent', help: 'percent of the balance a small claim recovers' },
  { path: ['recovery', 'smallClaims', 'courtFee'], flag: '--court-fee', kind: 'amounts', help: 'the court fee per currency (CUR=AMOUNT, repeat; "none": no fee set)' },
] as const;
type Setting = (typeof settings)[number];

function valueAt(policy: ReviewPolicy, path: readonly string[]): unknown {
  return path.reduce<unknown>((value, key) => (value as Record<string, unknown>)[key], policy);
}

function shown(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Amounts);
    return entries.length === 0 ? 'none' : entries.map(([currency, amount]) => `${currency} ${amount}`).join(', ');
  }
  return String(value);
}

function optionName(flag: string): string {
  return flag.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

function readValue(setting: Setting, given: string | string[]): unknown {
  if (setting.kind === 'amounts') {
    const items = given as string[];
    if (items.length === 1 && items[0] === 'none') return {};
    return Object.fromEntries(
      items.map((item) => {
        const match = /^([A-Za-z]{3})=(\d+(\.\d+)?)$/.exec(item.trim());
        if (!match) throw new AppError('invalid_input', `${setting.flag} takes a currency and an amount, e.g. GBP=5000.00 (got "${item}")`);
        return [match[1]!.toUpperCase(), match[2]!];
      }),
    );
  }
  const text = given as string;
  const pattern = setting.kind === 'percent' ? /^\d+(\.\d+)?$/ : /^\d+$/;
  if (!pattern.test(text)) throw new AppError('invalid_input', `${setting.flag} takes ${setting.kind === 'percent' ? 'a percentage such as 25 or 12.5' : 'a whole number'} (got "${text}")`);
  return Number(text);
}

/** The policy in force with the options given put in. */
function withChanges(policy: ReviewPolicy, options: Record<string, string | string[] | undefined>): { value: ReviewPolicy; changed: number } {
  const value = structuredClone(policy);
  let changed = 0;
  for (const setting of settings) {
    const given = options[optionName(setting.flag)];
    if (given === undefined) continue;
    const parent = setting.path.slice(0, -1).reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, value as unknown as Record<string, unknown>);
    parent[setting.path.at(-1)!] = readValue(setting, given);
    changed += 1;
  }
  return { value, changed };
}

function formatPolicy(view: ReviewPolicyView): string {
  const rows = settings.map((setting) => [setting.path.join('.'), setting.flag, shown(valueAt(view.policy, setting.path)), shown(valueAt(view.defaults, setting.path))]);
  return `Review rules and recovery figures (settings.collections.reviewPolicy; docs/playbooks.md)\n${formatTable(['setting', 'option', 'in force', 'default'], rows)}\n`;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerReviewPolicyCommand(program: Command): void {
  const command = program.command('review-policy').description('when an account goes to review, and what each way of handing it over would recover: show or set');
  command
    .command('show')
    .description('the review policy in force, each setting beside its default')
    .option('--json', 'print JSON: { policy, defaults }')
    .action(async (options: { json?: boolean }, self: Command) => {
      const view = await withOrg(self, (database, org) => showReviewPolicy(database.db, org.id));
      if (options.json) printJson(view);
      else process.stdout.write(formatPolicy(view));
    });
  const set = command
    .command('set')
    .description('change the settings given (owner); the others stay as they are')
    .option('--defaults', 'first put every setting back to its default')
    .option('--json', 'print JSON: { policy, defaults }');
  for (const setting of settings) {
    if (setting.kind === 'amounts') set.option(`${setting.flag} <currency=amount>`, setting.help, collect);
    else set.option(`${setting.flag} <${setting.kind === 'percent' ? 'percent' : 'n'}>`, setting.help);
  }
  set.action(async (options: Record<string, string | string[] | undefined> & { defaults?: boolean; json?: boolean }, self: Command) => {
    const view = await withOrg(self, async (database, org, config) => {
      // --defaults does not read what is stored, so it also mends a stored policy that is not valid
      const current = options.defaults ? reviewPolicyDefaults : (await showReviewPolicy(database.db, org.id)).policy;
      const { value, changed } = withChanges(current, options);
      if (changed === 0 && !options.defaults) throw new AppError('invalid_input', `say what to change, e.g. --after-final-days 21 (the options: ${settings.map((s) => s.flag).join(', ')}), or --defaults`);
      return setReviewPolicy(database.db, org.id, { value, role: 'owner', actor: cliActor(), at: currentInstant(config) });
    });
    if (options.json) printJson(view);
    else process.stdout.write(`Saved; the next daily cycle uses it.\n${formatPolicy(view)}`);
  });
}
