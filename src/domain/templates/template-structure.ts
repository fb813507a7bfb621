// What a template may contain, checked on its syntax tree before it is rendered: variables that
// exist in the message view, #if/#unless/#each/#with and nothing else, the invoice table only
// where the channel shows one. Strict mode alone would only catch a misspelt name in the branch
// that happens to be taken; this walks every branch, so a template either works or is refused.
import { blockHelpers, handlebars, invoiceTablePartial } from './handlebars-env.ts';
import { messageViewShape, type ViewShape } from './message-view.ts';

export interface StructureProblem {
  kind: 'syntax' | 'variable' | 'unsupported';
  message: string;
  /** 1-based; null when Handlebars does not say. */
  line: number | null;
  /** 1-based, in characters; null when Handlebars does not say. */
  column: number | null;
}

export interface StructureRules {
  /** Whether {{> invoice_table}} may be used, and if not, why (shown to the person editing). */
  invoiceTable: true | string;
  /**
   * When given, the only variables the text may use (full paths such as "org.phone"): how a
   * voicemail is held to a limited-content message.
   */
  onlyVariables?: { names: ReadonlySet<string>; why: string };
}

export type ParsedTemplate = { ok: true; program: hbs.AST.Program } | { ok: false; problem: StructureProblem };

export function parseTemplate(text: string): ParsedTemplate {
  try {
    return { ok: true, program: handlebars.parse(text) };
  } catch (error) {
    return { ok: false, problem: syntaxProblem(text, error) };
  }
}

/** Handlebars' parser messages are written for its own grammar; say what is wrong in plain words. */
function syntaxProblem(text: string, error: unknown): StructureProblem {
  const message = error instanceof Error ? error.message : String(error);
  const located = error as { lineNumber?: number; column?: number };
  if (typeof located.lineNumber === 'number') {
    const { line, column } = position(text, located.lineNumber, located.column ?? 0);
    return { kind: 'syntax', message: message.replace(/ - \d+:\d+$/, ''), line, column };
  }
  const line = Number(/on line (\d+)/.exec(message)?.[1] ?? NaN);
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  const what =
    got === 'EOF'
      ? 'the template ends inside a block: every {{#if …}}, {{#unless …}}, {{#each …}} and {{#with …}} needs its {{/…}}'
      : /Lexical error/.test(message)
        ? 'a {{ … }} expression or a {{!-- … --}} comment is not written correctly'
        : 'a {{ … }} expression is not written correctly: check its braces and the name inside';
  return { kind: 'syntax', message: what, line: Number.isFinite(line) ? line : null, column: null };
}

interface Scope {
  shape: ViewShape;
  /** Path from the root, lists as "invoices[]": how guards and messages name it. */
  path: string;
}

interface Frame {
  /** Contexts, innermost last: #each and #with push one, #if and #unless do not. */
  contexts: Scope[];
  blockParams: Map<string, Scope>;
  /** Nullable paths known to be non-null here (inside {{#if path}} or {{#with path}}). */
  guarded: Set<string>;
  inEach: boolean;
}

