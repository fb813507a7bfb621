// Template lint: the phrases of a message template that the lint rules refuse, each with where it
// is, the rule, its citation and why. Templates may be plain text, Handlebars or HTML; only the
// words a debtor would read are checked, but every position refers to the text as written.
import { templateLintRules, type LintRule } from './template-lint-rules.ts';

export interface LintContext {
  /** Legal steps (court, solicitors) are enabled for the organisation. */
  legalEnabled: boolean;
  /** The debt is past its limitation period. */
  timeBarred?: boolean;
  /**
   * The text is a rendered message, not a template: its {{#if}} blocks are already decided, so
   * rules that depend on them (claims of earlier contact) were checked on the template instead.
   */
  rendered?: boolean;
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
  let known: ((index: number) => KnownFacts) | undefined;
  const problems: { problem: LintProblem; index: number; order: number }[] = [];
  rules.forEach((rule, order) => {
    if (!applies(rule, context)) return;
    for (const match of visible.matchAll(ruleExpression(rule))) {
      const index = match.index;
      if (rule.allowedWhere) {
        known ??= knownFacts(text);
        if (allowedHere(rule.allowedWhere, known(index))) continue;
      }
      problems.push({
        index,
        order,
        problem: { ruleId: rule.id, citation: rule.citation, reason: rule.reason, phrase: text.slice(index, index + match[0].length), ...position(index) },
      });
    }
  });
  return problems.sort((a, b) => a.index - b.index || a.order - b.order).map(({ problem }) => problem);
}

/** What the blocks around a place in a template say: paths known to be set there, and known to be empty. */
export interface KnownFacts {
  truthy: ReadonlySet<string>;
  falsy: ReadonlySet<string>;
}

function allowedHere(where: NonNullable<LintRule['allowedWhere']>, facts: KnownFacts): boolean {
  return (where.truthy ?? []).some((path) => facts.truthy.has(path)) || (where.falsy ?? []).some((path) => facts.falsy.has(path));
}

/** A block's facts: those of the branch being read, and those the branches before it ruled out. */
interface Block {
  own: { truthy: string[]; falsy: string[] };
  before: { truthy: string[]; falsy: string[] };
}

/**
 * For each place in the template, what its enclosing blocks establish: inside {{#if x}} x is set,
 * in its {{else}} x is empty; {{#unless x}} the other way round; {{#with x}} x is set. Read from
 * the block tags alone (comments skipped), so it works on text that does not parse as well.
 */
export function knownFacts(text: string): (index: number) => KnownFacts {
  const spans: { from: number; truthy: Set<string>; falsy: Set<string> }[] = [{ from: 0, truthy: new Set(), falsy: new Set() }];
  const stack: Block[] = [];
  const branch = (helper: string | undefined, word: string | undefined) => {
    const path = guardPath(word);
    return { truthy: path && (helper === 'if' || helper === 'with') ? [path] : [], falsy: path && helper === 'unless' ? [path] : [] };
  };
  const tag = /\{\{!--[\s\S]*?--\}\}|\{\{![\s\S]*?\}\}|\{\{~?\s*(#|\/|\^|else\b)\s*([^}]*?)\s*~?\}\}/g;
  for (const match of text.matchAll(tag)) {
    const kind = match[1];
    if (kind === undefined) continue;
    const words = (match[2] ?? '').split(/\s+/).filter(Boolean);
    if (kind === '#') stack.push({ own: branch(words[0], words[1]), before: { truthy: [], falsy: [] } });
    else if (kind === '^') stack.push({ own: branch('unless', words[0]), before: { truthy: [], falsy: [] } });
    else if (kind === '/') stack.pop();
    else {
      // {{else}} or {{else if y}}: the branch before did not apply, so what it assumed is the other way round
      const top = stack[stack.length - 1];
      if (!top) continue;
      top.before = { truthy: [...top.before.truthy, ...top.own.falsy], falsy: [...top.before.falsy, ...top.own.truthy] };
      top.own = branch(words[0], words[1]);
    }
    spans.push({
      from: match.index + match[0].length,
      truthy: new Set(stack.flatMap((block) => [...block.before.truthy, ...block.own.truthy])),
      falsy: new Set(stack.flatMap((block) => [...block.before.falsy, ...block.own.falsy])),
    });
  }
  return (index) => {
    let found = spans[0]!;
    for (const span of spans) {
      if (span.from > index) break;
      found = span;
    }
    return { truthy: found.truthy, falsy: found.falsy };
  };
}

/** "history.messagesSent", "@root.history.messagesSent" and "../history.messagesSent" name the same value. */
function guardPath(word: string | undefined): string | null {
  if (!word) return null;
  return word.replace(/^@root\./, '').replace(/^(?:\.\.\/)+/, '').replace(/^this\./, '');
}

function applies(rule: LintRule, context: LintContext): boolean {
  if (rule.allowedWhere && context.rendered) return false;
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
