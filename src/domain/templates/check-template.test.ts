import type { MessageChannel } from '../playbooks/playbook.ts';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors.ts';
import { checkTemplate, parseTemplateFile, type TemplateProblem } from './check-template.ts';
import { withoutLegalSections } from './legal-sections.ts';
import { templateSource } from './template-source.ts';

function source(body: string, options: { channel?: MessageChannel; subject?: string | null; voicemail?: string | null } = {}) {
  const channel = options.channel ?? 'letter';
  return templateSource({
    name: 'custom',
    channel,
    language: 'en-GB',
    version: 1,
    subject: options.subject !== undefined ? options.subject : channel === 'email' ? 'Your account' : null,
    body,
    voicemail: options.voicemail !== undefined ? options.voicemail : channel === 'call' ? 'Hello, this is [your name]. Please call me back on {{org.phone}}.' : null,
  });
}

const kinds = (problems: TemplateProblem[]) => problems.map((problem) => `${problem.part}:${problem.kind}`);

describe('parseTemplateFile', () => {
  it('splits the Subject line from an email body', () => {
    expect(parseTemplateFile('Subject: Invoice {{invoiceNumbers}}\r\n\r\nDear {{contact.greetingName}},\r\n\r\nThanks.\r\n', 'email')).toEqual({
      subject: 'Invoice {{invoiceNumbers}}',
      body: 'Dear {{contact.greetingName}},\n\nThanks.',
    });
  });

  it('keeps every line of other channels as the body', () => {
    expect(parseTemplateFile('Subject: not a subject\n\nHi\n', 'letter')).toEqual({ subject: null, body: 'Subject: not a subject\n\nHi' });
  });

  it('refuses an email file without a subject, saying what the file should start with', () => {
    expect(() => parseTemplateFile('Dear {{contact.greetingName}},', 'email')).toThrow(AppError);
    expect(() => parseTemplateFile('Dear {{contact.greetingName}},', 'email')).toThrow(/starts with a line "Subject: …"/);
    expect(() => parseTemplateFile('Subject:   \n\nBody', 'email')).toThrow(/is empty/);
  });
});

