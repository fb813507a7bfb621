// `arrears template lint <file>` checks a message template (plain text, Handlebars or HTML) for
// wording the compliance rules refuse, without a database; `preview`, `save` and `versions` work
// with an organisation's templates.
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { lintTemplate } from '../../domain/compliance/template-lint.ts';
import { AppError } from '../../errors.ts';
import { idArgument } from '../id-argument.ts';
import { previewTemplate } from '../../app/templates/preview-template.ts';
import { saveTemplate } from '../../app/templates/save-template.ts';
import { orgPaperSize } from '../../channels/letters/org-paper.ts';
import { renderLetter } from '../../channels/letters/render-letter.ts';
import { letterKindFor } from '../../channels/letters/letter-kind.ts';
import { templateVersions } from '../../db/queries/templates.ts';
import { cliActor } from '../actor.ts';
import { withOrg } from '../context.ts';
import { currentInstant } from '../dates.ts';
import { formatTable, printJson } from '../output.ts';

const previewBasis = {
  outbox: 'The send waiting in the outbox for this customer, as the dispatcher will send it.',
  cycle: "What today's cycle would plan for this customer, as the dispatcher would send it (nothing was saved).",
  chaseable: "Today's cycle plans no such message for this customer: shown with its overdue invoices that may be chased.",
} as const;

export function registerTemplateCommand(program: Command): void {
  const template = program.command('template').description('message templates');
  template
    .command('lint')
    .description('check a template for threats, false statements, abusive language and shaming; exits non-zero when there are any')
    .argument('<file>', 'the template (plain text, Handlebars or HTML)')
    .option('--legal-enabled', 'legal steps are enabled for the organisation, so court and lawyers may be named')
    .option('--time-barred', 'the debt is past its limitation period, so court and lawyers may not be named whatever the settings')
    .option('--json', 'print the problems as a JSON array')
    .action((file: string, options: { legalEnabled?: boolean; timeBarred?: boolean; json?: boolean }) => {
      const problems = lintTemplate(readTemplate(file), { legalEnabled: options.legalEnabled === true, timeBarred: options.timeBarred === true });
      if (options.json) printJson(problems.map((problem) => ({ file, ...problem })));
      else if (problems.length === 0) process.stdout.write(`${file}: no problems found.\n`);
      else {
        const lines = problems.map((p) => `${file}:${p.line}:${p.column}  ${p.ruleId}  ${JSON.stringify(p.phrase)}  ${p.reason} (${p.citation})\n`);
        process.stdout.write(lines.join(''));
      }
      if (problems.length > 0) {
        const count = problems.length === 1 ? '1 phrase' : `${problems.length} phrases`;
        throw new AppError('invalid_input', `${file}: ${count} to change before this template can be used; reword each one as listed`, { problems });
      }
    });
  template
    .command('preview')
    .description("show a template exactly as it would be sent: to a real customer what today's cycle and the dispatcher would send them, or with sample data")
    .argument('<name>', 'the template, e.g. reminder-missed')
    .option('--customer <external id>', "render what would be sent to this customer today (the id from your accounting export); default: sample data")
    .option('--channel <channel>', 'email, letter, sms or call (default: the first the template has)')
    .option('--language <language>', "en-US or en-GB (default: the customer's)")
    .option('--file <file>', 'preview this draft instead of the version in use')
    .option('--out <file>', 'letters: write the PDF here')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { customer?: string; channel?: string; language?: string; file?: string; out?: string; json?: boolean }, command: Command) => {
      const preview = await withOrg(command, async (database, org, config) => ({
        ...(await previewTemplate(database.db, org, { name, channel: options.channel, language: options.language, customer: options.customer, draft: options.file ? readTemplate(options.file) : undefined, now: currentInstant(config) })),
        paperSize: orgPaperSize(org),
      }));
      if (options.out && preview.template.channel === 'letter') {
        writeFileSync(options.out, await renderLetter({ kind: letterKindFor(preview.template.name), model: preview.model, body: preview.rendered.text, paperSize: preview.paperSize }));
      }
      if (options.json)
        return printJson({ template: preview.template, basis: preview.basis, deadlineOn: preview.rendered.deadlineOn, subject: preview.rendered.subject, text: preview.rendered.text, html: preview.rendered.html, voicemail: preview.rendered.voicemail });
      const { template: t, rendered } = preview;
      const lines = [`${t.name} (${t.channel}, ${t.language}, ${t.origin === 'organisation' ? `version ${t.version}` : t.origin}, ${t.hash})`];
      if (preview.basis) lines.push(previewBasis[preview.basis]);
      lines.push('');
      if (rendered.subject) lines.push(`Subject: ${rendered.subject}`, '');
      lines.push(rendered.text);
      if (rendered.voicemail) lines.push('', '--- voicemail ---', rendered.voicemail);
      if (options.out && t.channel === 'letter') lines.push('', `PDF written to ${options.out}.`);
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  template
    .command('save')
    .description("save the organisation's own version of a template; refused unless it passes every check (rendering and compliance lint)")
    .argument('<name>', 'the template, e.g. reminder-missed')
    .requiredOption('--channel <channel>', 'email, letter, sms or call')
    .requiredOption('--language <language>', 'en-US or en-GB')
    .requiredOption('--file <file>', 'the text; an email starts with "Subject: …"; a call script may add its voicemail after a line "--- voicemail ---"')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { channel: string; language: string; file: string; json?: boolean }, command: Command) => {
      const row = await withOrg(command, (database, org, config) => saveTemplate(database.db, org, { name, channel: options.channel, language: options.language, text: readTemplate(options.file), actor: cliActor(), now: currentInstant(config) }));
      const result = { name: row.name, channel: row.channel, language: row.language, version: row.version, hash: row.source_hash };
      if (options.json) printJson(result);
      else process.stdout.write(`Saved ${row.name} (${row.channel}, ${row.language}) version ${row.version}; it is used from the next send.\n`);
    });
  template
    .command('versions')
    .description("the organisation's saved versions of a template, newest first")
    .argument('<name>', 'the template')
    .option('--json', 'print JSON')
    .action(async (name: string, options: { json?: boolean }, command: Command) => {
      const rows = await withOrg(command, (database, org) => templateVersions(database.db, org.id, name));
      const list = rows.map((r) => ({ channel: r.channel, language: r.language, version: r.version, hash: r.source_hash, createdBy: r.created_by, createdAt: r.created_at }));
      if (options.json) printJson(list);
      else if (list.length === 0) process.stdout.write(`No saved versions of ${name}: the shipped one is in use.\n`);
      else process.stdout.write(`${formatTable(['channel', 'language', 'version', 'hash', 'by', 'at'], list.map((r) => [r.channel, r.language, String(r.version), r.hash, r.createdBy, r.createdAt]))}\n`);
    });
}


function readTemplate(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : (error as Error).message;
    throw new AppError('invalid_input', `cannot read ${file}: ${reason}`);
  }
}
