// `arrears template lint <file>`: checks a message template (plain text, Handlebars or HTML) for
// wording the compliance rules refuse, before anyone saves or sends it. Needs no database.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { lintTemplate } from '../../domain/compliance/template-lint.ts';
import { AppError } from '../../errors.ts';
import { printJson } from '../output.ts';

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