export function structureProblems(text: string, program: hbs.AST.Program, rules: StructureRules): StructureProblem[] {
  const problems: StructureProblem[] = [];
  const root: Scope = { shape: messageViewShape, path: '' };
  const at = (node: hbs.AST.Node) => (node.loc ? position(text, node.loc.start.line, node.loc.start.column) : { line: null, column: null });
  const report = (kind: StructureProblem['kind'], node: hbs.AST.Node, message: string) => problems.push({ kind, message, ...at(node) });

  const resolve = (node: hbs.AST.Expression, frame: Frame): Scope | undefined => {
    if (node.type !== 'PathExpression') {
      if (node.type === 'SubExpression') report('unsupported', node, 'helpers in ( … ) are not available in templates; use the ready-formatted values');
      return { shape: { kind: 'value' }, path: '' };
    }
    const path = node as hbs.AST.PathExpression;
    if (path.data) return resolveData(path, frame);
    let scope: Scope | undefined;
    let parts = path.parts;
    const param = path.depth === 0 && parts.length > 0 ? frame.blockParams.get(parts[0]!) : undefined;
    if (param) {
      scope = param;
      parts = parts.slice(1);
    } else {
      scope = frame.contexts[frame.contexts.length - 1 - path.depth];
      if (!scope) {
        report('variable', path, `"${path.original}" goes up more levels (../) than there are blocks around it`);
        return undefined;
      }
    }
    return walkParts(path, scope, parts, frame);
  };

  const resolveData = (path: hbs.AST.PathExpression, frame: Frame): Scope | undefined => {
    const [first, ...rest] = path.parts;
    if (first === 'root') return walkParts(path, root, rest, frame);
    if (frame.inEach && rest.length === 0 && (first === 'index' || first === 'first' || first === 'last')) return { shape: { kind: 'value' }, path: `@${first}` };
    report('variable', path, `"${path.original}" is not available here; inside {{#each …}} you may use @index, @first and @last`);
    return undefined;
  };

  const walkParts = (path: hbs.AST.PathExpression, start: Scope, parts: readonly string[], frame: Frame): Scope | undefined => {
    let scope = start;
    for (const part of parts) {
      const { shape } = scope;
      if (shape.kind !== 'object') {
        const what = shape.kind === 'list' ? `a list: use {{#each ${scope.path}}} … {{/each}} to go through it` : 'a single value, with nothing inside it';
        report('variable', path, `"${path.original}" cannot be used: ${scope.path || 'it'} is ${what}`);
        return undefined;
      }
      if (shape.nullable && !frame.guarded.has(scope.path)) {
        report('variable', path, `"${path.original}" may be empty: put it inside {{#if ${scope.path}}} … {{/if}}`);
        return undefined;
      }
      const field = Object.hasOwn(shape.fields, part) ? shape.fields[part] : undefined;
      if (!field) {
        report('variable', path, unknownName(path.original, part, scope));
        return undefined;
      }
      scope = { shape: field, path: scope.path ? `${scope.path}.${part}` : part };
    }
    return scope;
  };

  const checkAllowed = (node: hbs.AST.Node, scope: Scope | undefined) => {
    const only = rules.onlyVariables;
    if (!only || !scope || scope.path === '' || scope.path.startsWith('@')) return;
    if (!only.names.has(scope.path)) report('variable', node, `"${scope.path}" cannot be used here: ${only.why}`);
  };

  const visitProgram = (program: hbs.AST.Program | undefined, frame: Frame) => {
    for (const statement of program?.body ?? []) visit(statement, frame);
  };

  const visit = (node: hbs.AST.Statement, frame: Frame): void => {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        if (mustache.params.length > 0 || (mustache.hash?.pairs.length ?? 0) > 0) {
          report('unsupported', mustache, `"${expressionName(mustache.path)}" is used as a helper; templates have no helpers, only values such as {{total}}`);
          return;
        }
        const scope = resolve(mustache.path, frame);
        checkAllowed(mustache.path, scope);
        if (scope && scope.shape.kind !== 'value') {
          const name = (mustache.path as hbs.AST.PathExpression).original;
          const hint =
            scope.shape.kind === 'list'
              ? `a list: use {{#each ${name}}} … {{/each}}`
              : `a group of values: use one of them, e.g. {{${name}.${Object.keys(scope.shape.fields)[0]}}}`;
          report('variable', mustache.path, `"${name}" is ${hint}`);
        }
        return;
      }
      case 'BlockStatement':
        return visitBlock(node as hbs.AST.BlockStatement, frame);
      case 'PartialStatement': {
        const partial = node as hbs.AST.PartialStatement;
        const name = expressionName(partial.name);
        if (name !== invoiceTablePartial) {
          report('unsupported', partial, `there is no partial "${name}"; the only one is {{> ${invoiceTablePartial}}}`);
        } else if (rules.invoiceTable !== true) {
          report('unsupported', partial, rules.invoiceTable);
        } else if (partial.params.length > 0 || (partial.hash?.pairs.length ?? 0) > 0) {
          report('unsupported', partial, `write {{> ${invoiceTablePartial}}} on its own, without anything after the name`);
        }
        return;
      }
      default:
        // Partial blocks, decorators, raw blocks: nothing a message needs.
        report('unsupported', node, `"${node.type}" is not available in templates; use text, {{values}}, {{#if}}, {{#unless}}, {{#each}} and {{#with}}`);
    }
  };

  const visitBlock = (block: hbs.AST.BlockStatement, frame: Frame) => {
    const helper = expressionName(block.path);
    if (!(blockHelpers as readonly string[]).includes(helper)) {
      report('unsupported', block, `{{#${helper}}} is not available; blocks are {{#if …}}, {{#unless …}}, {{#each …}} and {{#with …}}`);
      return;
    }
    if (block.params.length !== 1 || (block.hash?.pairs.length ?? 0) > 0) {
      report('unsupported', block, `{{#${helper}}} takes exactly one value, e.g. {{#${helper} ${helper === 'each' ? 'invoices' : 'nextStep'}}}`);
      return;
    }
    const param = block.params[0]!;
    const scope = resolve(param, frame);
    checkAllowed(param, scope);
    const inner: Frame = { ...frame, guarded: new Set(frame.guarded) };
    if (helper === 'if' || helper === 'with') {
      if (scope) inner.guarded.add(scope.path);
    }
    if (helper === 'each' || helper === 'with') {
      const expected = helper === 'each' ? 'list' : 'object';
      if (scope && scope.shape.kind !== expected) {
        const name = expressionName(param);
        report('variable', param, helper === 'each' ? `"${name}" is not a list; {{#each}} goes through invoices or totals` : `"${name}" is not a group of values`);
      } else if (scope) {
        const context: Scope = scope.shape.kind === 'list' ? { shape: scope.shape.item, path: `${scope.path}[]` } : scope;
        inner.contexts = [...frame.contexts, context];
        inner.inEach = frame.inEach || helper === 'each';
        const params = block.program.blockParams ?? [];
        if (params.length > 0) {
          inner.blockParams = new Map(frame.blockParams);
          if (params[0]) inner.blockParams.set(params[0], context);
          if (params[1] && helper === 'each') inner.blockParams.set(params[1], { shape: { kind: 'value' }, path: '@index' });
        }
      }
    }
    visitProgram(block.program, inner);
    // The else branch runs in the surrounding context; after {{#unless x}} it is where x is set.
    const otherwise: Frame = helper === 'unless' && scope ? { ...frame, guarded: new Set([...frame.guarded, scope.path]) } : frame;
    visitProgram(block.inverse, otherwise);
  };

  visitProgram(program, { contexts: [root], blockParams: new Map(), guarded: new Set(), inEach: false });
  return problems;
}

function expressionName(node: hbs.AST.Expression): string {
  return (node as hbs.AST.PathExpression).original ?? String((node as hbs.AST.StringLiteral).value ?? node.type);
}

function unknownName(written: string, part: string, scope: Scope): string {
  const names = scope.shape.kind === 'object' ? Object.keys(scope.shape.fields) : [];
  const closest = names
    .map((name) => ({ name, distance: editDistance(part.toLowerCase(), name.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const where = scope.path ? `in ${scope.path.replace(/\[\]$/, ' (each item)')}` : 'at the top level';
  const suggestion = closest && closest.distance <= Math.max(2, Math.floor(part.length / 3)) ? `; did you mean "${written.replace(new RegExp(`${escapeRegExp(part)}$`), closest.name)}"?` : '';
  return `"${written}" does not exist${suggestion} (names ${where}: ${names.join(', ')})`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** Handlebars counts lines from 1 and columns from 0 in UTF-16 units; people count characters from 1. */
export function position(text: string, line: number, column: number): { line: number; column: number } {
  const lineText = text.split('\n')[line - 1] ?? '';
  return { line, column: Array.from(lineText.slice(0, column)).length + 1 };
}
