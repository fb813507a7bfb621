// `arrears org list | create | set`: the organisations in this database, and what their messages carry.
import type { Command } from 'commander';
import { createOrg } from '../../app/orgs/create-org.ts';
import { setOrgLetterhead } from '../../app/orgs/set-org-letterhead.ts';
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import { paperSizes, type PaperSize } from '../../channels/letters/paper.ts';
import { AppError } from '../../errors.ts';
import { listOrgs } from '../../db/queries/orgs.ts';
import { withDatabase, withOrg } from '../context.ts';
import { currentInstant } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

interface CreateOptions {
  name: string;
  slug?: string;
  currency: string;
  timeZone: string;
  country?: string;
  ownerEmail: string;
  json?: boolean;
}

export function registerOrgCommand(program: Command): void {
  const org = program.command('org').description('organisations');
  org
    .command('list')
    .description('list the organisations')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const orgs = await withDatabase(command, (database) => listOrgs(database.db));
      const rows = orgs.map((o) => ({ id: o.id.toString(), slug: o.slug, name: o.name, currency: o.default_currency, timeZone: o.time_zone }));
      if (options.json) printJson(rows);
      else process.stdout.write(`${formatTable(['slug', 'name', 'currency', 'time zone'], rows.map((r) => [r.slug, r.name, r.currency, r.timeZone]))}\n`);
    });
  org
    .command('create')
    .description('create an organisation with its owner; prints the owner password and an API key once')
    .requiredOption('--name <name>', 'the business name')
    .option('--slug <slug>', 'short name for --org (default: from the name)')
    .option('--currency <code>', 'default currency', 'USD')
    .option('--time-zone <zone>', 'IANA time zone', 'UTC')
    .option('--country <code>', 'ISO 3166 country code')
    .requiredOption('--owner-email <email>', "the owner's email")
    .option('--json', 'print JSON')
    .action(async (options: CreateOptions, command: Command) => {
      const created = await withDatabase(command, (database) =>
        createOrg(database.db, {
          name: options.name,
          slug: options.slug,
          currency: options.currency.toUpperCase(),
          timeZone: options.timeZone,
          country: options.country?.toUpperCase(),
          ownerEmail: options.ownerEmail,
        }),
      );
      const result = { slug: created.org.slug, ownerEmail: created.ownerEmail, ownerPassword: created.ownerPassword, apiKey: created.apiKey };
      if (options.json) printJson(result);
      else
        process.stdout.write(
          `Created ${created.org.name} (slug ${created.org.slug}).\n  owner:    ${result.ownerEmail}\n  password: ${result.ownerPassword}\n  API key:  ${result.apiKey}\nShown once: keep them now.\n`,
        );
    });
  org
    .command('set')
    .description('what messages carry: sender name and address, reply-to, phone, postal address (letterhead), payment instructions')
    .option('--sender-name <name>', 'the name emails come from')
    .option('--sender-email <address>', "the address emails come from, on the organisation's own domain")
    .option('--reply-to <address>', 'where replies go (empty: to the sender address)')
    .option('--phone <number>', 'the phone number on letters and in signatures')
    .option('--smtp-url <url>', "the organisation's own SMTP server, smtp:// or smtps:// (empty: the server's SMTP_URL)")
    .option('--payment-instructions <text>', 'how debtors pay you: bank details, payee, the reference to quote (printed in every letter and email; empty: not set)')
    .option('--paper-size <size>', 'the paper letters are printed on: A4 or Letter (default: by the country, Letter in the US and Canada)')
    .option('--address <line>', 'a line of the postal address (repeat for each line, in order)', (line: string, lines: string[] = []) => [...lines, line])
    .option('--json', 'print JSON')
    .action(
      async (
        options: { senderName?: string; senderEmail?: string; replyTo?: string; phone?: string; smtpUrl?: string; address?: string[]; paymentInstructions?: string; paperSize?: string; json?: boolean },
        command: Command,
      ) => {
        const org = await withOrg(command, (database, current, config) =>
          setOrgLetterhead(
            database.db,
            current,
            {
              senderName: options.senderName,
              senderEmail: options.senderEmail,
              replyTo: options.replyTo,
              phone: options.phone,
              smtpUrl: options.smtpUrl,
              postalAddress: options.address,
              paymentInstructions: options.paymentInstructions,
              paperSize: paperSizeOption(options.paperSize),
            },
            { secretKey: config.secretKey, now: currentInstant(config).toString() },
          ),
        );
        // the SMTP URL may hold a password: say whether one is set, never print it
        const result = {
          slug: org.slug,
          senderName: org.sender_name,
          senderEmail: org.sender_email,
          replyTo: org.reply_to,
          phone: org.phone,
          postalAddress: org.postal_address,
          paymentInstructions: org.payment_instructions,
          paperSize: orgPaperSize(org),
          ownSmtpServer: org.smtp_url !== null,
        };
        if (options.json) printJson(result);
        else
          process.stdout.write(
            `${org.name}: messages come from ${org.sender_name} <${org.sender_email ?? 'no address set'}>${org.reply_to ? `, replies to ${org.reply_to}` : ''}; letterhead: ${[...org.postal_address, org.phone].filter(Boolean).join(', ') || 'no address set'}; letters on ${orgPaperSize(org)} paper; payment instructions: ${org.payment_instructions ?? 'none set (messages say to use the payment details on the invoice)'}.\n`,
          );
      },
    );
}

/** "a4", "A4", "letter" → the paper size; anything else is refused with the choices. */
function paperSizeOption(value: string | undefined): PaperSize | undefined {
  if (value === undefined) return undefined;
  const size = paperSizes.find((each) => each.toLowerCase() === value.trim().toLowerCase());
  if (!size) throw new AppError('invalid_input', `--paper-size must be ${paperSizes.join(' or ')}; got "${value}"`);
  return size;
}