describe('checkTemplate', () => {
  it('accepts a correct template', () => {
    expect(checkTemplate(source('Dear {{contact.greetingName}},\n\nPlease pay {{total}}{{#if deadline}} by {{deadline.on}}{{/if}}.'), { legalEnabled: false })).toEqual([]);
  });

  it('refuses a claim of earlier contact outside {{#if history.messagesSent}}, and accepts it inside', () => {
    const problems = checkTemplate(source('Dear {{contact.greetingName}},\n\nI am following up on our reminder about {{total}}.'), { legalEnabled: false });
    expect(problems).toEqual([expect.objectContaining({ part: 'body', kind: 'wording', line: 3, column: 6, rule: expect.objectContaining({ id: 'claims-earlier-contact', phrase: 'following up on our reminder' }) })]);
    const guarded = 'Dear {{contact.greetingName}},\n\n{{#if history.messagesSent}}I am following up on our reminder about {{total}}.{{else}}I am writing about {{total}}.{{/if}}';
    expect(checkTemplate(source(guarded), { legalEnabled: false })).toEqual([]);
  });

  it('refuses a payment link printed outside {{#if payOnline}}', () => {
    const problems = checkTemplate(source('Dear {{contact.greetingName}},\n\nPay at {{payOnline.url}}.'), { legalEnabled: false });
    expect(problems).toEqual([expect.objectContaining({ kind: 'variable', message: expect.stringContaining('{{#if payOnline}}') })]);
  });

  it('reports an unknown variable with its line and column, in every branch', () => {
    const problems = checkTemplate(source('Dear {{contact.greetingName}},\n\n{{#unless consumer}}\nFor {{customer.nmae}}.\n{{/unless}}'), { legalEnabled: false });
    expect(problems).toEqual([
      expect.objectContaining({ part: 'body', kind: 'variable', line: 4, column: 7, message: expect.stringContaining('did you mean "customer.name"') }),
    ]);
  });

  it('reports a syntax error with its line', () => {
    const [problem, ...rest] = checkTemplate(source('Dear {{contact.greetingName}},\n\nPay {{total}.'), { legalEnabled: false });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ part: 'body', kind: 'syntax', line: 3 });
  });

  it('refuses court wording outside {{#if legalEnabled}} when legal steps are disabled, and accepts it inside', () => {
    const outside = checkTemplate(source('Pay {{total}}.\n\nOtherwise we will start court proceedings.'), { legalEnabled: false });
    expect(outside).toEqual([expect.objectContaining({ part: 'body', kind: 'wording', line: 3, column: 25, rule: expect.objectContaining({ id: 'legal-action-not-enabled', phrase: 'court proceedings' }) })]);
    const inside = source('Pay {{total}}.\n\n{{#if legalEnabled}}\nOtherwise we may start court proceedings.\n{{else}}\nThank you.\n{{/if}}');
    expect(checkTemplate(inside, { legalEnabled: false })).toEqual([]);
    expect(checkTemplate(inside, { legalEnabled: true })).toEqual([]);
    const inElse = source('{{#if legalEnabled}}\nThank you.\n{{else}}\nOtherwise we may start court proceedings.\n{{/if}}');
    expect(kinds(checkTemplate(inElse, { legalEnabled: false }))).toEqual(['body:wording']);
  });

  it('refuses threats whatever the settings', () => {
    const problems = checkTemplate(source('{{#if legalEnabled}}\nPay or the bailiffs will call.\n{{/if}}'), { legalEnabled: true });
    expect(problems.map((problem) => problem.rule?.id)).toEqual(['false-enforcement-officer']);
  });

  it('lints the subject of an email too', () => {
    const problems = checkTemplate(source('Dear {{contact.greetingName}},', { channel: 'email', subject: 'Pay now, you idiot' }), { legalEnabled: true });
    expect(problems).toEqual([expect.objectContaining({ part: 'subject', kind: 'wording', rule: expect.objectContaining({ id: 'abusive-language' }) })]);
  });

  it('holds a voicemail to a limited-content message, in variables and in words', () => {
    const withAmount = checkTemplate(source('Call them.', { channel: 'call', voicemail: 'Hello, please call {{org.phone}} about {{total}}.' }), { legalEnabled: false });
    expect(withAmount).toEqual([expect.objectContaining({ part: 'voicemail', kind: 'variable', message: expect.stringContaining('12 CFR 1006.2(j)') })]);
    const withWords = checkTemplate(source('Call them.', { channel: 'call', voicemail: 'Hello, this is about your overdue invoice. Call {{org.phone}}.' }), { legalEnabled: false });
    expect(withWords.map((problem) => problem.rule?.phrase)).toEqual(['overdue', 'invoice']);
  });

  it('refuses an SMS that is too long for the sample data', () => {
    const problems = checkTemplate(source(`${'Please pay. '.repeat(25)}{{total}}`, { channel: 'sms' }), { legalEnabled: false });
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((problem) => problem.kind === 'length')).toBe(true);
    expect(problems[0]!.message).toMatch(/within 320/);
  });

  it('refuses missing and misplaced parts', () => {
    expect(kinds(checkTemplate(source('Hi', { channel: 'email', subject: null }), { legalEnabled: false }))).toEqual(['subject:missing']);
    expect(kinds(checkTemplate(source('Hi', { channel: 'call', voicemail: null }), { legalEnabled: false }))).toEqual(['voicemail:missing']);
    expect(kinds(checkTemplate(source('Hi', { channel: 'sms', subject: 'Hello' }), { legalEnabled: false }))).toEqual(['subject:missing']);
    expect(kinds(checkTemplate(source('  '), { legalEnabled: false }))).toEqual(['body:missing']);
  });

  it('refuses the invoice table in a letter and helpers anywhere', () => {
    expect(kinds(checkTemplate(source('Dear {{contact.greetingName}},\n\n{{> invoice_table}}'), { legalEnabled: false }))).toEqual(['body:unsupported']);
    expect(kinds(checkTemplate(source('{{#each invoices}}{{lookup this "number"}}{{/each}}'), { legalEnabled: false }))).toEqual(['body:unsupported']);
  });
});

describe('withoutLegalSections', () => {
  it('blanks what only renders with legal steps enabled, keeping every position', () => {
    const text = 'A\n{{#if legalEnabled}}court\nclaim{{else}}B{{/if}}\n{{#unless legalEnabled}}C{{else}}solicitor{{/unless}}';
    const blanked = withoutLegalSections(text);
    expect(blanked).toHaveLength(text.length);
    expect(blanked.split('\n').length).toBe(text.split('\n').length);
    expect(blanked).not.toMatch(/court|claim|solicitor/);
    expect(blanked).toContain('{{else}}B{{/if}}');
    expect(blanked).toContain('{{#unless legalEnabled}}C{{else}}');
  });
});
