// Template lint: the phrases of a message template that the lint rules refuse, each with where it
// is, the rule, its citation and why. Templates may be plain text, Handlebars or HTML; only the
// words a debtor would read are checked, but every position refers to the text as written.
import { templateLintRules, type LintRule } from './template-lint-rules.ts';

export interface LintContext {
  /** Legal steps (court, solicitors) are enabled for the organisation. */
  legalEnabled: boolean;
  /** The debt is past its limitation period. */
  timeBarred?: boolean;
}

export interface LintProblem {
  ruleId: string;
  citation: string;
  reason: string;
  /** The offending words exactly as written in the template. */
  phrase: string;
  /** 1-based line of the phrase's first character. */
  line: number;
  /** 1-based column of the phrase's first character, counted in characters. */
  column: number;
}

export function lintTemplate(text: string, context: LintContext, rules: readonly LintRule[] = templateLintRules): LintProblem[] {
  const visible = readableText(text);
  const position = positions(text);
  const problems: { problem: LintProblem; index: number; order: number }[] = [];
  rules.forEach((rule, order) => {
    if (!applies(rule, context)) return;
    for (const match of visible.matchAll(ruleExpression(rule))) {
      const index = match.index;
      problems.push({
        index,
        order,
        problem: { ruleId: rule.id, citation: rule.citation, reason: rule.reason, phrase: text.slice(index, index + match[0].length), ...position(index) },
      });
    }
  });
  return problems.sort((a, b) => a.index - b.index || a.order - b.order).map(({ problem }) => problem);
}

function applies(rule: LintRule, context: LintContext): boolean {
  const when = rule.appliesWhen;
  if (!when) return true;
  if (when.legalEnabled !== undefined && when.legalEnabled !== context.legalEnabled) return false;
  if (when.timeBarred !== undefined && when.timeBarred !== (context.timeBarred ?? false)) return false;
  return true;
}

const expressions = new WeakMap<LintRule, RegExp>();

/**
 * One expression per rule, so overlapping patterns of a rule report a phrase once. Letters and
 * digits of any script count as word characters: "sue" never matches inside "issue" or "pursue".
 */
function ruleExpression(rule: LintRule): RegExp {
  let expression = expressions.get(rule);
  if (!expression) {
    const alternatives = rule.patterns.map((pattern) => pattern.replaceAll(' ', '\\s+')).join('|');
    expression = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'giu');
    expressions.set(rule, expression);
  }
  return expression;
}

/** A placeholder's value is unknown: it separates words but never joins them into a phrase. */
const hidden = '\u0000';

/**
 * The template with Handlebars expressions and HTML markup blanked out, character for character,
 * so that an index into it is an index into the template. Tags become spaces (the words either
 * side still read as a phrase); placeholders become a mark that is neither a word nor a space.
 * Line breaks are kept so that what follows keeps its line.
 */
export function readableText(text: string): string {
  const blank = (replacement: string) => (found: string) => found.replace(/[^\n]/g, replacement);
  return text
    .replace(/\{\{!--[\s\S]*?--\}\}|\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}/g, blank(hidden))
    .replace(/<!--[\s\S]*?-->|<[A-Za-z/!][^<>]*>/g, blank(' '))
    .replace(/&(?:nbsp|#160|#x[aA]0);/g, blank(' '))
    .replace(/&(?:[A-Za-z]+|#\d+|#x[\dA-Fa-f]+);/g, blank(hidden));
}

/** Line and column (in characters, not UTF-16 units) of an index into the text. */
function positions(text: string): (index: number) => { line: number; column: number } {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return (index) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (lineStarts[middle]! <= index) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: Array.from(text.slice(lineStarts[low]!, index)).length + 1 };
  };
}
