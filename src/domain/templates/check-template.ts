// Whether a template may be activated: it parses, uses only what the message view has, renders for
// every kind of debtor, fits its channel, and says nothing the compliance lint refuses. An empty
// list of problems means it can be used; each problem says where it is and what to change.
import { lintTemplate, readableText } from '../compliance/template-lint.ts';
import { isAppError } from '../../errors.ts';
import { noHistory, type MessageModel } from '../messages/message-model.ts';
import { withoutLegalSections } from './legal-sections.ts';
import { limitedContentRule, renderTemplate, sourceProblems, templateParts, type TemplatePart } from './render-template.ts';
import { sampleMessageModel, type SampleOverrides } from './sample-model.ts';
import type { TemplateSource } from './template-source.ts';

export { parseTemplateFile } from './template-source.ts';

export interface TemplateProblem {
  part: TemplatePart;
  kind: 'missing' | 'syntax' | 'variable' | 'unsupported' | 'render' | 'length' | 'wording';
  message: string;
  /** 1-based line within the part (an email's body starts at line 1, after its Subject line). */
  line: number | null;
  /** 1-based, in characters. */
  column: number | null;
  /** Wording problems: the rule, its citation and the words it refused. */
  rule?: { id: string; citation: string; phrase: string };
}

/** Two SMS segments of 160 characters: longer texts are split, reordered and cost more. */
export const smsMaxLength = 320;

/**
 * The debtors a template must work for: both kinds, an agency's consumer, with and without a next
 * step, a first message (nothing sent before, no deadline, no payment instructions) and one with
 * the payment and portal links that will exist one day.
 */
const variants: { label: string; overrides: SampleOverrides }[] = [
  { label: 'a business customer', overrides: {} },
  { label: 'a business customer without a next step', overrides: { nextStep: null } },
  { label: 'a first message, without a deadline or payment instructions', overrides: { history: noHistory, deadline: null, org: { paymentInstructions: null } } },
  { label: 'a customer who can pay online', overrides: { payOnline: { url: 'https://pay.example.com/p/7Kq2mX' }, portalLink: { url: 'https://pay.example.com/a/7Kq2mX' } } },
  { label: 'a consumer', overrides: { customer: { kind: 'consumer' } } },
  { label: 'a consumer, sent by an agency', overrides: { customer: { kind: 'consumer' }, agency: true, nextStep: null } },
];

export function checkTemplate(source: TemplateSource, context: { legalEnabled: boolean }): TemplateProblem[] {
  const problems: TemplateProblem[] = [...missingParts(source)];
  const structure = sourceProblems(source);
  problems.push(...structure.map(({ part, kind, message, line, column }): TemplateProblem => ({ part, kind, message, line, column })));
  if (problems.length === 0) problems.push(...renderProblems(source, context));
  for (const [part, text] of templateParts(source)) {
    const readable = context.legalEnabled ? text : withoutLegalSections(text);
    for (const lint of lintTemplate(readable, { legalEnabled: context.legalEnabled })) {
      problems.push({
        part,
        kind: 'wording',
        message: `"${lint.phrase}": ${lint.reason}`,
        line: lint.line,
        column: lint.column,
        rule: { id: lint.ruleId, citation: lint.citation, phrase: lint.phrase },
      });
    }
    if (part === 'voicemail') problems.push(...voicemailWording(text));
  }
  return problems;
}

function missingParts(source: TemplateSource): TemplateProblem[] {
  const problem = (part: TemplatePart, message: string): TemplateProblem => ({ part, kind: 'missing', message, line: null, column: null });
  const problems: TemplateProblem[] = [];
  if (source.body.trim() === '') problems.push(problem('body', 'the template has no text'));
  if (source.channel === 'email' && !source.subject?.trim()) problems.push(problem('subject', 'an email needs a subject'));
  if (source.channel !== 'email' && source.subject !== null) problems.push(problem('subject', `only emails have a subject, not ${source.channel} templates`));
  if (source.channel === 'call' && !source.voicemail?.trim()) problems.push(problem('voicemail', 'a call script needs the voicemail to leave when nobody answers'));
  if (source.channel !== 'call' && source.voicemail !== null) problems.push(problem('voicemail', `only call scripts have a voicemail, not ${source.channel} templates`));
  return problems;
}

function renderProblems(source: TemplateSource, context: { legalEnabled: boolean }): TemplateProblem[] {
  const problems = new Map<string, TemplateProblem>();
  for (const { label, overrides } of variants) {
    const model: MessageModel = sampleMessageModel(source.language, { ...overrides, legalEnabled: context.legalEnabled });
    try {
      const rendered = renderTemplate(source, model);
      if (source.channel === 'sms' && rendered.text.length > smsMaxLength) {
        const message = `the SMS is ${rendered.text.length} characters for ${label} with the sample data; keep it within ${smsMaxLength} (the organisation name and the opt-out are added to it)`;
        problems.set(message, { part: 'body', kind: 'length', message, line: null, column: null });
      }
    } catch (error) {
      const message = isAppError(error) ? error.message : error instanceof Error ? error.message : String(error);
      const detail = isAppError(error) ? (error.details as { part?: TemplatePart; line?: number; column?: number } | undefined) : undefined;
      problems.set(message, { part: detail?.part ?? 'body', kind: 'render', message: `for ${label}: ${message}`, line: detail?.line ?? null, column: detail?.column ?? null });
    }
  }
  return [...problems.values()];
}

/**
 * Words that would tell whoever hears the voicemail what it is about. Variables are already held
 * to the caller, business and phone number; this catches the same facts written out.
 */
const debtWords = /(?<![\p{L}\p{N}_])(?:debts?|owe[ds]?|owing|overdue|outstanding|unpaid|invoices?|balances?|arrears|amounts?|payments?|pay|paid|collect(?:ion|ions|or|ors|ing)?|late)(?![\p{L}\p{N}_])/giu;

function voicemailWording(text: string): TemplateProblem[] {
  const visible = readableText(text);
  const problems: TemplateProblem[] = [];
  for (const match of visible.matchAll(debtWords)) {
    const before = text.slice(0, match.index).split('\n');
    const line = before.length;
    const column = Array.from(before[before.length - 1]!).length + 1;
    problems.push({
      part: 'voicemail',
      kind: 'wording',
      message: `"${match[0]}": ${limitedContentRule}`,
      line,
      column,
      rule: { id: 'voicemail-limited-content', citation: '12 CFR 1006.2(j)', phrase: match[0] },
    });
  }
  return problems;
}
