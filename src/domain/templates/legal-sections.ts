// Court and solicitor wording is allowed in a template only inside {{#if legalEnabled}} … {{/if}}
// (DESIGN §2: a final notice names the real next step only if it is enabled). Template lint reads
// the whole text, so for an organisation without legal steps it is given the text as that
// organisation's debtors can read it: those sections blanked, every other position unchanged.
import { handlebars } from './handlebars-env.ts';

/**
 * The text with what cannot render when legal steps are disabled blanked out character for
 * character (line breaks kept): the body of {{#if legalEnabled}} and the else of
 * {{#unless legalEnabled}}. A text that does not parse is returned as it is, so it is read whole.
 */
export function withoutLegalSections(text: string): string {
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(text);
  } catch {
    return text;
  }
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const index = (at: hbs.AST.Position) => (lineStarts[at.line - 1] ?? text.length) + at.column;
  const ranges: [number, number][] = [];
  const blank = (program: hbs.AST.Program | undefined) => {
    if (program?.loc && program.body.length > 0) ranges.push([index(program.loc.start), index(program.loc.end)]);
  };
  const visit = (program: hbs.AST.Program | undefined) => {
    for (const statement of program?.body ?? []) {
      if (statement.type !== 'BlockStatement') continue;
      const block = statement as hbs.AST.BlockStatement;
      const helper = (block.path as hbs.AST.PathExpression).original;
      const tested = block.params.length === 1 ? (block.params[0] as hbs.AST.PathExpression).original : undefined;
      const onLegal = tested === 'legalEnabled' || tested === '@root.legalEnabled';
      if (onLegal && helper === 'if') blank(block.program);
      if (onLegal && helper === 'unless') blank(block.inverse);
      visit(block.program);
      visit(block.inverse);
    }
  };
  visit(program);
  let result = text;
  for (const [start, end] of ranges) result = result.slice(0, start) + result.slice(start, end).replace(/[^\n]/g, ' ') + result.slice(end);
  return result;
}
