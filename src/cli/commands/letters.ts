// `arrears letters batch --date D --out file.pdf`: the day's letters as one PDF to print and post;
// `arrears letters posted --date D`: the batch went in the post.
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { lettersBatch } from '../../app/outbox/letters-batch.ts';
import { lettersPosted } from '../../app/outbox/letters-posted.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant, dateOption, orgToday } from '../dates.ts';
import { printJson } from '../output.ts';

export function registerLettersCommand(program: Command): void {
  const letters = program.command('letters').description('letters to post');
  letters
    .command('batch')
    .description("one PDF of all letters made on a day, each starting on a new sheet")
    .option('--date <date>', "the day, YYYY-MM-DD (default: today in the organisation's time zone)")
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--json', 'print the result as JSON')
    .action(async (options: { date?: string; out: string; json?: boolean }, command: Command) => {
      const batch = await withOrg(command, (database, org, config) => lettersBatch(database.db, org, dateOption('--date', options.date) ?? orgToday(org, config), cliActor(), currentInstant(config)));
      if (batch.pdf) writeFileSync(options.out, batch.pdf);
      const result = { date: batch.date, letters: batch.letters, out: batch.pdf ? options.out : null, communicationIds: batch.communicationIds };
      if (options.json) printJson(result);
      else process.stdout.write(batch.pdf ? `${batch.letters} letter(s) of ${batch.date} written to ${options.out}.\n` : `No letters were made on ${batch.date}; nothing written.\n`);
    });
  letters
    .command('posted')
    .description('confirm that the letters batch of a day went in the post: its printed letters become posted')
    .option('--date <date>', "the batch's day, YYYY-MM-DD (default: today in the organisation's time zone)")
    .option('--json', 'print the result as JSON')
    .action(async (options: { date?: string; json?: boolean }, command: Command) => {
      const result = await withOrg(command, (database, org, config) => lettersPosted(database.db, org, dateOption('--date', options.date) ?? orgToday(org, config), cliActor(), currentInstant(config)));
      if (options.json) printJson(result);
      else process.stdout.write(result.posted > 0 ? `${result.posted} letter(s) of ${result.date} marked posted.\n` : `No printed letters of ${result.date} were waiting to be posted; nothing changed.\n`);
    });
}
