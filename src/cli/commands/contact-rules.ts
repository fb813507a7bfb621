// `arrears contact-rules check <customer> --channel …` (may I contact them now, and if not, when),
// `contact-rules flags <customer> …` (cease request, lawyer, bankruptcy, breathing space, stated
// inconvenient times). Customers are named by external id.
import { messageChannels, type MessageChannel } from '../../domain/playbooks/playbook.ts';
import type { Command } from 'commander';
import { checkContact } from '../../app/collection/check-contact.ts';
import { customerByExternalId } from '../../app/shared/customer-by-external-id.ts';
import { setContactFlags, type ContactFlags } from '../../app/collection/set-contact-flags.ts';
import { AppError } from '../../errors.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption } from '../dates.ts';
import { printJson } from '../output.ts';


function yesNo(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === 'yes') return true;
  if (value === 'no') return false;
  throw new AppError('invalid_input', `${name} takes yes or no, not "${value}"`);
}

/** 'none' clears; a date sets. */
function dateOrNone(name: string, value: string | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  return value === 'none' ? null : dateOption(name, value)!;
}

/** "08:00-12:00,18:00-21:00" or "none". */
function timesOption(value: string | undefined): ContactFlags['inconvenientTimes'] {
  if (value === undefined) return undefined;
  if (value === 'none') return [];
  return value.split(',').map((part) => {
    const [from, to] = part.trim().split('-');
    if (!from || !to) throw new AppError('invalid_input', `--inconvenient-times takes HH:MM-HH:MM spans separated by commas, e.g. 08:00-12:00,18:00-21:00, not "${part}"`);
    return { from, to };
  });
}

export function registerContactRulesCommand(program: Command): void {
  const group = program.command('contact-rules').description('the contact rules that protect a debtor: may they be contacted now, and the facts that limit contact');

  group
    .command('check')
    .description('may this customer be contacted now by this channel? if not, from when, or which rule forbids it')
    .argument('<customer>', 'the customer’s external id')
    .requiredOption('--channel <channel>', `one of ${messageChannels.join(', ')}`)
    .option('--override <rule>', 'set aside one rule the organisation chose (e.g. no-weekend-contact) for this contact; recorded with --reason')
    .option('--reason <text>', 'with --override: why this contact may go ahead')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: { channel: string; override?: string; reason?: string; json?: boolean }, command: Command) => {
      if (!(messageChannels as readonly string[]).includes(options.channel)) throw new AppError('invalid_input', `--channel is one of ${messageChannels.join(', ')}, not "${options.channel}"`);
      if (options.override !== undefined && options.reason === undefined) throw new AppError('invalid_input', '--override needs --reason "…": the override is recorded with why');
      const check = await withOrg(command, async (database, org, config) => {
        const customer = await customerByExternalId(database.db, org.id, externalId);
        const override = options.override === undefined ? undefined : { rule: options.override, reason: options.reason!, actor: cliActor() };
        return checkContact(database.db, org, customer.id, options.channel as MessageChannel, currentInstant(config), override);
      });
      if (options.json) return printJson(check);
      process.stdout.write(`${check.reason}${check.rule && check.answer === 'blocked' ? ` [${check.rule}]` : ''}\n`);
      process.stdout.write(`Rules for this customer: ${check.rules.map((rule) => `${rule.id} (${rule.citation})`).join('; ')}\n`);
    });

  group
    .command('flags')
    .description('record what limits contact with a customer; each change goes on its timeline with the reason')
    .argument('<customer>', 'the customer’s external id')
    .requiredOption('--reason <text>', 'how you learned it, e.g. "letter from the customer dated 2026-11-20"')
    .option('--cease-requested-on <date>', 'the customer asked for contact to stop on this date (none: withdrawn)')
    .option('--attorney-represented <yes|no>', 'the customer is represented by a lawyer for this debt')
    .option('--bankruptcy <yes|no>', 'the customer is in bankruptcy or insolvency proceedings')
    .option('--breathing-space-until <date>', 'UK breathing space until this date, inclusive (none: ended)')
    .option('--inconvenient-times <spans>', 'local times the customer said are inconvenient, e.g. 08:00-12:00,18:00-21:00 (none: clear)')
    .option('--json', 'print JSON')
    .action(async (externalId: string, options: Record<string, string | boolean | undefined>, command: Command) => {
      const flags: ContactFlags = {
        ceaseRequestedOn: dateOrNone('--cease-requested-on', options.ceaseRequestedOn as string | undefined),
        attorneyRepresented: yesNo('--attorney-represented', options.attorneyRepresented as string | undefined),
        bankruptcy: yesNo('--bankruptcy', options.bankruptcy as string | undefined),
        breathingSpaceUntil: dateOrNone('--breathing-space-until', options.breathingSpaceUntil as string | undefined),
        inconvenientTimes: timesOption(options.inconvenientTimes as string | undefined),
      };
      for (const key of Object.keys(flags) as Array<keyof ContactFlags>) if (flags[key] === undefined) delete flags[key];
      const customer = await withOrg(command, async (database, org, config) => {
        const found = await customerByExternalId(database.db, org.id, externalId);
        return setContactFlags(database.db, org.id, found.id, flags, options.reason as string, cliActor(), currentInstant(config));
      });
      const state = {
        externalId: customer.external_id,
        ceaseRequestedOn: customer.cease_requested_on,
        attorneyRepresented: customer.attorney_represented,
        bankruptcy: customer.bankruptcy,
        breathingSpaceUntil: customer.breathing_space_until,
        inconvenientTimes: customer.inconvenient_times,
      };
      if (options.json) return printJson(state);
      process.stdout.write(`Recorded for ${customer.name} (${customer.external_id}): ${JSON.stringify(state)}\n`);
    });
}
